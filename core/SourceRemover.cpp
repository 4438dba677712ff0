#include "SourceRemover.h"

#include "sqlite/Database.h"

namespace perfcase::SourceRemover {

void remove(Database &db, std::int64_t sourceId)
{
    // The FTS index is external-content: its entries must be withdrawn with
    // the original text before the rows go. Only ready sources have entries.
    Statement ready = db.prepare("SELECT ready FROM sources WHERE id = ?");
    ready.bind(1, sourceId);
    if (ready.step() && ready.int64(0) == 1) {
        db.prepare("INSERT INTO logs_fts(logs_fts, rowid, message) "
                   "SELECT 'delete', id, message FROM logs WHERE track_id IN "
                   "(SELECT id FROM tracks WHERE source_id = ?)")
            .bind(1, sourceId)
            .run();
    }
    const char *const perTrack[] = {"logs",           "log_blocks", "log_rates", "counters",
                                    "counter_levels", "slices",     "instants"};
    for (const char *table : perTrack) {
        db.prepare(std::string("DELETE FROM ") + table +
                   " WHERE track_id IN (SELECT id FROM tracks WHERE source_id = ?)")
            .bind(1, sourceId)
            .run();
    }
    const char *const perSource[] = {"objects", "import_errors", "blobs",
                                     "tracks",  "clock_changes", "log_templates"};
    for (const char *table : perSource)
        db.prepare(std::string("DELETE FROM ") + table + " WHERE source_id = ?")
            .bind(1, sourceId)
            .run();
    db.prepare("DELETE FROM sources WHERE id = ?").bind(1, sourceId).run();
}

} // namespace perfcase::SourceRemover
