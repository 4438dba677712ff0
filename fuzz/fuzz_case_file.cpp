// Fuzz target: opening a case file from someone else (DESIGN.md, "The case
// file": untrusted input), then what the window and `perfcase check` read
// first: the public views, a full-text and a regex search, the log
// explorer's paging, the timeline's first screen and one playbook
// (docs/fuzzing.md).
#include "CaseFile.h"
#include "CaseFileError.h"
#include "FuzzSupport.h"
#include "QueryRunner.h"
#include "logs/LogBlockIndex.h"
#include "logs/LogMatchCursor.h"
#include "logs/LogPager.h"
#include "logs/LogRecordReader.h"
#include "playbook/PlaybookCatalog.h"
#include "playbook/PlaybookEngine.h"
#include "sqlite/SqlError.h"
#include "timeline/TimelineData.h"
#include "timeline/TimelineLayout.h"

#include <QString>
#include <chrono>
#include <filesystem>
#include <functional>

namespace {

using namespace perfcase;

// The errors a damaged or hostile case file may cause: the product shows
// them, so they are not findings. Anything else escapes (std::terminate).
void attempt(const std::function<void()> &work)
{
    try {
        work();
    } catch (const CaseFileError &) {
    } catch (const SqlError &) {
    } catch (const QueryError &) {
    }
}

void countViews(Database &db)
{
    for (const char *sql :
         {"SELECT count(*) FROM v_sources", "SELECT count(*), max(ts) FROM v_logs",
          "SELECT count(*), sum(value) FROM v_counters",
          "SELECT count(*), max(end_ts) FROM v_slices", "SELECT count(*) FROM v_instants",
          "SELECT count(*) FROM v_objects", "SELECT count(*) FROM v_import_errors",
          "SELECT count(*) FROM v_lag_windows",
          "SELECT id FROM v_log_search WHERE message MATCH 'error OR timeout' LIMIT 20"}) {
        attempt([&] {
            Statement statement = db.prepare(sql);
            while (statement.step()) {
            }
        });
    }
}

void browseLogs(Database &db)
{
    LogBlockIndex index(db);
    LogPager pager(index);
    pager.setScope({}, std::nullopt, std::nullopt);
    for (std::int64_t first : {std::int64_t(0), pager.rowCount() / 2}) {
        attempt([&] { LogRecordReader::read(db, pager.rows(first, 50)); });
    }
    attempt([&] { pager.nearestIndex(index.firstTs() + (index.lastTs() - index.firstTs()) / 2); });
    for (const char *typed : {"error", "re:time(d )?out"}) {
        attempt([&] {
            LogFilter filter;
            filter.search = LogSearchQuery::parse(typed);
            LogMatchCursor cursor(db, index, {}, filter);
            std::vector<LogRef> found;
            for (int chunk = 0; chunk < 3 && !cursor.atEnd(); ++chunk)
                cursor.fetch(found, LogMatchCursor::kChunk, std::chrono::milliseconds(200));
            LogRecordReader::read(db, found);
        });
    }
}

void drawTimeline(const std::string &path)
{
    TimelineData data(QString::fromStdString(path));
    attempt([&] { TimelineLayout::load(data.db(), data.tracks()); });
    const qint64 from = data.origin(), to = data.end();
    QList<qint64> logs;
    int drawn = 0;
    for (const TimelineTrack &track : data.tracks()) {
        if (++drawn > 32) break;
        attempt([&] {
            if (track.kind == QLatin1String("counter"))
                data.counter(track.id, from, to, 1000);
            else if (track.kind == QLatin1String("slice"))
                data.slices({track.id}, from, to, 500, 1000);
            else if (track.kind == QLatin1String("instant"))
                data.instants({track.id}, from, to, 500, 1000);
            else if (track.kind == QLatin1String("log"))
                logs.append(track.id);
        });
    }
    if (!logs.isEmpty()) attempt([&] { data.logRates(logs, from, to, 1000); });
}

void runPlaybook(const std::string &path, std::size_t which)
{
    static const PlaybookCatalog catalog;
    if (catalog.playbooks().empty()) return;
    QueryRunner runner(path);
    PlaybookEngine engine(runner);
    engine.run(catalog.playbooks()[which % catalog.playbooks().size()]);
}

void removeCase(const std::string &path)
{
    std::error_code ignored;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ignored);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::initialise();
    const std::string path = perfcase::fuzz::scratchFolder() + "/input.perfcase";
    removeCase(path);
    perfcase::fuzz::writeInput("input.perfcase", data, size);
    attempt([&] {
        std::unique_ptr<CaseFile> file = CaseFile::open(path, CaseFile::Access::ReadOnly);
        countViews(file->db());
        attempt([&] { browseLogs(file->db()); });
        file.reset();
        attempt([&] { drawTimeline(path); });
        // Which playbook: cheap to vary, and the same input always runs the same one.
        attempt([&] { runPlaybook(path, size); });
    });
    removeCase(path);
    return 0;
}
