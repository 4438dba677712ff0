#include "SourceFolder.h"

#include "CounterLevels.h"
#include "SourceRemover.h"
#include "sqlite/Database.h"
#include "sqlite/Transaction.h"

#include <vector>

namespace perfcase::SourceFolder {

namespace {

struct TrackKey
{
    std::int64_t id;
    std::string kind, name, unit, labels;
};

std::vector<TrackKey> tracksOf(Database &db, std::int64_t sourceId)
{
    Statement select = db.prepare(
        "SELECT id, kind, name, coalesce(unit, ''), labels FROM tracks WHERE source_id = ?");
    select.bind(1, sourceId);
    std::vector<TrackKey> tracks;
    while (select.step())
        tracks.push_back(
            {select.int64(0), select.text(1), select.text(2), select.text(3), select.text(4)});
    return tracks;
}

} // namespace

void fold(Database &db, std::int64_t sampleSourceId, std::int64_t intoSourceId)
{
    Transaction transaction(db);
    const std::vector<TrackKey> existing = tracksOf(db, intoSourceId);
    for (const TrackKey &track : tracksOf(db, sampleSourceId)) {
        const TrackKey *same = nullptr;
        for (const auto &candidate : existing)
            if (candidate.kind == track.kind && candidate.name == track.name &&
                candidate.unit == track.unit && candidate.labels == track.labels)
                same = &candidate;
        if (!same) {
            db.prepare("UPDATE tracks SET source_id = ? WHERE id = ?")
                .bind(1, intoSourceId)
                .bind(2, track.id)
                .run();
            continue;
        }
        for (const char *table : {"counters", "instants", "slices"})
            db.prepare(std::string("UPDATE ") + table + " SET track_id = ? WHERE track_id = ?")
                .bind(1, same->id)
                .bind(2, track.id)
                .run();
        db.prepare("DELETE FROM tracks WHERE id = ?").bind(1, track.id).run();
    }
    for (const char *table : {"objects", "blobs", "import_errors"})
        db.prepare(std::string("UPDATE ") + table + " SET source_id = ? WHERE source_id = ?")
            .bind(1, intoSourceId)
            .bind(2, sampleSourceId)
            .run();
    db.prepare(
          "DELETE FROM instants WHERE track_id IN (SELECT id FROM tracks WHERE source_id = ?1) "
          "AND rowid NOT IN (SELECT min(rowid) FROM instants WHERE track_id IN "
          "(SELECT id FROM tracks WHERE source_id = ?1) "
          "GROUP BY track_id, ts, name, coalesce(args, ''))")
        .bind(1, intoSourceId)
        .run();
    db.prepare("UPDATE tracks SET row_count = (SELECT count(*) FROM counters WHERE track_id = "
               "tracks.id) "
               "+ (SELECT count(*) FROM instants WHERE track_id = tracks.id) "
               "+ (SELECT count(*) FROM slices WHERE track_id = tracks.id) WHERE source_id = ?")
        .bind(1, intoSourceId)
        .run();
    db.prepare("UPDATE sources SET records = sources.records + s.records, "
               "rejected = sources.rejected + s.rejected, ignored = sources.ignored + s.ignored, "
               "bytes = sources.bytes + s.bytes, "
               "first_raw_ns = min(coalesce(sources.first_raw_ns, s.first_raw_ns), "
               "coalesce(s.first_raw_ns, sources.first_raw_ns)), "
               "last_raw_ns = max(coalesce(sources.last_raw_ns, s.last_raw_ns), "
               "coalesce(s.last_raw_ns, sources.last_raw_ns)) "
               "FROM (SELECT records, rejected, ignored, bytes, first_raw_ns, last_raw_ns FROM "
               "sources WHERE id = ?) AS s WHERE sources.id = ?")
        .bind(1, sampleSourceId)
        .bind(2, intoSourceId)
        .run();
    SourceRemover::remove(db, sampleSourceId);
    db.prepare("DELETE FROM counter_levels WHERE track_id IN (SELECT id FROM tracks WHERE "
               "source_id = ?)")
        .bind(1, intoSourceId)
        .run();
    CounterLevels::build(db, intoSourceId);
    transaction.commit();
}

void describe(Database &db, std::int64_t sourceId, const std::string &name,
              const std::string &origin)
{
    db.prepare("UPDATE sources SET name = ?, origin = ? WHERE id = ?")
        .bind(1, name)
        .bind(2, origin)
        .bind(3, sourceId)
        .run();
}

} // namespace perfcase::SourceFolder
