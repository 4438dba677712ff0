// The paging engine against brute force: ORDER BY ts, id over v_logs on small
// multi-source cases (interleaved times, ties, clock offsets, two tracks in
// a source, a source written out of order), plus jumps, scopes, filters,
// search syntax and template surge.
#include "CaseFile.h"
#include "LogBlockIndex.h"
#include "LogCaseBuilder.h"
#include "LogMatchCursor.h"
#include "LogPager.h"
#include "LogSearchQuery.h"
#include "LogTemplateSurge.h"
#include "sqlite/SqlError.h"

#include <QTemporaryDir>
#include <QTest>
#include <random>

using namespace perfcase;
using namespace perfcase::test;

Q_DECLARE_METATYPE(std::vector<perfcase::test::TestSource>)

namespace {

const char *const kWords[] = {"connect", "timeout", "socket.io", "rows", "fetched", "upstream"};

std::vector<TestSource> makeSources(int count, int rows, int tracks, bool shuffled,
                                    std::vector<std::int64_t> offsets, unsigned seed)
{
    std::mt19937 random(seed);
    std::vector<TestSource> sources;
    for (int s = 0; s < count; ++s) {
        TestSource source;
        source.name = "src" + std::to_string(s);
        source.clockOffsetNs = s < int(offsets.size()) ? offsets[std::size_t(s)] : 0;
        source.tracks = tracks;
        source.patterns = {"<*> connect", "<*> timeout socket.io", "rows fetched <*>", "upstream"};
        std::int64_t ts = 1'000'000 + s * 37;
        for (int i = 0; i < rows; ++i) {
            ts += std::int64_t(random() % 4); // ties are common
            TestLog log;
            log.track = int(random() % unsigned(tracks));
            log.ts = ts;
            log.level = int(random() % 8) - 1;
            log.templateKey = int(random() % 4);
            log.message =
                std::to_string(i) + " " + kWords[log.templateKey] + " " + kWords[random() % 6];
            if (i % 997 == 0) log.message += " rareword";
            source.logs.push_back(log);
        }
        if (shuffled && s == 0) std::shuffle(source.logs.begin(), source.logs.end(), random);
        sources.push_back(std::move(source));
    }
    return sources;
}

std::vector<LogKey> bruteForce(Database &db, const std::string &where = "1")
{
    std::vector<LogKey> keys;
    Statement select =
        db.prepare("SELECT ts, id FROM v_logs l WHERE " + where + " ORDER BY ts, id");
    while (select.step())
        keys.push_back({select.int64(0), select.int64(1)});
    return keys;
}

std::vector<LogKey> keysOf(const std::vector<LogRef> &refs)
{
    std::vector<LogKey> keys;
    for (const LogRef &ref : refs)
        keys.push_back(ref.key);
    return keys;
}

} // namespace

class TestLogPaging : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_cases = 0;
    std::unique_ptr<CaseFile> open(const std::vector<TestSource> &sources)
    {
        const std::string path =
            m_dir.filePath(QStringLiteral("c%1.perfcase").arg(++m_cases)).toStdString();
        buildCase(path, sources);
        return CaseFile::open(path, CaseFile::Access::ReadOnly);
    }

private Q_SLOTS:
    void paging_data()
    {
        QTest::addColumn<std::vector<TestSource>>("sources");
        QTest::newRow("one source") << makeSources(1, 2500, 1, false, {}, 1);
        QTest::newRow("three interleaved, clock offsets")
            << makeSources(3, 2200, 1, false, {0, 1500, -700}, 2);
        QTest::newRow("two tracks in one source") << makeSources(1, 3000, 2, false, {}, 3);
        QTest::newRow("out of order source + offset")
            << makeSources(2, 2100, 2, true, {0, -2000}, 4);
        QTest::newRow("tiny") << makeSources(2, 3, 1, false, {5, 0}, 5);
    }
    void paging()
    {
        QFETCH(std::vector<TestSource>, sources);
        auto file = open(sources);
        const std::vector<LogKey> expected = bruteForce(file->db());
        LogBlockIndex index(file->db());
        LogPager pager(index);
        QCOMPARE(pager.rowCount(), std::int64_t(expected.size()));
        std::mt19937 random(7);
        std::vector<std::int64_t> starts = {0, std::int64_t(expected.size()) / 2,
                                            std::int64_t(expected.size()) - 3};
        for (int i = 0; i < 25; ++i)
            starts.push_back(std::int64_t(random() % expected.size()));
        for (std::int64_t first : starts) {
            if (first < 0) continue;
            const auto page = keysOf(pager.rows(first, 50));
            const auto end = std::min<std::size_t>(expected.size(), std::size_t(first) + 50);
            const std::vector<LogKey> want(expected.begin() + first,
                                           expected.begin() + std::ptrdiff_t(end));
            QVERIFY2(page == want, qPrintable(QStringLiteral("page at %1").arg(first)));
        }
        // Jump to a time: the first row at or after it.
        for (int i = 0; i < 40; ++i) {
            const std::int64_t t = expected.front().ts - 5 +
                                   std::int64_t(random() % std::uint64_t(expected.back().ts -
                                                                         expected.front().ts + 10));
            const auto below = std::lower_bound(expected.begin(), expected.end(), LogKey::at(t)) -
                               expected.begin();
            QCOMPARE(pager.indexForTime(t), std::int64_t(below));
            const std::int64_t nearest = pager.nearestIndex(t);
            QVERIFY(nearest >= 0 && nearest < std::int64_t(expected.size()));
            const auto distance = [&](std::int64_t row) {
                return std::llabs(expected[std::size_t(row)].ts - t);
            };
            if (below < std::ptrdiff_t(expected.size()))
                QVERIFY(distance(nearest) <= distance(below));
            if (below > 0) QVERIFY(distance(nearest) <= distance(below - 1));
        }
        // A time range and a source subset keep exact paging.
        const std::int64_t from = expected[expected.size() / 4].ts;
        const std::int64_t to = expected[expected.size() * 3 / 4].ts;
        const std::int64_t sourceId = index.tracks().front().sourceId;
        std::vector<int> tracks;
        for (int t = 0; t < int(index.tracks().size()); ++t)
            if (index.tracks()[std::size_t(t)].sourceId == sourceId) tracks.push_back(t);
        pager.setScope(tracks, from, to);
        const auto scoped = bruteForce(
            file->db(), "ts BETWEEN " + std::to_string(from) + " AND " + std::to_string(to) +
                            " AND source_id = " + std::to_string(sourceId));
        QCOMPARE(pager.rowCount(), std::int64_t(scoped.size()));
        for (std::int64_t first : {std::int64_t(0), std::int64_t(scoped.size()) / 3})
            QVERIFY(keysOf(pager.rows(first, 30)) ==
                    std::vector<LogKey>(
                        scoped.begin() + first,
                        scoped.begin() +
                            std::min<std::ptrdiff_t>(first + 30, std::ptrdiff_t(scoped.size()))));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QList<int>>("levels");
        QTest::addColumn<bool>("withRange");
        QTest::addColumn<QString>("where");
        QTest::newRow("levels") << QString() << QList<int>{5, 6} << false
                                << QStringLiteral("level_num IN (5,6)");
        QTest::newRow("no level") << QString() << QList<int>{-1} << false
                                  << QStringLiteral("level_num IS NULL");
        QTest::newRow("word")
            << QStringLiteral("timeout") << QList<int>{} << false
            << QStringLiteral("id IN (SELECT id FROM v_log_search WHERE message MATCH 'timeout')");
        QTest::newRow("punctuated word, level, range")
            << QStringLiteral("socket.io") << QList<int>{2} << true
            << QStringLiteral("level_num = 2 AND id IN (SELECT id FROM v_log_search WHERE message "
                              "MATCH '\"socket.io\"')");
        QTest::newRow("rare word")
            << QStringLiteral("rareword") << QList<int>{} << false
            << QStringLiteral("id IN (SELECT id FROM v_log_search WHERE message MATCH 'rareword')");
        QTest::newRow("raw fts")
            << QStringLiteral("sql:connect OR upstream") << QList<int>{} << true
            << QStringLiteral(
                   "id IN (SELECT id FROM v_log_search WHERE message MATCH 'connect OR upstream')");
        QTest::newRow("regex") << QStringLiteral("re:^1\\d* rows") << QList<int>{} << false
                               << QStringLiteral("message REGEXP '^1\\d* rows'");
    }
    void filters()
    {
        QFETCH(QString, search);
        QFETCH(QList<int>, levels);
        QFETCH(bool, withRange);
        QFETCH(QString, where);
        static std::unique_ptr<CaseFile> file;
        if (!file) file = open(makeSources(3, 2500, 2, true, {0, 900, -400}, 11));
        LogBlockIndex index(file->db());
        LogFilter filter;
        filter.search = LogSearchQuery::parse(search.toStdString());
        filter.levels.assign(levels.begin(), levels.end());
        std::string condition = where.toStdString();
        if (withRange) {
            filter.from = 1'001'000;
            filter.to = 1'003'000;
            condition += " AND ts BETWEEN 1001000 AND 1003000";
        }
        const auto expected = bruteForce(file->db(), condition);
        LogMatchCursor cursor(file->db(), index, {}, filter);
        std::vector<LogRef> found;
        while (!cursor.atEnd())
            cursor.fetch(found, 100, std::chrono::milliseconds(1000));
        QCOMPARE(found.size(), expected.size());
        QVERIFY(keysOf(found) == expected);
    }

    void searchSyntax_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("fts");
        QTest::newRow("words") << QStringLiteral("upstream timeout")
                               << QStringLiteral("\"upstream\" AND \"timeout\"");
        QTest::newRow("punctuation") << QStringLiteral("socket.io upstream-timeout")
                                     << QStringLiteral("\"socket.io\" AND \"upstream-timeout\"");
        QTest::newRow("quote") << QStringLiteral("say\"hi") << QStringLiteral("\"say\"\"hi\"");
        QTest::newRow("raw") << QStringLiteral("sql: a OR b") << QStringLiteral("a OR b");
        QTest::newRow("only punctuation") << QStringLiteral("--- ...") << QString();
    }
    void searchSyntax()
    {
        QFETCH(QString, input);
        QFETCH(QString, fts);
        QCOMPARE(QString::fromStdString(LogSearchQuery::parse(input.toStdString()).fts), fts);
    }

    void invalidFtsIsAnError_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("unterminated") << QStringLiteral("sql:\"socket");
        QTest::newRow("dot") << QStringLiteral("sql:socket.io");
        QTest::newRow("column") << QStringLiteral("sql:upstream-timeout");
        QTest::newRow("regex") << QStringLiteral("re:(unclosed");
    }
    void invalidFtsIsAnError()
    {
        QFETCH(QString, input);
        auto file = open(makeSources(1, 50, 1, false, {}, 3));
        LogBlockIndex index(file->db());
        LogFilter filter;
        filter.search = LogSearchQuery::parse(input.toStdString());
        LogMatchCursor cursor(file->db(), index, {}, filter);
        std::vector<LogRef> found;
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 cursor.fetch(found, 10, std::chrono::milliseconds(100)));
    }

    void surge_data()
    {
        QTest::addColumn<int>("baseline");
        QTest::newRow("same length") << int(LogTemplateSurge::Baseline::SameLength);
        QTest::newRow("all before") << int(LogTemplateSurge::Baseline::AllBefore);
    }
    void surge()
    {
        QFETCH(int, baseline);
        auto sources = makeSources(2, 3000, 1, false, {0, 300}, 21);
        // A template that appears only in the window: NEW.
        for (TestLog &log : sources[1].logs)
            if (log.ts >= 1'004'000 && log.ts <= 1'004'400 && log.templateKey == 3)
                log.templateKey = 4;
        sources[1].patterns.push_back("burst");
        auto file = open(sources);
        LogBlockIndex index(file->db());
        const std::int64_t from = 1'004'000, to = 1'004'999;
        const auto stats = LogTemplateSurge::surge(file->db(), index, from, to,
                                                   LogTemplateSurge::Baseline(baseline));
        QVERIFY(!stats.empty());
        QVERIFY(stats.front().isNew);
        QCOMPARE(QString::fromStdString(stats.front().pattern), QStringLiteral("burst"));
        const std::string beforeFrom = baseline == int(LogTemplateSurge::Baseline::SameLength)
                                           ? std::to_string(from - (to + 1 - from))
                                           : std::string("-9223372036854775807");
        for (const LogTemplateStat &stat : stats) {
            Statement count = file->db().prepare(
                "SELECT sum(ts BETWEEN ?2 AND ?3), sum(ts >= ?4 AND ts < ?2) FROM v_logs "
                "WHERE template_id = ?1");
            count.bind(1, stat.id).bind(2, from).bind(3, to).bind(4, std::stoll(beforeFrom));
            QVERIFY(count.step());
            QCOMPARE(stat.window, count.int64(0));
            QCOMPARE(stat.before, count.isNull(1) ? 0 : count.int64(1));
        }
        QCOMPARE(LogTemplateSurge::templates(file->db()).size(), std::size_t(9));
    }
};

QTEST_GUILESS_MAIN(TestLogPaging)
#include "tst_logpaging.moc"
