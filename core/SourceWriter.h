#pragma once

#include "LogLevel.h"
#include "LogRateCounter.h"
#include "sqlite/BatchedInsert.h"
#include "sqlite/Database.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace perfcase {

// What identifies a source before its rows arrive.
struct SourceSpec
{
    std::string kind;   // log, metrics, k8s, trace, har, db
    std::string name;   // as the user sees it
    std::string origin; // path, or the exact command and host
    std::string format; // a format id (CLI.md)
    std::string compression = "none";
    std::string tz = "UTC";
    std::string timeSource = "data"; // data|at|filename|mtime
    std::string clockDomain = "wall";
    std::string optionsJson = "{}";
    std::int64_t bytes = 0;
};

// How a finished import went.
struct SourceSummary
{
    std::int64_t records = 0;
    std::int64_t rejected = 0;
    std::int64_t ignored = 0;
    std::int64_t warnings = 0;
    bool partial = false;
    std::string sha256;
    std::string dedupKey;
    std::string timeSource = "data";
    std::string clockDomain = "wall";
    std::int64_t clockOffsetNs = 0;
    std::string clockOrigin = "none";
    std::optional<std::int64_t> clockResidualNs;
};

// Writes one source into a case: the row in `sources` first (not ready),
// then its rows in batched transactions, then the full-text index and the
// `ready` flag in one last transaction. Until finish() returns, the source is
// invisible to the views; if the process dies, the next writable open
// deletes it; abort() (or destruction without finish) deletes it at once.
class SourceWriter
{
public:
    SourceWriter(Database &db, const SourceSpec &spec);
    ~SourceWriter();
    SourceWriter(const SourceWriter &) = delete;
    SourceWriter &operator=(const SourceWriter &) = delete;

    std::int64_t sourceId() const { return m_sourceId; }
    // The case's connection, for importers that read case facts (meta.case_uuid).
    Database &database() { return m_db; }

    std::int64_t addTrack(std::string_view kind, std::string_view name, std::string_view unit = {},
                          std::string_view labelsJson = "{}");
    // The message bytes need only live until the call returns. templateKey
    // is the importer's own template number (LogTemplateMiner id, 0-based);
    // the writer gives each a case-global log_templates id and stores it in
    // logs.template_id. Without one, template_id stays NULL (no mining here:
    // the writer is the import's bottleneck).
    void addLog(std::int64_t trackId, std::int64_t ts, std::optional<LogLevel> level,
                std::string_view message, std::int64_t line,
                std::optional<int> templateKey = std::nullopt);
    // The patterns of the template numbers passed to addLog (index = number),
    // written with their counts by finish().
    void setLogTemplatePatterns(std::vector<std::string> patterns);
    void addSlice(std::int64_t trackId, std::int64_t ts, std::int64_t dur, std::string_view name,
                  std::string_view category = {}, int depth = 0, std::string_view argsJson = {});
    void addCounter(std::int64_t trackId, std::int64_t ts, double value);
    void addInstant(std::int64_t trackId, std::int64_t ts, std::string_view name,
                    std::optional<LogLevel> severity, std::string_view argsJson = {});
    // A snapshot of structured state (an HPA, a pod) at a time, as JSON.
    void addObject(std::int64_t ts, std::string_view kind, std::string_view ns,
                   std::string_view name, std::string_view json);
    // Raw input kept with the source (a collected command's output), so a
    // report can cite exactly what was seen; written with the rows, so it
    // stays or goes with them.
    void addBlob(std::string_view name, std::string_view compression, std::string_view sha256,
                 std::string_view data);
    // kind is "error" or "warning"; only the first kMaxStoredErrors are kept.
    void addError(std::int64_t line, std::int64_t byte, std::string_view kind,
                  std::string_view message, std::string_view excerpt);

    // Another source with this dedup key, ready, if any.
    std::optional<std::int64_t> findDuplicate(const std::string &dedupKey);

    struct Timing
    {
        double rowsSeconds = 0;
        double seconds = 0;
    };
    // Derives the indexes and levels and makes the source ready. cancelled,
    // when given, is polled while SQLite works (the full-text build of a large
    // file takes seconds): once it returns true, finish() throws SqlError
    // (SQLITE_INTERRUPT) with nothing made ready, and the caller abort()s.
    Timing finish(const SourceSummary &summary, const std::function<bool()> &cancelled = {});
    void abort();

    static constexpr int kMaxStoredErrors = 1000;
    static constexpr int kBatchRows = 100'000;
    static constexpr int kLogBlockRows = 1024;

private:
    void countRow();
    void beginBatch();
    void commitBatch();
    void noteTime(std::int64_t ts);
    void reorderLogsByTime();
    void restoreConnection();
    void countTrackRow(std::int64_t trackId);
    void flushRows();
    void noteFlushedLogs();
    void noteLogBlock(std::int64_t trackId, std::int64_t id, std::int64_t ts);
    void writeLogBlocks();
    void buildLogBlocksFromTable();
    std::int64_t templateIdFor(int templateKey);
    void writeLogTemplates();

    Database &m_db;
    std::int64_t m_sourceId = 0;
    bool m_inTransaction = false;
    bool m_finished = false;
    int m_rowsInBatch = 0;
    std::int64_t m_storedErrors = 0;
    std::optional<std::int64_t> m_firstTs, m_lastTs;
    std::optional<std::int64_t> m_firstLogId, m_lastLogId;
    std::int64_t m_previousLogTs = INT64_MIN;
    bool m_logsOutOfOrder = false;
    std::unordered_map<std::int64_t, std::int64_t> m_trackRows;
    // Most rows go to the track of the row before; the cache skips the hash.
    std::int64_t m_cachedTrack = 0;
    std::int64_t *m_cachedTrackRows = nullptr;
    struct LogBlock
    {
        std::int64_t trackId, firstId, lastId, firstTs, lastTs, rows;
    };
    // Sparse time index built while writing: the open block per track, and
    // the closed ones waiting for finish().
    std::unordered_map<std::int64_t, LogBlock> m_openBlocks;
    std::vector<LogBlock> m_logBlocks;
    LogRateCounter m_logRates;
    std::chrono::steady_clock::time_point m_started;
    BatchedInsert m_logs, m_slices;
    struct PendingLog
    {
        std::int64_t trackId, ts;
        int level;
    };
    std::vector<PendingLog> m_pendingLogs; // rows in m_logs not yet written
    // Template number -> log_templates.id (0: not yet allocated), record counts.
    std::vector<std::int64_t> m_templateIds, m_templateCounts;
    std::vector<std::string> m_templatePatterns;
    Statement m_insertCounter, m_insertInstant, m_insertError, m_insertObject;
};

} // namespace perfcase
