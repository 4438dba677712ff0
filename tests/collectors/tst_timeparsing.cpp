// Timestamps as written in logs -> ns since the epoch, UTC (TimePattern,
// ZoneResolver, the JSON lines time keys) and DESIGN.md's Clocks rules:
// --tz for local times, DST gaps and overlaps, year-less syslog.
//
// Expected instants were worked out by hand (and checked with Python's
// zoneinfo: e.g. datetime(2026,10,25,2,30,fold=0,tzinfo=ZoneInfo("Europe/Berlin"))
// -> 00:30Z, fold=1 -> 01:30Z; Berlin DST 2026: 29 Mar 01:00Z, 25 Oct 01:00Z;
// New York 2026: 8 Mar 07:00Z, 1 Nov 06:00Z).

#include "ImportTestSupport.h"

#include "logs/TimePattern.h"
#include "logs/ZoneResolver.h"

#include <QtTest>

using namespace perfcase;
using namespace perfcase::testing;

static QStringList L(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

class TestTimeParsing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patterns_data();
    void patterns();
    void abbreviations_data();
    void abbreviations();
    void localZones_data();
    void localZones();
    void sequences_data();
    void sequences();
    void jsonEpochs_data();
    void jsonEpochs();
    void dstThroughImporter();
};

void TestTimeParsing::patterns_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // RFC 3339 UTC, or "" when the text must not parse
    QTest::addColumn<QString>("xfail");

    const QString iso = QStringLiteral("iso8601");
    // RFC 3339 with and without zone, '.' and ',' fractions of 1..9 digits.
    QTest::newRow("rfc3339/Z") << iso << "2024-04-25T05:32:35Z" << "2024-04-25T05:32:35Z" << "";
    QTest::newRow("rfc3339/no-zone") << iso << "2024-04-25T05:32:35" << "2024-04-25T05:32:35Z" << "";
    QTest::newRow("rfc3339/space") << iso << "2024-04-25 05:32:35" << "2024-04-25T05:32:35Z" << "";
    QTest::newRow("rfc3339/frac1") << iso << "2024-04-25T05:32:35.5Z" << "2024-04-25T05:32:35.500000000Z" << "";
    QTest::newRow("rfc3339/frac2") << iso << "2024-04-25T05:32:35.25Z" << "2024-04-25T05:32:35.250000000Z" << "";
    QTest::newRow("rfc3339/frac3") << iso << "2024-04-25T05:32:35.584Z" << "2024-04-25T05:32:35.584Z" << "";
    QTest::newRow("rfc3339/frac4") << iso << "2024-04-25T05:32:35.5847Z" << "2024-04-25T05:32:35.584700Z" << "";
    QTest::newRow("rfc3339/frac5") << iso << "2024-04-25T05:32:35.58472Z" << "2024-04-25T05:32:35.584720Z" << "";
    QTest::newRow("rfc3339/frac6") << iso << "2024-04-25T05:32:35.584725Z" << "2024-04-25T05:32:35.584725Z" << "";
    QTest::newRow("rfc3339/frac7") << iso << "2024-04-25T05:32:35.5847251Z" << "2024-04-25T05:32:35.584725100Z"
                                   << "";
    QTest::newRow("rfc3339/frac8-go-trimmed") << iso << "2026-11-20T10:00:00.60438526Z"
                                              << "2026-11-20T10:00:00.604385260Z" << "";
    QTest::newRow("rfc3339/frac9") << iso << "2024-04-25T05:32:35.584725130Z" << "2024-04-25T05:32:35.584725130Z"
                                   << "";
    QTest::newRow("rfc3339/frac-comma") << iso << "2023-05-29 13:20:38,758" << "2023-05-29T13:20:38.758Z" << "";
    QTest::newRow("rfc3339/frac-comma-6") << iso << "2023-05-29T13:20:38,758123Z"
                                          << "2023-05-29T13:20:38.758123Z" << "";
    QTest::newRow("rfc3339/frac-no-zone-9") << iso << "2024-04-25T05:32:35.000000001"
                                            << "2024-04-25T05:32:35.000000001Z" << "";
    QTest::newRow("rfc3339/offset+05:30") << iso << "2024-04-25T11:02:35.5+05:30" << "2024-04-25T05:32:35.5Z"
                                          << "";
    QTest::newRow("rfc3339/offset-07:00") << iso << "2003-08-24T05:14:15.000003-07:00"
                                          << "2003-08-24T12:14:15.000003Z" << "";
    QTest::newRow("rfc3339/offset+00:00") << iso << "2019-03-14T00:22:56+00:00" << "2019-03-14T00:22:56Z" << "";
    QTest::newRow("iso/offset-0700-compact") << iso << "2024-04-25 05:32:35 -0700" << "2024-04-25T12:32:35Z"
                                             << "";
    QTest::newRow("iso/offset+0900-gunicorn") << iso << "2021-09-15 15:42:07 +0900" << "2021-09-15T06:42:07Z"
                                              << "";
    QTest::newRow("iso/day-rollover") << iso << "2024-12-31T23:30:00-01:00" << "2025-01-01T00:30:00Z" << "";
    QTest::newRow("iso/leap-day") << iso << "2024-02-29T12:00:00Z" << "2024-02-29T12:00:00Z" << "";
    // Not times.
    QTest::newRow("bad/month-13") << iso << "2024-13-01T00:00:00Z" << "" << "";
    QTest::newRow("bad/minute-60") << iso << "2024-04-25T05:60:00Z" << "" << "";
    QTest::newRow("bad/trailing-junk") << iso << "2024-04-25T05:32:35Zjunk" << "" << "";
    QTest::newRow("bad/empty-fraction") << iso << "2024-04-25T05:32:35.Z" << "" << "";
    QTest::newRow("bad/feb-30") << iso << "2024-02-30T00:00:00Z" << ""
                                << "";
    QTest::newRow("bad/2023-02-29") << iso << "2023-02-29T00:00:00Z" << ""
                                    << "";

    // Common log format with offsets (nginx/Apache, gunicorn access).
    const QString clf = QStringLiteral("%d/%b/%Y:%H:%M:%S %z");
    QTest::newRow("clf/+0330") << clf << "22/Jan/2019:03:56:14 +0330" << "2019-01-22T00:26:14Z" << "";
    QTest::newRow("clf/-0700") << clf << "10/Oct/2000:13:55:36 -0700" << "2000-10-10T20:55:36Z" << "";
    QTest::newRow("clf/+0000") << clf << "20/Jul/2009:22:59:26 +0000" << "2009-07-20T22:59:26Z" << "";
    QTest::newRow("clf/+0530-over-midnight") << clf << "01/Jan/2020:03:00:00 +0530" << "2019-12-31T21:30:00Z"
                                             << "";
    QTest::newRow("clf/bad-month") << clf << "22/Foo/2019:03:56:14 +0330" << "" << "";
    QTest::newRow("clf/missing-offset") << clf << "22/Jan/2019:03:56:14" << "" << "";
    // Year-less syslog: the resolver's year (2000 here).
    const QString syslog = QStringLiteral("%b %e %H:%M:%S");
    QTest::newRow("rfc3164/two-digit-day") << syslog << "Feb 25 16:19:38" << "2000-02-25T16:19:38Z" << "";
    QTest::newRow("rfc3164/space-padded-day") << syslog << "Jan  5 03:04:05" << "2000-01-05T03:04:05Z" << "";
    // Apache error log, with weekday and a trailing year.
    QTest::newRow("apache/ctime") << QStringLiteral("%a %b %e %H:%M:%S%F %Y") << "Sun Dec 04 04:47:44 2005"
                                  << "2005-12-04T04:47:44Z" << "";
    QTest::newRow("apache/ctime-usec") << QStringLiteral("%a %b %e %H:%M:%S%F %Y")
                                       << "Wed Oct 11 14:32:52.123456 2000" << "2000-10-11T14:32:52.123456Z" << "";
    QTest::newRow("celery/comma-millis") << QStringLiteral("%Y-%m-%d %H:%M:%S,%f") << "2017-05-11 17:07:25,864"
                                         << "2017-05-11T17:07:25.864Z" << "";
    QTest::newRow("go-log/slashes") << QStringLiteral("%Y/%m/%d %H:%M:%S%F") << "2024/01/02 15:04:05.123"
                                    << "2024-01-02T15:04:05.123Z" << "";
    QTest::newRow("epoch/fraction-exact") << QStringLiteral("epoch") << "1669575482.0968924"
                                          << "2022-11-27T18:58:02.0968924Z" << "";
}

void TestTimeParsing::patterns()
{
    QFETCH(QString, spec);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QString, xfail);
    const TimePattern pattern(spec.toStdString());
    const std::string input = text.toStdString();
    ParsedTime parsed;
    const bool ok = pattern.parse(input, parsed);
    if (!xfail.isEmpty())
        QEXPECT_FAIL("", qPrintable(xfail), Abort);
    QCOMPARE(ok, !expected.isEmpty());
    if (!ok)
        return;
    ZoneResolver utc("UTC", 2000);
    const auto value = utc.toUtc(parsed);
    QVERIFY(value.has_value());
    QCOMPARE(show(value), show(ns(qPrintable(expected))));
}

void TestTimeParsing::abbreviations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    // PostgreSQL's %t/%m write the zone abbreviation.
    QTest::newRow("CET") << "2021-02-14 01:34:02 CET" << "2021-02-14T00:34:02Z";
    QTest::newRow("CEST") << "2025-04-12 00:14:12.837 CEST" << "2025-04-11T22:14:12.837Z";
    QTest::newRow("PDT") << "2025-08-13 01:45:01.123 PDT" << "2025-08-13T08:45:01.123Z";
    QTest::newRow("PST") << "2025-01-13 01:45:01 PST" << "2025-01-13T09:45:01Z";
    QTest::newRow("MSK") << "2019-10-21 12:03:31.311 MSK" << "2019-10-21T09:03:31.311Z";
    QTest::newRow("UTC") << "2017-09-06 08:40:10 UTC" << "2017-09-06T08:40:10Z";
    QTest::newRow("GMT") << "2021-01-01 07:13:44.120 GMT" << "2021-01-01T07:13:44.120Z";
    QTest::newRow("EST") << "2026-01-15 12:00:00 EST" << "2026-01-15T17:00:00Z";
    QTest::newRow("EDT") << "2026-07-15 12:00:00 EDT" << "2026-07-15T16:00:00Z";
    QTest::newRow("JST") << "2026-07-15 12:00:00 JST" << "2026-07-15T03:00:00Z";
}

void TestTimeParsing::abbreviations()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const TimePattern iso("iso8601");
    const std::string input = text.toStdString();
    ParsedTime parsed;
    QVERIFY(iso.parse(input, parsed));
    // The abbreviation wins over the source's zone.
    ZoneResolver berlin("Europe/Berlin", 2000);
    QCOMPARE(show(berlin.toUtc(parsed)), show(ns(qPrintable(expected))));
    std::string warning;
    QVERIFY(!berlin.takeWarning(warning));
    ZoneResolver utc("UTC", 2000);
    QCOMPARE(show(utc.toUtc(parsed)), show(ns(qPrintable(expected))));
}

void TestTimeParsing::localZones_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("local"); // as written, no zone
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("warns");

    QTest::newRow("berlin/winter") << "Europe/Berlin" << "2026-01-15 12:00:00" << "2026-01-15T11:00:00Z" << false;
    QTest::newRow("berlin/summer") << "Europe/Berlin" << "2026-07-15 12:00:00.123456789"
                                   << "2026-07-15T10:00:00.123456789Z" << false;
    QTest::newRow("berlin/before-gap") << "Europe/Berlin" << "2026-03-29 01:59:59" << "2026-03-29T00:59:59Z"
                                       << false;
    // 02:00..02:59 does not exist on 29 March 2026: moved forward by the gap
    // (02:30 CET-reading = 03:30 CEST = 01:30Z), with a warning.
    QTest::newRow("berlin/gap-02:30") << "Europe/Berlin" << "2026-03-29 02:30:00" << "2026-03-29T01:30:00Z" << true;
    QTest::newRow("berlin/gap-02:00") << "Europe/Berlin" << "2026-03-29 02:00:00" << "2026-03-29T01:00:00Z" << true;
    QTest::newRow("berlin/after-gap") << "Europe/Berlin" << "2026-03-29 03:00:00" << "2026-03-29T01:00:00Z"
                                      << false;
    // 02:00..02:59 happens twice on 25 October 2026: the earlier offset (CEST).
    QTest::newRow("berlin/overlap-02:30") << "Europe/Berlin" << "2026-10-25 02:30:00" << "2026-10-25T00:30:00Z"
                                          << false;
    QTest::newRow("berlin/before-overlap") << "Europe/Berlin" << "2026-10-25 01:59:59"
                                           << "2026-10-24T23:59:59Z" << false;
    QTest::newRow("berlin/after-overlap") << "Europe/Berlin" << "2026-10-25 03:00:00" << "2026-10-25T02:00:00Z"
                                          << false;
    QTest::newRow("new-york/winter") << "America/New_York" << "2026-01-15 12:00:00" << "2026-01-15T17:00:00Z"
                                     << false;
    QTest::newRow("new-york/summer") << "America/New_York" << "2026-07-15 12:00:00" << "2026-07-15T16:00:00Z"
                                     << false;
    QTest::newRow("new-york/gap-02:30") << "America/New_York" << "2026-03-08 02:30:00" << "2026-03-08T07:30:00Z"
                                        << true;
    QTest::newRow("new-york/overlap-01:30") << "America/New_York" << "2026-11-01 01:30:00"
                                            << "2026-11-01T05:30:00Z" << false;
    QTest::newRow("kolkata/half-hour") << "Asia/Kolkata" << "2026-07-15 12:00:00" << "2026-07-15T06:30:00Z"
                                       << false;
    QTest::newRow("utc/default") << "UTC" << "2026-03-29 02:30:00" << "2026-03-29T02:30:00Z" << false;
    // An offset in the text beats --tz.
    QTest::newRow("berlin/explicit-offset") << "Europe/Berlin" << "2026-03-29 02:30:00+00:00"
                                            << "2026-03-29T02:30:00Z" << false;
}

void TestTimeParsing::localZones()
{
    QFETCH(QString, zone);
    QFETCH(QString, local);
    QFETCH(QString, expected);
    QFETCH(bool, warns);
    const TimePattern iso("iso8601");
    const std::string input = local.toStdString();
    ParsedTime parsed;
    QVERIFY(iso.parse(input, parsed));
    ZoneResolver resolver(zone.toStdString(), 2000);
    QCOMPARE(show(resolver.toUtc(parsed)), show(ns(qPrintable(expected))));
    std::string warning;
    QCOMPARE(resolver.takeWarning(warning), warns);
    if (warns) {
        QVERIFY2(QString::fromStdString(warning).contains(zone), warning.c_str());
        // Once per source.
        QVERIFY(resolver.toUtc(parsed).has_value());
        QVERIFY(!resolver.takeWarning(warning));
    }
}

void TestTimeParsing::sequences_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("written");  // read in this order by one resolver
    QTest::addColumn<QStringList>("expected"); // RFC 3339 UTC each

    // Year-less syslog: Dec -> Jan adds a year, and only that step.
    const QString syslog = QStringLiteral("%b %e %H:%M:%S");
    QTest::newRow("rfc3164/dec-jan") << "UTC" << 2025 << syslog
                                     << L({"Dec 31 23:59:58", "Dec 31 23:59:59", "Jan  1 00:00:00",
                                                    "Jan  1 00:00:01", "Feb  1 00:00:00"})
                                     << L({"2025-12-31T23:59:58Z", "2025-12-31T23:59:59Z",
                                                    "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z",
                                                    "2026-02-01T00:00:00Z"});
    QTest::newRow("rfc3164/two-new-years") << "UTC" << 2024 << syslog
                                           << L({"Dec 30 10:00:00", "Jan  2 10:00:00", "Dec 31 10:00:00",
                                                          "Jan  1 10:00:00"})
                                           << L({"2024-12-30T10:00:00Z", "2025-01-02T10:00:00Z",
                                                          "2025-12-31T10:00:00Z", "2026-01-01T10:00:00Z"});
    QTest::newRow("rfc3164/no-december") << "UTC" << 2019 << syslog
                                         << L({"Feb 25 16:19:38", "Mar  1 00:00:00", "Jan  1 00:00:00"})
                                         << L({"2019-02-25T16:19:38Z", "2019-03-01T00:00:00Z",
                                                        "2019-01-01T00:00:00Z"});
    // Year-less local times step over new year in the source's zone.
    QTest::newRow("rfc3164/berlin-new-year") << "Europe/Berlin" << 2025 << syslog
                                             << L({"Dec 31 23:30:00", "Jan  1 00:30:00"})
                                             << L({"2025-12-31T22:30:00Z", "2025-12-31T23:30:00Z"});
    // Fall back in Berlin, as a log writes it: 02:00..02:59 twice. The first
    // pass takes the earlier offset (CEST); once the log is past 00:59:59Z,
    // the earlier reading of 02:00 would run time backwards, so the later
    // offset (CET) is taken.
    const QString iso = QStringLiteral("iso8601");
    QTest::newRow("berlin/fall-back-log") << "Europe/Berlin" << 2000 << iso
                                          << L({"2026-10-25 01:59:59", "2026-10-25 02:00:00",
                                                         "2026-10-25 02:30:00", "2026-10-25 02:59:59",
                                                         "2026-10-25 02:00:00", "2026-10-25 02:30:00",
                                                         "2026-10-25 02:59:59", "2026-10-25 03:00:00"})
                                          << L({"2026-10-24T23:59:59Z", "2026-10-25T00:00:00Z",
                                                         "2026-10-25T00:30:00Z", "2026-10-25T00:59:59Z",
                                                         "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
                                                         "2026-10-25T01:59:59Z", "2026-10-25T02:00:00Z"});
    // The brief's case: the previous record is already 2026-10-25T00:59Z
    // (written with its offset); 02:30 local would be 00:30Z with the
    // earlier offset -> backwards -> 01:30Z.
    QTest::newRow("berlin/previous-00:59Z") << "Europe/Berlin" << 2000 << iso
                                            << L({"2026-10-25T00:59:00Z", "2026-10-25 02:30:00"})
                                            << L({"2026-10-25T00:59:00Z", "2026-10-25T01:30:00Z"});
    // Previous record before the overlap: the earlier offset is not backwards.
    QTest::newRow("berlin/previous-00:10Z") << "Europe/Berlin" << 2000 << iso
                                            << L({"2026-10-25T00:10:00Z", "2026-10-25 02:30:00"})
                                            << L({"2026-10-25T00:10:00Z", "2026-10-25T00:30:00Z"});
    // Sub-second: the earlier reading is 0.5 s before the previous record.
    QTest::newRow("berlin/previous-subsecond") << "Europe/Berlin" << 2000 << iso
                                               << L({"2026-10-25T00:30:00.75Z",
                                                              "2026-10-25 02:30:00.25"})
                                               << L({"2026-10-25T00:30:00.75Z",
                                                              "2026-10-25T01:30:00.25Z"});
    QTest::newRow("new-york/fall-back-log") << "America/New_York" << 2000 << iso
                                            << L({"2026-11-01 01:15:00", "2026-11-01 01:45:00",
                                                           "2026-11-01 01:15:00", "2026-11-01 02:15:00"})
                                            << L({"2026-11-01T05:15:00Z", "2026-11-01T05:45:00Z",
                                                           "2026-11-01T06:15:00Z", "2026-11-01T07:15:00Z"});
    // Spring forward in a log: 01:59 then the gap (moved forward) then 03:01.
    QTest::newRow("berlin/spring-forward-log") << "Europe/Berlin" << 2000 << iso
                                               << L({"2026-03-29 01:59:00", "2026-03-29 02:15:00",
                                                              "2026-03-29 03:01:00"})
                                               << L({"2026-03-29T00:59:00Z", "2026-03-29T01:15:00Z",
                                                              "2026-03-29T01:01:00Z"});
}

void TestTimeParsing::sequences()
{
    QFETCH(QString, zone);
    QFETCH(int, year);
    QFETCH(QString, spec);
    QFETCH(QStringList, written);
    QFETCH(QStringList, expected);
    const TimePattern pattern(spec.toStdString());
    ZoneResolver resolver(zone.toStdString(), year);
    QStringList got, want;
    for (int i = 0; i < written.size(); ++i) {
        const std::string input = written[i].toStdString();
        ParsedTime parsed;
        QVERIFY2(pattern.parse(input, parsed), input.c_str());
        got << show(resolver.toUtc(parsed));
        want << show(ns(qPrintable(expected[i])));
    }
    QCOMPARE(got, want);
}

void TestTimeParsing::jsonEpochs_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("xfail");

    QTest::newRow("seconds") << R"({"time":1745532517,"msg":"s"})" << "2025-04-24T22:08:37Z" << "";
    QTest::newRow("seconds-fraction-3") << R"({"ts":1669575482.096,"msg":"zap"})" << "2022-11-27T18:58:02.096Z"
                                        << "";
    QTest::newRow("seconds-fraction-half") << R"({"ts":1745532517.5,"msg":"s"})" << "2025-04-24T22:08:37.5Z"
                                           << "";
    QTest::newRow("seconds-fraction-7-zap")
        << R"({"level":"info","ts":1669575482.0968924,"msg":"zap"})" << "2022-11-27T18:58:02.0968924Z"
        << "";
    QTest::newRow("milliseconds-pino") << R"({"level":30,"time":1745532517537,"msg":"pino"})"
                                       << "2025-04-24T22:08:37.537Z" << "";
    QTest::newRow("milliseconds-round") << R"({"time":1745532517000,"msg":"ms"})" << "2025-04-24T22:08:37Z"
                                        << "";
    QTest::newRow("microseconds") << R"({"time":1745532517537123,"msg":"us"})"
                                  << "2025-04-24T22:08:37.537123Z" << "";
    QTest::newRow("nanoseconds") << R"({"time":1745532517537123456,"msg":"ns"})"
                                 << "2025-04-24T22:08:37.537123456Z" << "";
    QTest::newRow("ms-as-string") << R"({"timestamp":"1745532517537","msg":"ms"})" << "2025-04-24T22:08:37.537Z"
                                  << "";
    QTest::newRow("journald-us-string")
        << R"({"__REALTIME_TIMESTAMP":"1534860261221373","MESSAGE":"journald","PRIORITY":"6"})"
        << "2018-08-21T14:04:21.221373Z" << "";
    QTest::newRow("rfc3339-string") << R"({"@timestamp":"2025-01-13T09:58:13.631Z","message":"ecs"})"
                                    << "2025-01-13T09:58:13.631Z" << "";
    QTest::newRow("rfc3339-offset-string")
        << R"({"timestamp":"2026-07-20T18:45:12.888215+02:00","message":"python-json-logger"})"
        << "2026-07-20T16:45:12.888215Z" << "";
}

void TestTimeParsing::jsonEpochs()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    QFETCH(QString, xfail);
    const LogFormat *format = registry().find("jsonl-log");
    QVERIFY(format);
    auto parser = format->makeParser();
    const std::string input = line.toStdString();
    LineResult result;
    parser->parse(input, result);
    QVERIFY(result.starts);
    QVERIFY(!result.timeless);
    ZoneResolver utc("UTC", 2000);
    const auto value = utc.toUtc(result.time);
    if (!xfail.isEmpty())
        QEXPECT_FAIL("", qPrintable(xfail), Continue);
    QCOMPARE(show(value), show(ns(qPrintable(expected))));
}

void TestTimeParsing::dstThroughImporter()
{
    // A local-time log over both Berlin DST changes of 2026, imported with
    // --tz Europe/Berlin: the gap warns once, the overlap stays in order.
    TempCase c;
    const QString path = c.dir() + QStringLiteral("/dst.log");
    QVERIFY(writeAll(path, "2026-03-29 01:59:00.000 INFO before spring forward\n"
                           "2026-03-29 02:15:00.000 INFO inside the gap\n"
                           "2026-03-29 03:01:00.000 INFO after spring forward\n"
                           "2026-10-25 02:10:00.000 INFO first pass (CEST)\n"
                           "2026-10-25 02:50:00.000 INFO first pass (CEST)\n"
                           "2026-10-25 02:10:00.000 INFO second pass (CET)\n"
                           "2026-10-25 03:05:00.000 INFO after fall back\n"));
    ImportOptions options;
    options.tz = "Europe/Berlin";
    const ImportOutcome o = c.importOne(path, options);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("text-log"));
    QCOMPARE(o.records, std::int64_t(7));
    QStringList got;
    Statement st = c.db().prepare("SELECT ts FROM v_logs WHERE source_id = ? ORDER BY line");
    st.bind(1, o.sourceId);
    while (st.step())
        got << show(st.int64(0));
    QCOMPARE(got, (QStringList{show(ns("2026-03-29T00:59:00Z")), show(ns("2026-03-29T01:15:00Z")),
                               show(ns("2026-03-29T01:01:00Z")), show(ns("2026-10-25T00:10:00Z")),
                               show(ns("2026-10-25T00:50:00Z")), show(ns("2026-10-25T01:10:00Z")),
                               show(ns("2026-10-25T02:05:00Z"))}));
    // One warning, naming the gap, at line 2; warnings are not rejections.
    QCOMPARE(o.rejected, std::int64_t(0));
    QCOMPARE(int(o.warnings.size()), 1);
    QCOMPARE(o.warnings.front().line, std::int64_t(2));
    QVERIFY2(QString::fromStdString(o.warnings.front().message).contains(QStringLiteral("Europe/Berlin")),
             o.warnings.front().message.c_str());
    QCOMPARE(c.scalar("SELECT line FROM v_import_errors WHERE source_id = ? AND kind = 'warning'", o.sourceId),
             std::int64_t(2));
}

QTEST_GUILESS_MAIN(TestTimeParsing)
#include "tst_timeparsing.moc"
