#include "CaseMerger.h"

#include "CaseFile.h"
#include "sqlite/Transaction.h"

#include <map>
#include <optional>
#include <sqlite3.h>

namespace perfcase {

namespace {

using Cancelled = std::function<bool()>;

void check(const Cancelled &cancelled)
{
    if (cancelled && cancelled()) throw CaseMerger::Cancelled{};
}

// How a copied column's value changes on the way in: row ids move past the
// target's largest id of that table, source ids follow the map.
struct Remap
{
    std::map<std::string, std::int64_t> shift; // column -> added to its value
    std::optional<std::int64_t> sourceId;      // value of the column "source_id"
};

std::vector<std::string> columnsOf(Database &db, const std::string &table)
{
    std::vector<std::string> columns;
    Statement info = db.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    info.bind(1, table);
    while (info.step())
        columns.push_back(info.text(0));
    return columns;
}

std::int64_t maxId(Database &db, const std::string &table)
{
    return db.scalarInt("SELECT coalesce(max(id), 0) FROM " + table);
}

// Copies the rows of `table` that `where` selects in `from` (with ?1 bound to
// whereId) into `to`, remapping ids. Returns the rows copied.
std::int64_t copyRows(Database &from, Database &to, const std::string &table,
                      const std::string &where, std::int64_t whereId, const Remap &remap,
                      const Cancelled &cancelled)
{
    const std::vector<std::string> columns = columnsOf(to, table);
    std::string list, params;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        list += (i ? ", " : "") + columns[i];
        params += (i ? ", ?" : "?") + std::to_string(i + 1);
    }
    Statement select = from.prepare("SELECT " + list + " FROM " + table + " WHERE " + where);
    select.bind(1, whereId);
    Statement insert = to.prepare("INSERT INTO " + table + "(" + list + ") VALUES(" + params + ")");
    std::int64_t rows = 0;
    while (select.step()) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const int index = int(i) + 1;
            auto shift = remap.shift.find(columns[i]);
            if (columns[i] == "source_id" && remap.sourceId)
                insert.bind(index, *remap.sourceId);
            else if (shift != remap.shift.end() && !select.isNull(int(i)))
                insert.bind(index, select.int64(int(i)) + shift->second);
            else
                insert.bindValue(index, select, int(i));
        }
        insert.run();
        insert.reset();
        if (++rows % 4096 == 0) check(cancelled);
    }
    return rows;
}

struct OtherSource
{
    std::int64_t id = 0;
    std::string uuid, dedupKey, sha256;
    MergeSummary::Source shown;
};

// The target's source holding the same content, if any.
std::optional<std::int64_t> sameSourceIn(Database &target, const OtherSource &source)
{
    Statement find =
        target.prepare("SELECT id FROM sources WHERE uuid = ?1 OR (?2 <> '' AND dedup_key = ?2) "
                       "OR (?2 = '' AND ?3 <> '' AND sha256 = ?3) ORDER BY ready DESC LIMIT 1");
    find.bind(1, source.uuid).bind(2, source.dedupKey).bind(3, source.sha256);
    if (find.step()) return find.int64(0);
    return std::nullopt;
}

// The per-source and per-track tables, in an order where every reference
// points at rows already copied (SourceRemover deletes the same set).
const char *const kPerSource[] = {"tracks",        "log_templates", "objects",
                                  "import_errors", "blobs",         "clock_changes"};
const char *const kPerTrack[] = {"logs",           "log_blocks", "log_rates", "counters",
                                 "counter_levels", "slices",     "instants"};

// Brings one whole source over under new ids; the offsets are taken once per
// merge, so ids of different sources never collide.
void copySource(Database &other, Database &target, const OtherSource &source,
                const std::map<std::string, std::int64_t> &offset, const Cancelled &cancelled)
{
    Remap sourceRow;
    sourceRow.shift["id"] = offset.at("sources");
    copyRows(other, target, "sources", "id = ?1", source.id, sourceRow, cancelled);
    const std::int64_t newSourceId = source.id + offset.at("sources");
    target.prepare("UPDATE sources SET importer_pid = NULL WHERE id = ?1")
        .bind(1, newSourceId)
        .run();

    for (const char *table : kPerSource) {
        Remap remap;
        remap.sourceId = newSourceId;
        if (offset.count(table)) remap.shift["id"] = offset.at(table);
        copyRows(other, target, table, "source_id = ?1", source.id, remap, cancelled);
    }
    for (const char *table : kPerTrack) {
        Remap remap;
        remap.shift["track_id"] = offset.at("tracks");
        if (offset.count(table)) remap.shift["id"] = offset.at(table);
        if (std::string(table) == "logs") remap.shift["template_id"] = offset.at("log_templates");
        if (std::string(table) == "log_blocks") {
            remap.shift["first_id"] = offset.at("logs");
            remap.shift["last_id"] = offset.at("logs");
        }
        copyRows(other, target, table, "track_id IN (SELECT id FROM tracks WHERE source_id = ?1)",
                 source.id, remap, cancelled);
    }
    // The writer fills the external-content index itself (DESIGN.md).
    target
        .prepare("INSERT INTO logs_fts(rowid, message) SELECT id, message FROM logs WHERE "
                 "track_id IN (SELECT id FROM tracks WHERE source_id = ?1)")
        .bind(1, newSourceId)
        .run();
}

// Rows matched by uuid: those the target lacks are copied. Returns {added, present}.
std::pair<std::int64_t, std::int64_t>
copyByUuid(Database &other, Database &target, const std::string &table, const std::string &filter,
           const std::int64_t idOffset, const Cancelled &cancelled)
{
    std::int64_t added = 0, present = 0;
    Statement rows = other.prepare("SELECT id, uuid FROM " + table + " WHERE " + filter);
    Statement known = target.prepare("SELECT 1 FROM " + table + " WHERE uuid = ?1");
    Remap remap;
    remap.shift["id"] = idOffset;
    while (rows.step()) {
        known.bind(1, rows.text(1));
        const bool here = known.step();
        known.reset();
        if (here) {
            ++present;
            continue;
        }
        added += copyRows(other, target, table, "id = ?1", rows.int64(0), remap, cancelled);
    }
    return {added, present};
}

// A teammate's clock change to a source both cases hold: kept in the
// history, and current when it is the later one.
void mergeClockChanges(Database &other, Database &target, std::int64_t otherSourceId,
                       std::int64_t targetSourceId, const std::string &sourceName,
                       std::int64_t idOffset, MergeSummary &summary, const Cancelled &cancelled)
{
    Statement changes = other.prepare(
        "SELECT id, uuid FROM clock_changes WHERE source_id = ?1 ORDER BY created_at");
    changes.bind(1, otherSourceId);
    Statement known = target.prepare("SELECT 1 FROM clock_changes WHERE uuid = ?1");
    Remap remap;
    remap.shift["id"] = idOffset;
    remap.sourceId = targetSourceId;
    bool added = false;
    while (changes.step()) {
        known.bind(1, changes.text(1));
        const bool here = known.step();
        known.reset();
        if (here) continue;
        summary.clockChangesAdded +=
            copyRows(other, target, "clock_changes", "id = ?1", changes.int64(0), remap, cancelled);
        added = true;
    }
    if (!added) return;
    Statement latest = target.prepare(
        "SELECT offset_ns, origin, residual_ns, uuid FROM clock_changes WHERE source_id = ?1 "
        "ORDER BY created_at DESC, id DESC LIMIT 1");
    latest.bind(1, targetSourceId);
    if (!latest.step()) return;
    Statement theirs = other.prepare("SELECT 1 FROM clock_changes WHERE uuid = ?1");
    theirs.bind(1, latest.text(3));
    if (!theirs.step()) return; // the target's own change is still the later one
    Statement apply = target.prepare("UPDATE sources SET clock_offset_ns = ?1, clock_origin = ?2, "
                                     "clock_residual_ns = ?3 WHERE id = ?4");
    apply.bind(1, latest.int64(0)).bind(2, latest.text(1)).bind(4, targetSourceId);
    if (latest.isNull(2))
        apply.bindNull(3);
    else
        apply.bind(3, latest.int64(2));
    apply.run();
    summary.clocksTaken.push_back(sourceName);
}

} // namespace

std::vector<std::string> MergeSummary::describe() const
{
    std::vector<std::string> lines;
    for (const auto &source : sourcesAdded)
        lines.push_back("source added: " + source.name + " (" + source.kind + ", " +
                        std::to_string(source.records) + " records)");
    for (const auto &source : sourcesPresent)
        lines.push_back("source already here: " + source.name);
    auto count = [&](const char *what, std::int64_t added, std::int64_t present) {
        lines.push_back(std::string(what) + ": " + std::to_string(added) + " added, " +
                        std::to_string(present) + " already here");
    };
    count("annotations", annotationsAdded, annotationsPresent);
    count("notes", notesAdded, notesPresent);
    count("overrides", overridesAdded, overridesPresent);
    if (clockChangesAdded)
        lines.push_back("clock changes added: " + std::to_string(clockChangesAdded));
    for (const auto &name : clocksTaken)
        lines.push_back("clock of " + name + ": the teammate's later alignment is now current");
    return lines;
}

MergeSummary CaseMerger::run(CaseFile &target, CaseFile &otherFile,
                             const std::function<bool()> &cancelled)
{
    target.requireWritable();
    Database &other = otherFile.db();
    Database &db = target.db();
    MergeSummary summary;

    Transaction transaction(db);
    std::map<std::string, std::int64_t> offset;
    for (const char *table :
         {"sources", "tracks", "logs", "log_templates", "objects", "import_errors", "blobs",
          "clock_changes", "slices", "instants", "annotations", "notes", "checklist"})
        offset[table] = maxId(db, table);

    std::vector<OtherSource> sources;
    Statement ready = other.prepare(
        "SELECT id, uuid, ifnull(dedup_key, ''), ifnull(sha256, ''), name, kind, records "
        "FROM sources WHERE ready = 1 ORDER BY id");
    while (ready.step())
        sources.push_back({ready.int64(0),
                           ready.text(1),
                           ready.text(2),
                           ready.text(3),
                           {ready.text(4), ready.text(5), ready.int64(6)}});
    for (const OtherSource &source : sources) {
        check(cancelled);
        if (auto same = sameSourceIn(db, source)) {
            summary.sourcesPresent.push_back(source.shown);
            mergeClockChanges(other, db, source.id, *same, source.shown.name,
                              offset.at("clock_changes"), summary, cancelled);
            // Ids handed out since the offsets were taken stay clear of later copies.
            offset["clock_changes"] = maxId(db, "clock_changes");
            continue;
        }
        copySource(other, db, source, offset, cancelled);
        summary.sourcesAdded.push_back(source.shown);
    }

    std::tie(summary.annotationsAdded, summary.annotationsPresent) =
        copyByUuid(other, db, "annotations", "1", offset.at("annotations"), cancelled);
    std::tie(summary.notesAdded, summary.notesPresent) =
        copyByUuid(other, db, "notes", "1", offset.at("notes"), cancelled);
    // Overrides only: the automatic verdicts are the target's own to compute.
    std::tie(summary.overridesAdded, summary.overridesPresent) = copyByUuid(
        other, db, "checklist", "user_verdict IS NOT NULL", offset.at("checklist"), cancelled);
    check(cancelled);
    transaction.commit();
    target.checkpoint();
    return summary;
}

} // namespace perfcase
