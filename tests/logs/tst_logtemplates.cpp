// The Drain-style template miner: what is masked, how records group, the cap.
#include "LogTemplateMiner.h"

#include <QTest>
#include <chrono>

using namespace perfcase;

class TestLogTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void masking_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("masked");
        QTest::newRow("numbers") << QStringLiteral("fetched 100 rows in 12.3 ms")
                                 << QStringLiteral("fetched <*> rows in <*> ms");
        QTest::newRow("duration") << QStringLiteral("took 250ms") << QStringLiteral("took <*>");
        QTest::newRow("hex") << QStringLiteral("ptr 0x7ffd3a and deadbeefcafe")
                             << QStringLiteral("ptr <*> and <*>");
        QTest::newRow("uuid") << QStringLiteral("job 3f2b8c1e-9d4a-4e57-a0b1-0c2d3e4f5a6b done")
                              << QStringLiteral("job <*> done");
        QTest::newRow("ip and port") << QStringLiteral("INFO: 10.244.1.17:53122 - accepted")
                                     << QStringLiteral("INFO: <*> - accepted");
        QTest::newRow("quoted") << QStringLiteral("emitting event \"cells update\" to room")
                                << QStringLiteral("emitting event <*> to room");
        QTest::newRow("key=value") << QStringLiteral("done table_id=42 user=bob")
                                   << QStringLiteral("done table_id=<*> user=bob");
        QTest::newRow("key=\"quoted value\"")
            << QStringLiteral("msg=\"a b c\" end") << QStringLiteral("msg=<*> end");
        QTest::newRow("first line only") << QStringLiteral("Traceback 1\n  File \"x.py\", line 3")
                                         << QStringLiteral("Traceback <*>");
        QTest::newRow("plain words") << QStringLiteral("connection reset by peer")
                                     << QStringLiteral("connection reset by peer");
    }
    void masking()
    {
        QFETCH(QString, message);
        QFETCH(QString, masked);
        std::string joined;
        for (const std::string &token : LogTemplateMiner::maskedTokens(message.toStdString()))
            joined += (joined.empty() ? "" : " ") + token;
        QCOMPARE(QString::fromStdString(joined), masked);
    }

    void grouping_data()
    {
        QTest::addColumn<QStringList>("messages");
        QTest::addColumn<QStringList>("patterns");
        QTest::newRow("same shape merges") << QStringList{QStringLiteral("user alice logged in"),
                                                          QStringLiteral("user bob logged in"),
                                                          QStringLiteral("user carol logged in")}
                                           << QStringList{QStringLiteral("user <*> logged in")};
        QTest::newRow("different lengths stay apart")
            << QStringList{QStringLiteral("cache miss"), QStringLiteral("cache miss for key")}
            << QStringList{QStringLiteral("cache miss"), QStringLiteral("cache miss for key")};
        QTest::newRow("different leading tokens stay apart")
            << QStringList{QStringLiteral("GET /a ok"), QStringLiteral("POST /a ok")}
            << QStringList{QStringLiteral("GET /a ok"), QStringLiteral("POST /a ok")};
        QTest::newRow("below the similarity threshold")
            << QStringList{QStringLiteral("worker started a b c d"),
                           QStringLiteral("worker started w x y z")}
            << QStringList{QStringLiteral("worker started a b c d"),
                           QStringLiteral("worker started w x y z")};
        QTest::newRow("numbers never split")
            << QStringList{QStringLiteral("retry 1 of 5"), QStringLiteral("retry 2 of 5")}
            << QStringList{QStringLiteral("retry <*> of <*>")};
    }
    void grouping()
    {
        QFETCH(QStringList, messages);
        QFETCH(QStringList, patterns);
        LogTemplateMiner miner;
        for (const QString &message : messages)
            miner.add(message.toStdString());
        QStringList got;
        for (const std::string &pattern : miner.patterns())
            got.append(QString::fromStdString(pattern));
        QCOMPARE(got, patterns);
        std::int64_t total = 0;
        for (int id = 0; id < miner.templateCount(); ++id)
            total += miner.count(id);
        QCOMPARE(total, std::int64_t(messages.size()));
    }

    void idsAreStable()
    {
        LogTemplateMiner miner;
        const int a = miner.add("user alice logged in");
        const int b = miner.add("disk full");
        QCOMPARE(miner.add("user bob logged in"), a);
        QCOMPARE(miner.add("disk full"), b);
    }

    void memoryIsBounded()
    {
        LogTemplateMiner miner;
        // Every record its own shape: the cap holds and every record counts.
        for (int i = 0; i < 3 * LogTemplateMiner::kMaxTemplates; ++i)
            miner.add("w" + std::string(1, char('a' + i % 26)) +
                      std::string(1, char('a' + i / 26 % 26)) + " " +
                      std::string(std::size_t(1 + i % 40), 'x'));
        QVERIFY(miner.templateCount() <= LogTemplateMiner::kMaxTemplates + 1);
        std::int64_t total = 0;
        for (int id = 0; id < miner.templateCount(); ++id)
            total += miner.count(id);
        QCOMPARE(total, std::int64_t(3 * LogTemplateMiner::kMaxTemplates));
    }

    void isFast()
    {
        // The import mines every record on its parsing thread; bench/run is
        // the real check, this only catches a gross regression.
        LogTemplateMiner miner;
        const std::string lines[] = {
            "2026-11-20T10:00:00.123456789Z INFO:     10.244.1.17:53122 - \"GET "
            "/api/tables/42/rows?offset=1000&limit=100 HTTP/1.1\" 200 OK",
            "2026-11-20T10:00:00.123456789Z 2026-11-20 10:00:00,123 - app.api.rows - INFO - "
            "fetched 100 rows in 12.3 ms table_id=42",
            "2026-11-20T10:00:00.123456789Z emitting event \"cells_update_batch\" to room table:42 "
            "[/]"};
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 300'000; ++i)
            miner.add(lines[i % 3]);
        const double us =
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                .count() /
            300'000;
        qInfo("%.3f us per record, %d templates", us, miner.templateCount());
        QCOMPARE(miner.templateCount(), 3);
        QVERIFY(us < 5);
    }
};

QTEST_GUILESS_MAIN(TestLogTemplates)
#include "tst_logtemplates.moc"
