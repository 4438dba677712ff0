// The case file: creation, the untrusted-file defenses, sources that are
// whole or absent, and read-only queries.
#include "CaseFile.h"
#include "CaseFileError.h"
#include "CaseSchema.h"
#include "CounterLevels.h"
#include "KnownCases.h"
#include "LogRateCounter.h"
#include "QueryRunner.h"
#include "SourceWriter.h"
#include "sqlite/BatchedInsert.h"
#include "sqlite/SqlError.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <sqlite3.h>

using namespace perfcase;

namespace {

// A connection without our defenses, to do to a case file what a hostile
// or careless program would.
void rawExec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    char *error = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    QVERIFY2(rc == SQLITE_OK, error ? error : "exec failed");
    sqlite3_close(db);
}

std::int64_t count(Database &db, const char *sql)
{
    return db.scalarInt(sql);
}

SourceSummary summaryOf(std::int64_t records, const std::string &sha256, const std::string &key)
{
    SourceSummary summary;
    summary.records = records;
    summary.sha256 = sha256;
    summary.dedupKey = key;
    return summary;
}

SourceSpec logSpec(const std::string &name)
{
    SourceSpec spec;
    spec.kind = "log";
    spec.name = name;
    spec.origin = "/tmp/" + name;
    spec.format = "text-log";
    return spec;
}

} // namespace

class TestCaseFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    std::unique_ptr<CaseFile> newCase(const QString &name)
    {
        return CaseFile::create(path(name).toStdString(), "title of " + name.toStdString(),
                                "tester");
    }
    // A case of 20000 log lines, large enough that a corrupt middle misses the schema.
    QString writeBigCase(const QString &name)
    {
        auto file = newCase(name);
        SourceWriter writer(file->db(), logSpec("big"));
        auto track = writer.addTrack("log", "big");
        for (int i = 0; i < 20000; ++i)
            writer.addLog(track, 1000 + i, LogLevel::Info,
                          "a fairly long line of log text " + std::to_string(i), i + 1);
        writer.finish(summaryOf(20000, "x", "x"));
        file->checkpoint();
        return path(name);
    }
    static void corruptMiddle(const QString &file)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 200'000);
        f.seek(f.size() / 2);
        f.write(QByteArray(64 * 1024, '\xA5'));
    }
    // Breaks the last page (an index or FTS page), leaving the schema and
    // the meta table readable, so only an integrity check finds it.
    static void corruptIndexOf(const QString &file)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pageSize = 16384;
        QVERIFY(f.size() > 4 * pageSize);
        f.seek(f.size() - pageSize);
        f.write(QByteArray(int(pageSize), '\xA5'));
    }

private Q_SLOTS:
    void createsAndReopens()
    {
        {
            auto file = newCase(QStringLiteral("a.perfcase"));
            QCOMPARE(file->meta("title"), std::string("title of a.perfcase"));
            QCOMPARE(file->meta("created_by"), std::string("tester"));
            QCOMPARE(file->meta("case_uuid").size(), std::size_t(36));
        }
        auto file = CaseFile::open(path(QStringLiteral("a.perfcase")).toStdString(),
                                   CaseFile::Access::ReadWrite);
        QCOMPARE(file->db().scalarInt("PRAGMA application_id"), std::int64_t(0x50465243));
        QCOMPARE(file->db().scalarInt("PRAGMA user_version"), std::int64_t(1));
        Statement mode = file->db().prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), std::string("wal"));
        QVERIFY(!file->isReadOnly());
    }

    void refusesToOverwrite()
    {
        newCase(QStringLiteral("exists.perfcase"));
        try {
            newCase(QStringLiteral("exists.perfcase"));
            QFAIL("created over an existing file");
        } catch (const CaseFileError &error) {
            QCOMPARE(error.kind(), CaseFileError::Exists);
        }
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("missing") << QStringLiteral("missing") << int(CaseFileError::Missing)
                                 << QStringLiteral("no such case file");
        QTest::newRow("empty file") << QStringLiteral("empty") << int(CaseFileError::NotACaseFile)
                                    << QStringLiteral("not an SQLite database");
        QTest::newRow("text file") << QStringLiteral("text") << int(CaseFileError::NotACaseFile)
                                   << QStringLiteral("not an SQLite database");
        QTest::newRow("folder") << QStringLiteral("folder") << int(CaseFileError::NotACaseFile)
                                << QStringLiteral("folder");
        QTest::newRow("foreign sqlite")
            << QStringLiteral("foreign") << int(CaseFileError::NotACaseFile)
            << QStringLiteral("another application");
        QTest::newRow("newer schema")
            << QStringLiteral("newer") << int(CaseFileError::Newer) << QStringLiteral("newer");
        QTest::newRow("hostile trigger") << QStringLiteral("trigger") << int(CaseFileError::Hostile)
                                         << QStringLiteral("unexpected trigger");
        QTest::newRow("hostile view") << QStringLiteral("view") << int(CaseFileError::Hostile)
                                      << QStringLiteral("unexpected view");
        QTest::newRow("altered table") << QStringLiteral("altered") << int(CaseFileError::Hostile)
                                       << QStringLiteral("differs");
        QTest::newRow("dropped table")
            << QStringLiteral("dropped") << int(CaseFileError::Corrupt) << QStringLiteral("lacks");
        QTest::newRow("crafted fts shadow")
            << QStringLiteral("shadow") << int(CaseFileError::Hostile) << QStringLiteral("differs");
    }
    void refusesBadFiles()
    {
        QFETCH(QString, setup);
        QFETCH(int, kind);
        QFETCH(QString, messagePart);
        const QString file = path(QStringLiteral("bad-") + setup);
        if (setup == QLatin1String("empty")) {
            QFile(file).open(QIODevice::WriteOnly);
        } else if (setup == QLatin1String("text")) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("2026-11-20T10:00:00Z hello\n").repeated(20));
        } else if (setup == QLatin1String("folder")) {
            QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("bad-folder")));
        } else if (setup == QLatin1String("foreign")) {
            rawExec(file, "CREATE TABLE t(x); INSERT INTO t VALUES(1);");
        } else if (setup != QLatin1String("missing")) {
            newCase(QStringLiteral("bad-") + setup);
            const char *sql =
                setup == QLatin1String("newer")     ? "PRAGMA user_version=2"
                : setup == QLatin1String("trigger") ? "CREATE TRIGGER evil AFTER INSERT ON sources "
                                                      "BEGIN DELETE FROM logs; END"
                : setup == QLatin1String("view")    ? "CREATE VIEW v_logs AS SELECT 1"
                : setup == QLatin1String("altered") ? "ALTER TABLE logs ADD COLUMN extra TEXT"
                : setup == QLatin1String("dropped")
                    ? "DROP TABLE layout"
                    : "PRAGMA writable_schema=ON; UPDATE sqlite_schema "
                      "SET sql = 'CREATE TABLE ''logs_fts_data''(id "
                      "INTEGER PRIMARY KEY, block BLOB, evil TEXT)' "
                      "WHERE name = 'logs_fts_data'";
            rawExec(file, sql);
        }
        try {
            CaseFile::open(file.toStdString(), CaseFile::Access::ReadWrite);
            QFAIL("opened a bad file");
        } catch (const CaseFileError &error) {
            QCOMPARE(int(error.kind()), kind);
            QVERIFY2(QString::fromUtf8(error.what()).contains(messagePart), error.what());
        } catch (const SqlError &error) {
            // A crafted schema may already fail inside SQLite; that is a refusal too,
            // but it must be reported as a case error, never leak through.
            QFAIL(error.what());
        }
    }

    void refusesCorruptBytes()
    {
        const QString file = writeBigCase(QStringLiteral("corrupt.perfcase"));
        corruptMiddle(file);
        bool refusedOrDetected = false;
        try {
            auto reopened = CaseFile::open(file.toStdString(), CaseFile::Access::ReadOnly);
            Statement check = reopened->db().prepare("PRAGMA quick_check");
            QVERIFY(check.step());
            refusedOrDetected = check.text(0) != "ok";
        } catch (const CaseFileError &) {
            refusedOrDetected = true;
        } catch (const SqlError &) {
            refusedOrDetected = true;
        }
        QVERIFY(refusedOrDetected);
    }

    // DESIGN.md: a file from elsewhere (its case_uuid unknown here) gets
    // quick_check before its views open; one made or opened here does not.
    void checksFilesFromElsewhere_data()
    {
        QTest::addColumn<bool>("corrupt");
        QTest::addColumn<bool>("known");
        QTest::addColumn<bool>("cancel");
        QTest::addColumn<int>("refusal"); // -1: opens
        QTest::newRow("whole, from elsewhere") << false << false << false << -1;
        QTest::newRow("corrupt, from elsewhere")
            << true << false << false << int(CaseFileError::Corrupt);
        QTest::newRow("corrupt, made here: not checked again") << true << true << false << -1;
        QTest::newRow("check cancelled") << false << false << true << int(CaseFileError::Cancelled);
    }
    void checksFilesFromElsewhere()
    {
        QFETCH(bool, corrupt);
        QFETCH(bool, known);
        QFETCH(bool, cancel);
        QFETCH(int, refusal);
        const QString file = writeBigCase(QStringLiteral("elsewhere-%1.perfcase")
                                              .arg(QString::fromLatin1(QTest::currentDataTag())));
        const std::string uuid =
            CaseFile::open(file.toStdString(), CaseFile::Access::ReadOnly)->meta("case_uuid");
        QVERIFY(KnownCases::contains(uuid)); // created here
        if (!known) KnownCases::forget(uuid);
        if (corrupt) corruptIndexOf(file);
        int polls = 0;
        auto cancelled = [&] { return ++polls, cancel; };
        try {
            auto opened =
                CaseFile::open(file.toStdString(), CaseFile::Access::ReadWrite, cancelled);
            QCOMPARE(refusal, -1);
            QVERIFY(KnownCases::contains(uuid)); // not checked again next time
        } catch (const CaseFileError &error) {
            QCOMPARE(int(error.kind()), refusal);
            QVERIFY2(
                QString::fromUtf8(error.what())
                    .contains(corrupt ? QStringLiteral("corrupt") : QStringLiteral("cancelled")),
                error.what());
            QCOMPARE(KnownCases::contains(uuid), false);
        }
        // The check polled for a cancel only when it ran.
        QCOMPARE(polls > 0, !known);
    }

    // A hostile file may hold a cell of hundreds of MB: reading it fails with
    // a clear error instead of loading it whole.
    void refusesHugeCells_data()
    {
        QTest::addColumn<QString>("insert");
        QTest::addColumn<QString>("select");
        QTest::newRow("blob") << QStringLiteral("INSERT INTO blobs(name, data) VALUES('huge', "
                                                "zeroblob(300 * 1024 * 1024))")
                              << QStringLiteral("SELECT data FROM blobs");
        QTest::newRow("annotation text")
            << QStringLiteral("INSERT INTO annotations(uuid, ts, text, created_at) VALUES('u', 0, "
                              "CAST(zeroblob(300 * 1024 * 1024) AS TEXT), 0)")
            << QStringLiteral("SELECT text FROM v_annotations");
    }
    void refusesHugeCells()
    {
        QFETCH(QString, insert);
        QFETCH(QString, select);
        const QString file = path(
            QStringLiteral("huge-%1.perfcase").arg(QString::fromLatin1(QTest::currentDataTag())));
        newCase(QFileInfo(file).fileName());
        rawExec(file, insert.toUtf8().constData());
        auto opened = CaseFile::open(file.toStdString(), CaseFile::Access::ReadOnly);
        try {
            Statement read = opened->db().prepare(select.toStdString());
            read.step();
            QFAIL("read a 300 MB cell");
        } catch (const SqlError &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("too big")),
                     error.what());
        }
        QFile::remove(file);
    }

    void writerMakesSourceVisibleOnlyWhenReady()
    {
        auto file = newCase(QStringLiteral("ready.perfcase"));
        Database &db = file->db();
        SourceWriter writer(db, logSpec("app.log"));
        auto track = writer.addTrack("log", "app.log");
        writer.addLog(track, 2'000, LogLevel::Error, "socket.io upstream-timeout on /api", 1);
        writer.addLog(track, 1'000, LogLevel::Info, "started", 2); // out of order
        writer.addLog(track, 3'000, std::nullopt, "done", 3);
        QCOMPARE(count(db, "SELECT count(*) FROM v_logs"), std::int64_t(0));
        QCOMPARE(count(db, "SELECT count(*) FROM v_sources"), std::int64_t(0));
        writer.finish(summaryOf(3, "hash", "hash|{}"));
        QCOMPARE(count(db, "SELECT count(*) FROM v_logs"), std::int64_t(3));
        // Row ids follow time within a source (the log table pages by id).
        Statement order = db.prepare("SELECT ts, level, message, line FROM v_logs ORDER BY id");
        QVERIFY(order.step());
        QCOMPARE(order.int64(0), std::int64_t(1'000));
        QCOMPARE(order.text(1), std::string("info"));
        QCOMPARE(order.int64(3), std::int64_t(2));
        QVERIFY(order.step());
        QCOMPARE(order.text(2), std::string("socket.io upstream-timeout on /api"));
        QVERIFY(order.step());
        QVERIFY(order.isNull(1));
        // Full-text search finds it, also through the public view.
        QCOMPARE(
            count(db,
                  "SELECT count(*) FROM v_log_search WHERE message MATCH '\"upstream-timeout\"'"),
            std::int64_t(1));
        QCOMPARE(count(db, "SELECT count(*) FROM v_tracks WHERE row_count = 3"), std::int64_t(1));
        Statement source = db.prepare("SELECT state, first_ts, last_ts, records FROM v_sources");
        QVERIFY(source.step());
        QCOMPARE(source.text(0), std::string("complete"));
        QCOMPARE(source.int64(1), std::int64_t(1'000));
        QCOMPARE(source.int64(2), std::int64_t(3'000));
        QCOMPARE(source.int64(3), std::int64_t(3));
    }

    void batchedInsertWritesEveryRow_data()
    {
        QTest::addColumn<int>("rows");
        for (int rows :
             {0, 1, BatchedInsert::kRowsPerStatement - 1, BatchedInsert::kRowsPerStatement,
              BatchedInsert::kRowsPerStatement + 1, 3 * BatchedInsert::kRowsPerStatement + 5})
            QTest::addRow("%d rows", rows) << rows;
    }
    void batchedInsertWritesEveryRow()
    {
        QFETCH(int, rows);
        Database db(":memory:", Database::Mode::Memory);
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, i INTEGER NOT NULL, r REAL, s TEXT)");
        db.exec("INSERT INTO t(id, i) VALUES(41, 0)"); // ids continue after existing rows
        BatchedInsert insert(db, "t", {"i", "r", "s"});
        std::vector<std::int64_t> flushedIds;
        auto noteFlush = [&] {
            for (int k = 0; k < insert.lastFlush().rows; ++k)
                flushedIds.push_back(insert.lastFlush().firstId + k);
        };
        for (int row = 1; row <= rows; ++row) {
            std::string text = "row " + std::to_string(row); // dies before the flush: copied
            insert.value(std::int64_t(row)).value(row * 0.5);
            if (row % 3 == 0)
                insert.null();
            else
                insert.text(text);
            if (insert.endRow()) noteFlush();
        }
        const int pending = insert.pendingRows();
        insert.flush();
        if (pending) noteFlush();
        QCOMPARE(int(flushedIds.size()), rows);
        Statement select = db.prepare("SELECT id, i, r, s FROM t WHERE id > 41 ORDER BY id");
        for (int row = 1; row <= rows; ++row) {
            QVERIFY(select.step());
            QCOMPARE(select.int64(0), flushedIds[std::size_t(row - 1)]);
            QCOMPARE(select.int64(0), std::int64_t(41 + row));
            QCOMPARE(select.int64(1), std::int64_t(row));
            QCOMPARE(select.real(2), row * 0.5);
            if (row % 3 == 0)
                QVERIFY(select.isNull(3));
            else
                QCOMPARE(select.text(3), "row " + std::to_string(row));
        }
        QVERIFY(!select.step());
    }

    void batchedInsertRefusesBadRows()
    {
        Database db(":memory:", Database::Mode::Memory);
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, i INTEGER NOT NULL, s TEXT)");
        BatchedInsert insert(db, "t", {"i", "s"});
        insert.value(std::int64_t(1));
        QVERIFY_THROWS_EXCEPTION(SqlError, insert.endRow()); // one value short
        BatchedInsert constrained(db, "t", {"i", "s"});
        constrained.value(std::int64_t(1)).text("kept").endRow();
        constrained.null().text("NOT NULL fails").endRow();
        QVERIFY_THROWS_EXCEPTION(SqlError, constrained.flush());
        QCOMPARE(constrained.pendingRows(), 0);
        constrained.value(std::int64_t(2)).text("after").endRow();
        constrained.flush(); // usable again after a failure
        QCOMPARE(count(db, "SELECT count(*) FROM t WHERE s = 'after'"), std::int64_t(1));
    }

    void logBlocksCoverEveryRow_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("tracks");
        QTest::addColumn<bool>("inOrder");
        const int block = SourceWriter::kLogBlockRows;
        QTest::newRow("one row") << 1 << 1 << true;
        QTest::newRow("exactly one block") << block << 1 << true;
        QTest::newRow("blocks and a tail") << 3 * block + 7 << 1 << true;
        QTest::newRow("two tracks interleaved") << 2 * block + 3 << 2 << true;
        QTest::newRow("out of order") << 2 * block + 11 << 1 << false;
        QTest::newRow("out of order, three tracks") << 3 * block << 3 << false;
    }
    void logBlocksCoverEveryRow()
    {
        QFETCH(int, rows);
        QFETCH(int, tracks);
        QFETCH(bool, inOrder);
        auto file =
            newCase(QStringLiteral("blocks-%1-%2-%3.perfcase").arg(rows).arg(tracks).arg(inOrder));
        Database &db = file->db();
        SourceWriter writer(db, logSpec("blocks"));
        std::vector<std::int64_t> trackIds;
        for (int t = 0; t < tracks; ++t)
            trackIds.push_back(writer.addTrack("log", "track " + std::to_string(t)));
        for (int i = 0; i < rows; ++i) {
            // Out of order: every row's time goes backwards a little.
            const std::int64_t ts = inOrder ? 1'000 + i : 1'000'000 - (i % 7) * 100 + i;
            writer.addLog(trackIds[std::size_t(i % tracks)], ts, LogLevel::Info, "m", i + 1);
        }
        writer.finish(summaryOf(rows, "h", "h|blocks"));
        // Every row lies in exactly one block of its track, inside its time range.
        QCOMPARE(count(db,
                       "SELECT count(*) FROM logs l WHERE (SELECT count(*) FROM log_blocks b "
                       "WHERE b.track_id = l.track_id AND l.id BETWEEN b.first_id AND b.last_id "
                       "AND l.ts BETWEEN b.first_ts AND b.last_ts) != 1"),
                 std::int64_t(0));
        QCOMPARE(count(db, "SELECT count(*) FROM logs"), std::int64_t(rows));
        // Blocks are sparse: no more than one per kLogBlockRows rows of a track, plus its tail.
        QVERIFY(count(db, "SELECT count(*) FROM log_blocks") <=
                std::int64_t(rows / SourceWriter::kLogBlockRows + 2 * tracks));
        // And the public view finds a row by time through them.
        QCOMPARE(
            count(db,
                  "SELECT count(*) FROM v_log_blocks WHERE first_ts <= 1500 AND last_ts >= 1500"),
            std::int64_t(inOrder && rows > 500 ? tracks : 0));
    }

    void counterLevelsSummariseSamples_data()
    {
        QTest::addColumn<int>("samples");
        QTest::addColumn<qint64>("spacingNs");
        QTest::addColumn<qint64>("finestWidth"); // 0: no levels stored
        QTest::newRow("small track: raw only") << 4000 << qint64(1'000'000) << qint64(0);
        QTest::newRow("1 ms samples") << 60'000 << qint64(1'000'000) << qint64(4'000'000);
        QTest::newRow("15 s Prometheus step")
            << 5'000 << qint64(15'000'000'000) << qint64(65'536'000'000);
        QTest::newRow("jittered 300 us") << 40'000 << qint64(300'000) << qint64(1'000'000);
    }
    void counterLevelsSummariseSamples()
    {
        QFETCH(int, samples);
        QFETCH(qint64, spacingNs);
        QFETCH(qint64, finestWidth);
        auto file = newCase(QStringLiteral("levels-%1-%2.perfcase").arg(samples).arg(spacingNs));
        Database &db = file->db();
        SourceWriter writer(db, logSpec("metrics"));
        const auto track = writer.addTrack("counter", "cpu", "cores");
        std::int64_t ts = 1'795'168'800'000'000'000;
        for (int i = 0; i < samples; ++i) {
            // Samples in reverse order on purpose: levels read them by time.
            const int j = samples - 1 - i;
            const std::int64_t at = ts + j * spacingNs + (j % 3) * (spacingNs / 10);
            writer.addCounter(track, at, std::sin(j / 50.0) * 100 + j % 7);
        }
        writer.finish(summaryOf(samples, "h", "h|levels"));
        const auto widths = CounterLevels::widths(db, track);
        QCOMPARE(widths.empty() ? qint64(0) : qint64(widths.front()), finestWidth);
        std::int64_t finer = samples;
        for (std::int64_t width : widths) {
            const std::string where =
                " FROM counter_levels WHERE track_id = " + std::to_string(track) +
                " AND width = " + std::to_string(width);
            // Every sample is in exactly one bucket of every level.
            QCOMPARE(count(db, ("SELECT sum(count)" + where).c_str()), std::int64_t(samples));
            const std::int64_t buckets = count(db, ("SELECT count(*)" + where).c_str());
            QVERIFY2(buckets * 2 <= finer, "a stored level halves the one below it");
            finer = buckets;
            // min, max, first and last agree with the raw samples of each bucket.
            const std::string mismatch =
                "SELECT count(*)" + where +
                " AND (min != (SELECT min(value) FROM counters c WHERE "
                "c.track_id = counter_levels.track_id AND c.ts >= counter_levels.ts AND c.ts < "
                "counter_levels.ts + width) OR max != (SELECT max(value) FROM counters c WHERE "
                "c.track_id = counter_levels.track_id AND c.ts >= counter_levels.ts AND c.ts < "
                "counter_levels.ts + width) OR first != (SELECT value FROM counters c WHERE "
                "c.track_id = counter_levels.track_id AND c.ts >= counter_levels.ts ORDER BY c.ts "
                "LIMIT 1) OR ts % width != 0)";
            QCOMPARE(count(db, mismatch.c_str()), std::int64_t(0));
        }
        QCOMPARE(count(db, "SELECT count(*) FROM v_counter_levels"),
                 count(db, "SELECT count(*) FROM counter_levels"));
    }

    void logRatesCountEveryRecord_data()
    {
        QTest::addColumn<bool>("inOrder");
        QTest::newRow("in order") << true;
        QTest::newRow("out of order") << false;
    }
    void logRatesCountEveryRecord()
    {
        QFETCH(bool, inOrder);
        auto file = newCase(QStringLiteral("rates-%1.perfcase").arg(inOrder));
        Database &db = file->db();
        SourceWriter writer(db, logSpec("rates"));
        const auto a = writer.addTrack("log", "a");
        const auto b = writer.addTrack("log", "b");
        const int rows = 20'000;
        const std::int64_t start = 1'795'168'800'000'000'000;
        for (int i = 0; i < rows; ++i) {
            const std::int64_t ts =
                start + std::int64_t(i) * 37'000'000 - (inOrder ? 0 : (i % 5) * 2'000'000'000LL);
            const auto level = i % 4 == 0 ? std::nullopt : std::optional(LogLevel(i % 7));
            writer.addLog(i % 3 ? a : b, ts, level, "m", i + 1);
        }
        writer.finish(summaryOf(rows, "h", "h|rates"));
        for (std::int64_t width : LogRateCounter::kWidths) {
            const std::string w = std::to_string(width);
            QCOMPARE(count(db, ("SELECT sum(count) FROM log_rates WHERE width = " + w).c_str()),
                     std::int64_t(rows));
            // Per bucket and level, the counts are those of a GROUP BY over the table.
            const std::string expected =
                "SELECT track_id, ts - ((ts % " + w + ") + " + w + ") % " + w +
                ", coalesce(level, -1), count(*) FROM logs GROUP BY 1, 2, 3";
            const std::string stored =
                "SELECT track_id, ts, level, count FROM log_rates WHERE width = " + w;
            QCOMPARE(
                count(db,
                      ("SELECT count(*) FROM (" + expected + " EXCEPT " + stored + ")").c_str()),
                std::int64_t(0));
            QCOMPARE(
                count(db,
                      ("SELECT count(*) FROM (" + stored + " EXCEPT " + expected + ")").c_str()),
                std::int64_t(0));
        }
        QCOMPARE(count(db, "SELECT count(*) FROM log_rates WHERE level = -1 AND width = 1000000000 "
                           "AND count > 0") > 0,
                 true);
    }

    void finishStopsWhenCancelled_data()
    {
        QTest::addColumn<bool>("cancel");
        QTest::newRow("cancelled while indexing") << true;
        QTest::newRow("not cancelled") << false;
    }
    void finishStopsWhenCancelled()
    {
        QFETCH(bool, cancel);
        auto file = newCase(QStringLiteral("finish-cancel-%1.perfcase").arg(cancel));
        Database &db = file->db();
        SourceWriter writer(db, logSpec("big"));
        const auto track = writer.addTrack("log", "big");
        for (int i = 0; i < 20'000; ++i)
            writer.addLog(track, 1'000 + i, LogLevel::Info, "upstream request " + std::to_string(i),
                          i + 1);
        int polls = 0;
        auto cancelled = [&] {
            ++polls;
            return cancel;
        };
        if (cancel) {
            QVERIFY_THROWS_EXCEPTION(SqlError,
                                     writer.finish(summaryOf(20'000, "h", "h|c"), cancelled));
            writer.abort();
            for (const char *table : {"sources", "logs", "logs_fts", "log_blocks", "log_rates"})
                QCOMPARE(count(db, (std::string("SELECT count(*) FROM ") + table).c_str()),
                         std::int64_t(0));
        } else {
            writer.finish(summaryOf(20'000, "h", "h|c"), cancelled);
            QCOMPARE(count(db, "SELECT count(*) FROM v_log_search WHERE message MATCH 'upstream'"),
                     std::int64_t(20'000));
        }
        QVERIFY2(polls > 0, "the cancel check was never asked");
        Statement check = db.prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), std::string("ok"));
    }

    void abortedSourceLeavesNoTrace_data()
    {
        QTest::addColumn<bool>("explicitAbort");
        QTest::newRow("abort()") << true;
        QTest::newRow("destroyed unfinished") << false;
    }
    void abortedSourceLeavesNoTrace()
    {
        QFETCH(bool, explicitAbort);
        auto file = newCase(explicitAbort ? QStringLiteral("abort1.perfcase")
                                          : QStringLiteral("abort2.perfcase"));
        Database &db = file->db();
        {
            SourceWriter writer(db, logSpec("x"));
            auto track = writer.addTrack("log", "x");
            for (int i = 0; i < SourceWriter::kBatchRows + 10; ++i) // crosses a batch commit
                writer.addLog(track, i, LogLevel::Info, "line", i + 1);
            writer.addError(5, 100, "error", "bad line", "excerpt");
            if (explicitAbort) writer.abort();
        }
        for (const char *table : {"sources", "tracks", "logs", "import_errors", "logs_fts"}) {
            QCOMPARE(count(db, (std::string("SELECT count(*) FROM ") + table).c_str()),
                     std::int64_t(0));
        }
        Statement check = db.prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), std::string("ok"));
    }

    void abandonedSourceRemovedOnWritableOpen()
    {
        const QString casePath = path(QStringLiteral("abandoned.perfcase"));
        newCase(QStringLiteral("abandoned.perfcase"));
        // A finished process's pid stands for an importer that died.
        QProcess dead;
        dead.start(QStringLiteral("true"));
        QVERIFY(dead.waitForFinished());
        const qint64 deadPid = dead.processId() > 0 ? dead.processId() : 999'999;
        rawExec(casePath,
                QStringLiteral(
                    "INSERT INTO sources(uuid, kind, name, origin, format, imported_at, "
                    "ready, importer_pid) VALUES('u1', 'log', 'half', '/x', 'text-log', 0, 0, %1);"
                    "INSERT INTO tracks(source_id, kind, name) VALUES(1, 'log', 'half');"
                    "INSERT INTO logs(track_id, ts, message) VALUES(1, 5, 'orphan');")
                    .arg(deadPid)
                    .toUtf8()
                    .constData());
        {
            auto reader = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
            // Invisible, even before the cleanup.
            QCOMPARE(count(reader->db(), "SELECT count(*) FROM v_logs"), std::int64_t(0));
        }
        auto writer = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadWrite);
        QCOMPARE(count(writer->db(), "SELECT count(*) FROM sources"), std::int64_t(0));
        QCOMPARE(count(writer->db(), "SELECT count(*) FROM logs"), std::int64_t(0));
    }

    void readOnlyAccessRefusesWrites()
    {
        newCase(QStringLiteral("ro.perfcase"));
        auto file = CaseFile::open(path(QStringLiteral("ro.perfcase")).toStdString(),
                                   CaseFile::Access::ReadOnly);
        QVERIFY(file->isReadOnly());
        try {
            file->requireWritable();
            QFAIL("read-only case accepted a write");
        } catch (const CaseFileError &error) {
            QCOMPARE(error.kind(), CaseFileError::ReadOnly);
        }
        QVERIFY_THROWS_EXCEPTION(SqlError,
                                 file->db().exec("INSERT INTO meta(key, value) VALUES('a', 'b')"));
    }

    void queryRunnerAllowsOnlyPublicViews_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("view") << QStringLiteral("SELECT count(*) FROM v_logs") << true;
        QTest::newRow("join views")
            << QStringLiteral("SELECT s.name, count(*) FROM v_logs l JOIN v_sources s "
                              "ON s.id = l.source_id GROUP BY 1")
            << true;
        QTest::newRow("cte") << QStringLiteral(
                                    "WITH x AS (SELECT ts FROM v_logs) SELECT max(ts) FROM x")
                             << true;
        QTest::newRow("fts via view")
            << QStringLiteral("SELECT id FROM v_log_search WHERE message MATCH 'timeout'") << true;
        QTest::newRow("functions") << QStringLiteral("SELECT rfc3339(0), 'abc' REGEXP 'b'") << true;
        QTest::newRow("trailing comment") << QStringLiteral("SELECT 1; -- done") << true;
        QTest::newRow("count over a simple view")
            << QStringLiteral("SELECT count(*) FROM v_meta") << true;
        QTest::newRow("exists over a simple view")
            << QStringLiteral("SELECT EXISTS(SELECT 1 FROM v_notes)") << true;
        QTest::newRow("base table") << QStringLiteral("SELECT * FROM logs") << false;
        QTest::newRow("cte named like a view")
            << QStringLiteral("WITH v_x AS (SELECT * FROM main.sources) SELECT * FROM v_x")
            << false;
        QTest::newRow("quoted cte named like a view")
            << QStringLiteral("WITH \"v_logs\"(a) AS MATERIALIZED (SELECT uuid FROM sources) "
                              "SELECT * FROM v_logs")
            << false;
        QTest::newRow("cte over the schema")
            << QStringLiteral("with v_s as (select sql from sqlite_schema) select * from v_s")
            << false;
        QTest::newRow("schema") << QStringLiteral("SELECT * FROM sqlite_schema") << false;
        QTest::newRow("insert") << QStringLiteral("INSERT INTO meta(key) VALUES('x')") << false;
        QTest::newRow("delete via view") << QStringLiteral("DELETE FROM v_meta") << false;
        QTest::newRow("pragma") << QStringLiteral("PRAGMA journal_mode=DELETE") << false;
        QTest::newRow("attach") << QStringLiteral("ATTACH '/tmp/x.db' AS x") << false;
        QTest::newRow("two statements") << QStringLiteral("SELECT 1; SELECT 2") << false;
        QTest::newRow("syntax") << QStringLiteral("SELEC 1") << false;
        QTest::newRow("empty") << QStringLiteral("  ") << false;
    }
    void queryRunnerAllowsOnlyPublicViews()
    {
        QFETCH(QString, sql);
        QFETCH(bool, allowed);
        static bool prepared = false;
        if (!prepared) {
            auto file = newCase(QStringLiteral("query.perfcase"));
            SourceWriter writer(file->db(), logSpec("q"));
            auto track = writer.addTrack("log", "q");
            writer.addLog(track, 1, LogLevel::Error, "gateway timeout", 1);
            writer.finish(summaryOf(1, "h", "h|{}"));
            prepared = true;
        }
        QueryRunner runner(path(QStringLiteral("query.perfcase")).toStdString());
        try {
            Statement statement = runner.prepare(sql.toStdString());
            QVERIFY2(allowed, "a forbidden query compiled");
            while (statement.step()) {
            }
        } catch (const QueryError &error) {
            QVERIFY2(!allowed, error.what());
        }
        // Whatever was tried, the case is unchanged.
        auto check = CaseFile::open(path(QStringLiteral("query.perfcase")).toStdString(),
                                    CaseFile::Access::ReadOnly);
        QCOMPARE(count(check->db(), "SELECT count(*) FROM v_logs"), std::int64_t(1));
        QCOMPARE(count(check->db(), "SELECT count(*) FROM meta"), std::int64_t(4));
    }
};

QTEST_GUILESS_MAIN(TestCaseFile)
#include "tst_casefile.moc"
