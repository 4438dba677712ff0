// Time, levels, untrusted JSON: the vocabulary every importer and view shares.
#include "LogLevel.h"
#include "TimeUtil.h"
#include "UntrustedJson.h"
#include "playbook/PlaybookLoader.h"

#include <QTest>

using namespace perfcase;

class TestCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsRfc3339_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00Z");
        QTest::newRow("ms") << qint64(1'763'632'800'001'000'000) << QStringLiteral("2025-11-20T10:00:00.001Z");
        QTest::newRow("us") << qint64(1'763'632'800'000'001'000) << QStringLiteral("2025-11-20T10:00:00.000001Z");
        QTest::newRow("ns") << qint64(1'763'632'800'000'000'001) << QStringLiteral("2025-11-20T10:00:00.000000001Z");
        QTest::newRow("ms exact, us shown") << qint64(1'763'632'800'123'400'000)
                                            << QStringLiteral("2025-11-20T10:00:00.123400Z");
        QTest::newRow("before epoch") << qint64(-1'000'000'000) << QStringLiteral("1969-12-31T23:59:59Z");
        QTest::newRow("before epoch, fraction") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59.999999999Z");
        QTest::newRow("leap day") << qint64(1'709'164'800) * 1'000'000'000
                                  << QStringLiteral("2024-02-29T00:00:00Z");
    }
    void formatsRfc3339()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatRfc3339(ns)), text);
        // And it reads back to the same instant.
        auto back = parseRfc3339(text.toStdString());
        QVERIFY(back.has_value());
        QCOMPARE(qint64(*back), ns);
    }

    void parsesRfc3339_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns"); // -1: invalid
        QTest::newRow("Z") << QStringLiteral("2026-11-20T10:00:00Z") << qint64(1'795'168'800'000'000'000);
        QTest::newRow("offset") << QStringLiteral("2026-11-20T11:30:00+01:30") << qint64(1'795'168'800'000'000'000);
        QTest::newRow("compact offset") << QStringLiteral("2026-11-20T05:00:00-0500") << qint64(1'795'168'800'000'000'000);
        QTest::newRow("space, comma fraction") << QStringLiteral("2026-11-20 10:00:00,5Z") << qint64(1'795'168'800'500'000'000);
        QTest::newRow("nano") << QStringLiteral("2026-11-20T10:00:00.123456789Z") << qint64(1'795'168'800'123'456'789);
        QTest::newRow("no zone") << QStringLiteral("2026-11-20T10:00:00") << qint64(-1);
        QTest::newRow("bad month") << QStringLiteral("2026-13-20T10:00:00Z") << qint64(-1);
        QTest::newRow("trailing") << QStringLiteral("2026-11-20T10:00:00Zx") << qint64(-1);
        QTest::newRow("empty fraction") << QStringLiteral("2026-11-20T10:00:00.Z") << qint64(-1);
    }
    void parsesRfc3339()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        auto parsed = parseRfc3339(text.toStdString());
        if (ns < 0) {
            QVERIFY(!parsed);
        } else {
            QVERIFY(parsed);
            QCOMPARE(qint64(*parsed), ns);
        }
    }

    void parsesDurations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns");
        QTest::newRow("seconds") << QStringLiteral("90s") << qint64(90'000'000'000);
        QTest::newRow("h m") << QStringLiteral("1h30m") << qint64(5'400'000'000'000);
        QTest::newRow("ms") << QStringLiteral("250ms") << qint64(250'000'000);
        QTest::newRow("fraction") << QStringLiteral("1.5h") << qint64(5'400'000'000'000);
        QTest::newRow("no unit") << QStringLiteral("90") << qint64(-1);
        QTest::newRow("bad unit") << QStringLiteral("3d") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }
    void parsesDurations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        auto parsed = parseDuration(text.toStdString());
        QCOMPARE(parsed ? qint64(*parsed) : qint64(-1), ns);
    }

    void parsesTimeArguments_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns");
        const qint64 now = 1'800'000'000'000'000'000;
        QTest::newRow("now") << QStringLiteral("now") << now;
        QTest::newRow("now-1h") << QStringLiteral("now-1h") << now - 3'600'000'000'000;
        QTest::newRow("now+30m") << QStringLiteral("now+30m") << now + 1'800'000'000'000;
        QTest::newRow("unix") << QStringLiteral("1795168800") << qint64(1'795'168'800'000'000'000);
        QTest::newRow("unix fraction") << QStringLiteral("1795168800.25") << qint64(1'795'168'800'250'000'000);
        QTest::newRow("rfc3339") << QStringLiteral("2026-11-20T10:00:00Z") << qint64(1'795'168'800'000'000'000);
        QTest::newRow("garbage") << QStringLiteral("yesterday") << qint64(-1);
        QTest::newRow("now garbage") << QStringLiteral("now-xx") << qint64(-1);
    }
    void parsesTimeArguments()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        auto parsed = parseTimeArgument(text.toStdString(), 1'800'000'000'000'000'000);
        QCOMPARE(parsed ? qint64(*parsed) : qint64(-1), ns);
    }

    void levelWords_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("level"); // empty: unknown
        QTest::newRow("WARN") << QStringLiteral("WARN") << QStringLiteral("warning");
        QTest::newRow("Warning") << QStringLiteral("Warning") << QStringLiteral("warning");
        QTest::newRow("FATAL") << QStringLiteral("FATAL") << QStringLiteral("critical");
        QTest::newRow("PANIC") << QStringLiteral("PANIC") << QStringLiteral("critical");
        QTest::newRow("err") << QStringLiteral("err") << QStringLiteral("error");
        QTest::newRow("E") << QStringLiteral("E") << QStringLiteral("error");
        QTest::newRow("DEBUG3") << QStringLiteral("DEBUG3") << QStringLiteral("debug");
        QTest::newRow("notice") << QStringLiteral("notice") << QStringLiteral("notice");
        QTest::newRow("postgres LOG") << QStringLiteral("LOG") << QStringLiteral("info");
        QTest::newRow("unknown") << QStringLiteral("banana") << QString();
    }
    void levelWords()
    {
        QFETCH(QString, word);
        QFETCH(QString, level);
        auto parsed = levelFromWord(word.toStdString());
        QCOMPARE(parsed ? QString::fromUtf8(levelName(*parsed).data(), qsizetype(levelName(*parsed).size()))
                        : QString(),
                 level);
    }

    void levelNumbers()
    {
        QCOMPARE(*levelFromSyslog(0), LogLevel::Critical);
        QCOMPARE(*levelFromSyslog(3), LogLevel::Error);
        QCOMPARE(*levelFromSyslog(4), LogLevel::Warning);
        QCOMPARE(*levelFromSyslog(5), LogLevel::Notice);
        QCOMPARE(*levelFromSyslog(7), LogLevel::Debug);
        QVERIFY(!levelFromSyslog(8));
        QCOMPARE(*levelFromBunyan(10), LogLevel::Trace);
        QCOMPARE(*levelFromBunyan(30), LogLevel::Info);
        QCOMPARE(*levelFromBunyan(50), LogLevel::Error);
        QCOMPARE(*levelFromBunyan(60), LogLevel::Critical);
        QCOMPARE(levelFromHttpStatus(503), LogLevel::Error);
        QCOMPARE(levelFromHttpStatus(404), LogLevel::Warning);
        QCOMPARE(levelFromHttpStatus(200), LogLevel::Info);
    }

    void levelFromFreeText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("level");
        QTest::newRow("capital word") << QStringLiteral("worker 3 ERROR: timeout") << QStringLiteral("error");
        QTest::newRow("keyed") << QStringLiteral("ts=1 level=warn msg=slow") << QStringLiteral("warning");
        QTest::newRow("bracketed") << QStringLiteral("[Sun Dec 04] [error] mod_jk") << QStringLiteral("error");
        QTest::newRow("prose is not a level") << QStringLiteral("no error here, info only") << QString();
        QTest::newRow("zap tabs") << QStringLiteral("2025\tinfo\tMetrics") << QStringLiteral("info");
        QTest::newRow("uvicorn") << QStringLiteral("INFO:     10.0.0.1 - GET") << QStringLiteral("info");
    }
    void levelFromFreeText()
    {
        QFETCH(QString, text);
        QFETCH(QString, level);
        auto parsed = levelFromText(text.toStdString());
        QCOMPARE(parsed ? QString::fromUtf8(levelName(*parsed).data(), qsizetype(levelName(*parsed).size()))
                        : QString(),
                 level);
    }

    // Nesting is capped before anything recursive sees the value; deeper is
    // refused whole, and a syntax error says where.
    void untrustedJson_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<bool>("nesting"); // the problem is the depth (no offset)
        QTest::addColumn<QString>("message");
        // Where the error is: the start of what nlohmann's message says it
        // last read ('"a": tru}'), or the end of the input; -1: not checked.
        QTest::addColumn<int>("offset");
        auto nested = [](int depth) -> QByteArray {
            return QByteArray("{\"a\":").repeated(depth - 1) + "[1]" +
                   QByteArray("}").repeated(depth - 1);
        };
        QTest::newRow("flat") << QByteArray(R"({"pod":"api-0","n":[1,2]})") << true << false
                              << QString() << -1;
        QTest::newRow("64 levels") << nested(64) << true << false << QString() << -1;
        QTest::newRow("65 levels")
            << nested(65) << false << true << QStringLiteral("nested deeper than 64 levels") << -1;
        QTest::newRow("a million levels") << QByteArray(1'000'000, '[') << false << true
                                          << QStringLiteral("nested deeper than 64 levels") << -1;
        QTest::newRow("syntax error")
            << QByteArray(R"({"a": tru})") << false << false << QStringLiteral("syntax error") << 1;
        QTest::newRow("truncated")
            << QByteArray(R"({"a": [1, 2)") << false << false << QStringLiteral("syntax error") << 11;
        QTest::newRow("empty") << QByteArray() << false << false << QStringLiteral("syntax error") << 0;
        QTest::newRow("unfinished object") << QByteArray("{\"id\": \"pay-gateway\",\n") << false
                                           << false << QStringLiteral("end of input") << 22;
        QTest::newRow("string cut by the end") << QByteArray("{\"a\": \"abc") << false << false
                                               << QString() << 6;
        QTest::newRow("<U+0041> typed in a string")
            << QByteArray("{\"a\": \"x<U+0041>\n\"}") << false << false << QString() << 6;
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe", 3) << false << false
                                << QStringLiteral("syntax error") << 0;
    }
    void untrustedJson()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, accepted);
        QFETCH(bool, nesting);
        QFETCH(QString, message);
        UntrustedJson::Problem problem;
        const nlohmann::json value = UntrustedJson::parse(text.toStdString(), &problem);
        QCOMPARE(!value.is_discarded(), accepted);
        if (accepted) {
            // What the cap protects: dump and copy of the whole value.
            const nlohmann::json copy = value;
            QCOMPARE(copy.dump(), nlohmann::json::parse(text.toStdString()).dump());
            return;
        }
        // A syntax error says where (nlohmann's token start, within the text).
        QCOMPARE(problem.offset < 0, nesting);
        QVERIFY(problem.offset <= text.size());
        QFETCH(int, offset);
        if (offset >= 0) QCOMPARE(problem.offset, offset);
        QVERIFY2(QString::fromStdString(problem.message).contains(message),
                 problem.message.c_str());
    }

    // A playbook from a teammate nested a million levels deep is refused
    // before the schema validator (which recurses) sees it.
    void deepPlaybookIsRefused()
    {
        const std::string text = "{\"id\":" + std::string(1'000'000, '[');
        try {
            PlaybookLoader::parse(text, "deep.json");
            QFAIL("parsed");
        } catch (const PlaybookError &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("deeper than 64")),
                     error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestCore)
#include "tst_core.moc"
