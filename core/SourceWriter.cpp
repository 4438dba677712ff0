#include "SourceWriter.h"

#include "CounterLevels.h"
#include "SourceRemover.h"
#include "TimeUtil.h"
#include "Utf8.h"
#include "sqlite/SqlError.h"
#include "sqlite/Transaction.h"

#include <QUuid>
#include <sqlite3.h>
#include <unistd.h>

namespace perfcase {

namespace {
double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

SourceWriter::SourceWriter(Database &db, const SourceSpec &spec)
    : m_db(db), m_started(std::chrono::steady_clock::now()),
      m_logs(db, "logs", {"track_id", "ts", "level", "message", "line", "template_id"}),
      m_slices(db, "slices", {"track_id", "ts", "dur", "name", "category", "depth", "args"}),
      m_insertCounter(db.prepare("INSERT INTO counters(track_id, ts, value) VALUES(?, ?, ?)")),
      m_insertInstant(db.prepare("INSERT INTO instants(track_id, ts, name, severity, args) "
                                 "VALUES(?, ?, ?, ?, ?)")),
      m_insertError(db.prepare("INSERT INTO import_errors(source_id, line, byte, kind, message, "
                               "excerpt) VALUES(?, ?, ?, ?, ?, ?)")),
      m_insertObject(db.prepare("INSERT INTO objects(source_id, ts, kind, namespace, name, json) "
                                "VALUES(?, ?, ?, ?, ?, ?)"))
{
    Transaction transaction(db);
    db.prepare("INSERT INTO sources(uuid, kind, name, origin, format, compression, options, "
               "imported_at, bytes, state, ready, importer_pid, tz, time_source, clock_domain) "
               "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, 'importing', 0, ?, ?, ?, ?)")
        .bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString())
        .bind(2, spec.kind)
        .bind(3, spec.name)
        .bind(4, spec.origin)
        .bind(5, spec.format)
        .bind(6, spec.compression)
        .bind(7, spec.optionsJson)
        .bind(8, nowNs())
        .bind(9, spec.bytes)
        .bind(10, std::int64_t(::getpid()))
        .bind(11, spec.tz)
        .bind(12, spec.timeSource)
        .bind(13, spec.clockDomain)
        .run();
    m_sourceId = db.lastInsertRowId();
    transaction.commit();
    // A bulk import wants a large page cache and no checkpoints midway (each
    // would copy pages twice); finish() checkpoints once at the end.
    db.exec("PRAGMA cache_size=-65536");
    db.exec("PRAGMA wal_autocheckpoint=0");
    beginBatch();
}

SourceWriter::~SourceWriter()
{
    if (!m_finished) {
        try {
            abort();
        } catch (...) {
            // The next writable open removes the unfinished source.
        }
    }
}

void SourceWriter::beginBatch()
{
    m_db.exec("BEGIN IMMEDIATE");
    m_inTransaction = true;
    m_rowsInBatch = 0;
}

void SourceWriter::commitBatch()
{
    flushRows();
    m_db.exec("COMMIT");
    m_inTransaction = false;
}

void SourceWriter::countRow()
{
    if (++m_rowsInBatch >= kBatchRows) {
        commitBatch();
        beginBatch();
    }
}

void SourceWriter::countTrackRow(std::int64_t trackId)
{
    if (trackId != m_cachedTrack || !m_cachedTrackRows) {
        m_cachedTrack = trackId;
        m_cachedTrackRows = &m_trackRows[trackId]; // references into the map stay valid
    }
    ++*m_cachedTrackRows;
}

void SourceWriter::noteLogBlock(std::int64_t trackId, std::int64_t id, std::int64_t ts)
{
    auto [it, added] = m_openBlocks.try_emplace(trackId, LogBlock{trackId, id, id, ts, ts, 0});
    LogBlock &block = it->second;
    block.lastId = id;
    block.firstTs = std::min(block.firstTs, ts);
    block.lastTs = std::max(block.lastTs, ts);
    if (++block.rows == kLogBlockRows) {
        m_logBlocks.push_back(block);
        m_openBlocks.erase(it);
    }
}

void SourceWriter::writeLogBlocks()
{
    for (const auto &[trackId, block] : m_openBlocks)
        m_logBlocks.push_back(block);
    m_openBlocks.clear();
    Statement insert = m_db.prepare("INSERT INTO log_blocks(track_id, first_id, last_id, "
                                    "first_ts, last_ts, rows) VALUES(?, ?, ?, ?, ?, ?)");
    for (const LogBlock &block : m_logBlocks)
        insert.bind(1, block.trackId)
            .bind(2, block.firstId)
            .bind(3, block.lastId)
            .bind(4, block.firstTs)
            .bind(5, block.lastTs)
            .bind(6, block.rows)
            .run();
    m_logBlocks.clear();
}

void SourceWriter::buildLogBlocksFromTable()
{
    m_db.prepare("INSERT INTO log_blocks(track_id, first_id, last_id, first_ts, last_ts, rows) "
                 "SELECT track_id, min(id), max(id), min(ts), max(ts), count(*) FROM logs "
                 "WHERE id BETWEEN ?1 AND ?2 "
                 "AND track_id IN (SELECT id FROM tracks WHERE source_id = ?3) "
                 "GROUP BY track_id, (id - ?1) / ?4")
        .bind(1, *m_firstLogId)
        .bind(2, *m_lastLogId)
        .bind(3, m_sourceId)
        .bind(4, kLogBlockRows)
        .run();
}

void SourceWriter::noteTime(std::int64_t ts)
{
    if (!m_firstTs || ts < *m_firstTs) m_firstTs = ts;
    if (!m_lastTs || ts > *m_lastTs) m_lastTs = ts;
}

std::int64_t SourceWriter::addTrack(std::string_view kind, std::string_view name,
                                    std::string_view unit, std::string_view labelsJson)
{
    Statement insert = m_db.prepare(
        "INSERT INTO tracks(source_id, kind, name, unit, labels) VALUES(?, ?, ?, ?, ?)");
    insert.bind(1, m_sourceId).bind(2, kind).bind(3, name);
    if (unit.empty())
        insert.bindNull(4);
    else
        insert.bind(4, unit);
    insert.bind(5, labelsJson).run();
    return m_db.lastInsertRowId();
}

void SourceWriter::addLog(std::int64_t trackId, std::int64_t ts, std::optional<LogLevel> level,
                          std::string_view message, std::int64_t line,
                          std::optional<int> templateKey)
{
    m_logs.value(trackId).value(ts);
    if (level)
        m_logs.value(std::int64_t(*level));
    else
        m_logs.null();
    m_logs.text(message).value(line);
    if (templateKey && *templateKey >= 0)
        m_logs.value(templateIdFor(*templateKey));
    else
        m_logs.null();
    m_pendingLogs.push_back({trackId, ts, level ? int(*level) : LogRateCounter::kNoLevel});
    if (m_logs.endRow()) noteFlushedLogs();
    if (ts < m_previousLogTs) m_logsOutOfOrder = true;
    m_previousLogTs = ts;
    noteTime(ts);
    countTrackRow(trackId);
    countRow();
}

std::int64_t SourceWriter::templateIdFor(int templateKey)
{
    const auto key = std::size_t(templateKey);
    if (key >= m_templateIds.size()) {
        m_templateIds.resize(key + 1, 0);
        m_templateCounts.resize(key + 1, 0);
    }
    if (!m_templateIds[key]) {
        // The row reserves a case-global id now, in the batch's transaction
        // (another process may import at the same time); pattern and count
        // come in finish(). The source is not ready, so no view shows it.
        m_db.prepare("INSERT INTO log_templates(source_id, pattern, count) VALUES(?, '', 0)")
            .bind(1, m_sourceId)
            .run();
        m_templateIds[key] = m_db.lastInsertRowId();
    }
    ++m_templateCounts[key];
    return m_templateIds[key];
}

void SourceWriter::setLogTemplatePatterns(std::vector<std::string> patterns)
{
    m_templatePatterns = std::move(patterns);
}

void SourceWriter::writeLogTemplates()
{
    if (m_templateIds.empty()) return;
    Statement update = m_db.prepare("UPDATE log_templates SET pattern = ?, count = ? WHERE id = ?");
    for (std::size_t key = 0; key < m_templateIds.size(); ++key) {
        if (!m_templateIds[key]) continue;
        update.reset();
        update.bind(1, key < m_templatePatterns.size() ? m_templatePatterns[key] : std::string())
            .bind(2, m_templateCounts[key])
            .bind(3, m_templateIds[key])
            .run();
    }
}

void SourceWriter::flushRows()
{
    m_logs.flush();
    noteFlushedLogs();
    m_slices.flush();
}

void SourceWriter::noteFlushedLogs()
{
    if (m_pendingLogs.empty()) return;
    std::int64_t id = m_logs.lastFlush().firstId;
    if (!m_firstLogId) m_firstLogId = id;
    for (const PendingLog &log : m_pendingLogs) {
        noteLogBlock(log.trackId, id++, log.ts);
        m_logRates.add(log.trackId, log.ts, log.level);
    }
    m_lastLogId = id - 1;
    m_pendingLogs.clear();
}

void SourceWriter::addSlice(std::int64_t trackId, std::int64_t ts, std::int64_t dur,
                            std::string_view name, std::string_view category, int depth,
                            std::string_view argsJson)
{
    m_slices.value(trackId).value(ts).value(dur).text(name).textOrNull(category);
    m_slices.value(std::int64_t(depth)).textOrNull(argsJson).endRow();
    noteTime(ts);
    noteTime(ts + dur);
    countTrackRow(trackId);
    countRow();
}

void SourceWriter::addCounter(std::int64_t trackId, std::int64_t ts, double value)
{
    m_insertCounter.bind(1, trackId).bind(2, ts).bind(3, value).run();
    noteTime(ts);
    countTrackRow(trackId);
    countRow();
}

void SourceWriter::addInstant(std::int64_t trackId, std::int64_t ts, std::string_view name,
                              std::optional<LogLevel> severity, std::string_view argsJson)
{
    m_insertInstant.bind(1, trackId).bind(2, ts).bindStatic(3, name);
    if (severity)
        m_insertInstant.bind(4, int(*severity));
    else
        m_insertInstant.bindNull(4);
    if (argsJson.empty())
        m_insertInstant.bindNull(5);
    else
        m_insertInstant.bindStatic(5, argsJson);
    m_insertInstant.run();
    noteTime(ts);
    countTrackRow(trackId);
    countRow();
}

void SourceWriter::addBlob(std::string_view name, std::string_view compression,
                           std::string_view sha256, std::string_view data)
{
    m_db.prepare("INSERT INTO blobs(source_id, name, compression, sha256, data) "
                 "VALUES(?, ?, ?, ?, ?)")
        .bind(1, m_sourceId)
        .bind(2, name)
        .bind(3, compression)
        .bind(4, sha256)
        .bindBlob(5, data.data(), data.size())
        .run();
}

void SourceWriter::addObject(std::int64_t ts, std::string_view kind, std::string_view ns,
                             std::string_view name, std::string_view json)
{
    m_insertObject.bind(1, m_sourceId).bind(2, ts).bind(3, kind);
    if (ns.empty())
        m_insertObject.bindNull(4);
    else
        m_insertObject.bind(4, ns);
    m_insertObject.bind(5, name).bind(6, json).run();
    noteTime(ts);
    countRow();
}

void SourceWriter::addError(std::int64_t line, std::int64_t byte, std::string_view kind,
                            std::string_view message, std::string_view excerpt)
{
    if (m_storedErrors >= kMaxStoredErrors) return;
    ++m_storedErrors;
    m_insertError.bind(1, m_sourceId);
    if (line > 0)
        m_insertError.bind(2, line);
    else
        m_insertError.bindNull(2);
    if (byte >= 0)
        m_insertError.bind(3, byte);
    else
        m_insertError.bindNull(3);
    m_insertError.bind(4, kind).bind(5, message).bind(6, utf8Prefix(excerpt, 200)).run();
}

std::optional<std::int64_t> SourceWriter::findDuplicate(const std::string &dedupKey)
{
    Statement select = m_db.prepare(
        "SELECT id FROM sources WHERE dedup_key = ? AND ready = 1 AND id != ? LIMIT 1");
    select.bind(1, dedupKey).bind(2, m_sourceId);
    if (select.step()) return select.int64(0);
    return std::nullopt;
}

void SourceWriter::reorderLogsByTime()
{
    // Pages in the log table follow rowid, so a source's rows must be in time
    // order. Files almost always are; for the rest SQLite sorts on disk.
    Statement copy = m_db.prepare(
        "INSERT INTO logs(track_id, ts, level, message, line, template_id) "
        "SELECT track_id, ts, level, message, line, template_id FROM logs WHERE id BETWEEN ?1 AND "
        "?2 "
        "AND track_id IN (SELECT id FROM tracks WHERE source_id = ?3) ORDER BY ts, id");
    copy.bind(1, *m_firstLogId).bind(2, *m_lastLogId).bind(3, m_sourceId).run();
    std::int64_t newLast = m_db.lastInsertRowId();
    m_db.prepare("DELETE FROM logs WHERE id BETWEEN ?1 AND ?2 "
                 "AND track_id IN (SELECT id FROM tracks WHERE source_id = ?3)")
        .bind(1, *m_firstLogId)
        .bind(2, *m_lastLogId)
        .bind(3, m_sourceId)
        .run();
    m_firstLogId = *m_lastLogId + 1;
    m_lastLogId = newLast;
}

namespace {
// Polls the caller's cancel check every few thousand SQLite VM steps; a true
// answer interrupts the running statement. Removed when it goes out of scope.
class ProgressCheck
{
public:
    ProgressCheck(Database &db, const std::function<bool()> &cancelled)
        : m_db(db), m_cancelled(cancelled)
    {
        if (m_cancelled)
            sqlite3_progress_handler(m_db.handle(), kSteps, &ProgressCheck::poll, this);
    }
    ~ProgressCheck()
    {
        if (m_cancelled) sqlite3_progress_handler(m_db.handle(), 0, nullptr, nullptr);
    }
    ProgressCheck(const ProgressCheck &) = delete;
    ProgressCheck &operator=(const ProgressCheck &) = delete;

private:
    static constexpr int kSteps = 10'000;
    static int poll(void *self)
    {
        return static_cast<ProgressCheck *>(self)->m_cancelled() ? 1 : 0;
    }
    Database &m_db;
    const std::function<bool()> &m_cancelled;
};
} // namespace

SourceWriter::Timing SourceWriter::finish(const SourceSummary &summary,
                                          const std::function<bool()> &cancelled)
{
    Timing timing;
    std::optional<ProgressCheck> check(std::in_place, m_db, cancelled);
    flushRows();
    m_db.prepare("UPDATE sources SET records = ?, rejected = ?, ignored = ?, warnings = ?, "
                 "state = ?, sha256 = ?, dedup_key = ?, first_raw_ns = ?, last_raw_ns = ?, "
                 "time_source = ?, clock_domain = ?, clock_offset_ns = ?, clock_origin = ?, "
                 "clock_residual_ns = ? WHERE id = ?")
        .bind(1, summary.records)
        .bind(2, summary.rejected)
        .bind(3, summary.ignored)
        .bind(4, summary.warnings)
        .bind(5, summary.partial ? "partial" : "complete")
        .bind(6, summary.sha256)
        .bind(7, summary.dedupKey)
        .bind(8, m_firstTs)
        .bind(9, m_lastTs)
        .bind(10, summary.timeSource)
        .bind(11, summary.clockDomain)
        .bind(12, summary.clockOffsetNs)
        .bind(13, summary.clockOrigin)
        .bind(14, summary.clockResidualNs)
        .bind(15, m_sourceId)
        .run();
    Statement trackCount = m_db.prepare("UPDATE tracks SET row_count = ? WHERE id = ?");
    for (const auto &[trackId, rows] : m_trackRows)
        trackCount.bind(1, rows).bind(2, trackId).run();
    commitBatch();
    timing.rowsSeconds = secondsSince(m_started);

    Transaction ready(m_db);
    if (m_firstLogId) {
        // A sparse time index instead of one entry per row: rows of a source
        // are in time order by id, so blocks of kLogBlockRows rows map a time
        // range to id ranges (see v_log_blocks) at a fraction of the cost.
        if (m_logsOutOfOrder) {
            reorderLogsByTime();
            buildLogBlocksFromTable();
            LogRateCounter::countFromTable(m_db, m_sourceId);
        } else {
            writeLogBlocks();
            m_logRates.write(m_db, m_sourceId);
        }
        // Merging FTS segments while bulk-loading is wasted work: the
        // crisis-merge limit still bounds them, and queries stay fast.
        m_db.exec("INSERT INTO logs_fts(logs_fts, rank) VALUES('automerge', 0)");
        // A bigger in-memory term table flushes fewer, larger segments, and
        // leaves fit the case's 16 KiB pages: ~20 % off the bulk build.
        m_db.exec("INSERT INTO logs_fts(logs_fts, rank) VALUES('hashsize', 16777216)");
        m_db.exec("INSERT INTO logs_fts(logs_fts, rank) VALUES('pgsz', 16000)");
        m_db.prepare("INSERT INTO logs_fts(rowid, message) SELECT id, message FROM logs "
                     "WHERE id BETWEEN ?1 AND ?2 "
                     "AND track_id IN (SELECT id FROM tracks WHERE source_id = ?3)")
            .bind(1, *m_firstLogId)
            .bind(2, *m_lastLogId)
            .bind(3, m_sourceId)
            .run();
        m_db.exec("INSERT INTO logs_fts(logs_fts, rank) VALUES('automerge', 4)");
    }
    writeLogTemplates();
    CounterLevels::build(m_db, m_sourceId);
    timing.seconds = secondsSince(m_started);
    m_db.prepare("UPDATE sources SET ready = 1, importer_pid = NULL, rows_seconds = ?, "
                 "seconds = ? WHERE id = ?")
        .bind(1, timing.rowsSeconds)
        .bind(2, timing.seconds)
        .bind(3, m_sourceId)
        .run();
    if (cancelled && cancelled())
        throw SqlError(SQLITE_INTERRUPT, "interrupted before the source became ready");
    ready.commit();
    m_finished = true;
    // Ready now: a late cancel must not interrupt the checkpoint and make a
    // finished source look rolled back.
    check.reset();
    restoreConnection();
    m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return timing;
}

void SourceWriter::restoreConnection()
{
    m_db.exec("PRAGMA cache_size=-2000");
    m_db.exec("PRAGMA wal_autocheckpoint=1000");
}

void SourceWriter::abort()
{
    if (m_finished) return;
    m_finished = true;
    restoreConnection();
    if (m_inTransaction) {
        m_inTransaction = false;
        m_db.exec("ROLLBACK");
    }
    Transaction transaction(m_db);
    SourceRemover::remove(m_db, m_sourceId);
    transaction.commit();
}

} // namespace perfcase
