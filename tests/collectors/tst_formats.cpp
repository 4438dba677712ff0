// Importing every text log format into a fresh case.
//
// The expected values below were NOT taken from the program's output. They
// were counted on the files themselves with tests/fixtures/independent_counts.py
// (hand-written regular expressions per format, DESIGN.md's text log rules
// applied literally) and cross-checked with grep/wc/awk, e.g.:
//   grep -cE '^\[[0-9-]{10} [0-9:]{8},[0-9]{3}: [A-Z]+/' celery5_fastapi.log   -> 770
//   awk '{print $9}' combined_zanbil_shop.log | sort | uniq -c              -> 24 x 404
//   bzcat light.postgres.log.bz2 | grep -c 'LOG:  duration: '                -> 629
// Where the program disagrees with DESIGN.md, the row keeps the correct
// value and names the bug in an expected failure (column "xfail").

#include "ImportTestSupport.h"

#include <QDirIterator>
#include <QProcess>
#include <QtTest>

#include <bzlib.h>
#include <zlib.h>

using namespace perfcase;
using namespace perfcase::testing;

namespace {

// The rows of a source as text, in time order, for comparing two imports.
QStringList rowsOf(TempCase &c, std::int64_t source)
{
    QStringList rows;
    Statement st = c.db().prepare(
        "SELECT ts, coalesce(level, '-'), line, message FROM v_logs WHERE source_id = ? ORDER BY ts, line");
    st.bind(1, source);
    while (st.step())
        rows << QString::number(st.int64(0)) + QLatin1Char('|') + QString::fromStdString(st.text(1)) +
                    QLatin1Char('|') + QString::number(st.int64(2)) + QLatin1Char('|') +
                    QString::fromStdString(st.text(3));
    return rows;
}

} // namespace

class TestFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatFiles_data();
    void formatFiles();
    void duplicateImport();
    void folderImport();
    void compressedSameRecords_data();
    void compressedSameRecords();
    void tzShiftsLocalTimes();
    void yearForRfc3164();
    void postgresDurationSlices_data();
    void postgresDurationSlices();
};

void TestFormats::formatFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("tz");
    QTest::addColumn<int>("year"); // 0: none
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("rejected");
    QTest::addColumn<QString>("firstTs");
    QTest::addColumn<QString>("lastTs");
    QTest::addColumn<QString>("level"); // "" = NULL
    QTest::addColumn<qlonglong>("levelCount");
    QTest::addColumn<qlonglong>("msgLine");   // the record starting at this line ...
    QTest::addColumn<QString>("msgContains"); // ... has this text in its message ...
    QTest::addColumn<int>("msgLines");        // ... and this many lines (1 + continuations)
    QTest::addColumn<QString>("xfail");       // "field[,field]:reason;..."

    // kubectl logs --timestamps: no real sample exists (SOURCES.md), so
    // tests/fixtures/kubectl_logs_timestamps.log is hand-made: 20 lines,
    // all timestamped (kubelet stamps every line), Go-trimmed fractions.
    QTest::newRow("kubectl-logs/hand-made")
        << fixture("kubectl_logs_timestamps.log") << "kubectl-logs" << "UTC" << 0 << 20LL << 0LL
        << "2026-11-20T10:00:00.123456789Z" << "2026-11-20T10:00:41.90001Z" << "error" << 2LL
        << 9LL << "ERROR:    Exception in ASGI application" << 1 << "";
    // docker compose -t: ANSI "\e[2K" before every line, 22 timestamped lines;
    // redis lines (05:32:35.019...) are earlier than the first web line.
    QTest::newRow("text-log/docker-compose")
        << corpus("app_logs/docker_compose_with_ts.log") << "text-log" << "UTC" << 0 << 22LL << 0LL
        << "2024-04-25T05:32:35.019558005Z" << "2024-04-25T05:54:43.948541926Z" << "warning" << 1LL
        << 3LL << "WARNING: This is a development server." << 1
        << "";
    // Apache error log: "[Sun Dec 04 04:47:44 2005] [error] ...", 2000 lines
    // (the last without a newline: wc -l says 1999); 595 [error], 1405 [notice].
    QTest::newRow("text-log/apache-error")
        << corpus("app_logs/loghub_Apache_2k_error.log") << "text-log" << "UTC" << 0 << 2000LL << 0LL
        << "2005-12-04T04:47:44Z" << "2005-12-05T19:15:57Z" << "error" << 595LL << 2LL
        << "mod_jk child workerEnv in error state 6" << 1 << "";
    // RFC 3164 without a year: --year 2019; no PRI, no level word -> NULL.
    QTest::newRow("syslog-rfc3164/haproxy")
        << corpus("app_logs/haproxy.log") << "syslog-rfc3164" << "UTC" << 2019 << 17LL << 0LL
        << "2019-02-25T16:19:38Z" << "2019-02-25T16:20:18Z" << "" << 17LL << 1LL
        << "haproxy[1]: Proxy prod_http_in started." << 1 << "";
    // RFC 5424: hand-made (no corpus sample); PRI & 7 gives the level:
    // 165,13 -> notice; 14,14,86,30 -> info; 12 warning; 11 error; 10 critical; 15 debug.
    QTest::newRow("syslog-rfc5424/hand-made")
        << fixture("syslog_rfc5424.log") << "syslog-rfc5424" << "UTC" << 0 << 10LL << 0LL
        << "2026-03-02T14:05:01.003Z" << "2026-03-02T14:05:08.333333333Z" << "info" << 4LL << 5LL
        << "query timeout after 5000 ms" << 1 << "";
    QTest::newRow("access-combined/small")
        << corpus("nginx_access/combined_small.log") << "access-combined" << "UTC" << 0 << 3LL << 0LL
        << "2009-07-20T22:59:26Z" << "2009-07-20T22:59:29Z" << "warning" << 1LL << 1LL
        << "GET /vmw/cgi/tramp HTTP/1.0" << 1 << "";
    // +0330 offsets: 03:56:14 +0330 = 00:26:14Z; 24 x 404 -> warning.
    QTest::newRow("access-combined/zanbil+0330")
        << corpus("nginx_access/combined_zanbil_shop.log") << "access-combined" << "UTC" << 0 << 1000LL
        << 0LL << "2019-01-22T00:26:14Z" << "2019-01-22T00:29:11Z" << "warning" << 24LL << 2LL
        << "GET /image/60844/productModel/200x200 HTTP/1.1" << 1 << "";
    // 10,000 lines, not in time order (min 17/May 10:05:00, max 20/May 21:05:59); 3 x 5xx.
    QTest::newRow("access-combined/elastic-10k")
        << corpus("nginx_access/elastic_examples_apache_combined_10k.log") << "access-combined" << "UTC"
        << 0 << 10000LL << 0LL << "2015-05-17T10:05:00Z" << "2015-05-20T21:05:59Z" << "error" << 3LL
        << 1LL << "kibana-search.png" << 1 << "";
    // gunicorn custom format: 446 record starts of 551 lines; the record of
    // line 115 carries a 15-line traceback.
    QTest::newRow("gunicorn/custom-format")
        << corpus("gunicorn_logs/gunicorn19_custom_fmt_with_access.log") << "gunicorn" << "UTC" << 0
        << 446LL << 0LL << "2017-09-10T11:51:17Z" << "2017-09-10T13:48:44Z" << "critical" << 1LL
        << 115LL << "[ERROR] invalid syntax (app.py, line 26)" << 16 << "";
    // gunicorn default format with +0900 and an 85-line DEBUG config dump.
    QTest::newRow("gunicorn/debug-config")
        << corpus("gunicorn_logs/gunicorn_debug_config_traceback.log") << "gunicorn" << "UTC" << 0
        << 50LL << 0LL << "2021-09-15T06:42:07Z" << "2021-09-15T06:45:34Z" << "error" << 8LL << 1LL
        << "worker_connections: 1000" << 86 << "";
    // Python logging: hand-made (the corpus has none on its own). Line 1 is
    // before the first timestamp (rejected); line 7 has a 6-line traceback.
    QTest::newRow("python-logging/hand-made")
        << fixture("python_logging_app.log") << "python-logging" << "UTC" << 0 << 9LL << 1LL
        << "2026-02-11T14:00:33.925Z" << "2026-02-11T14:00:51.25Z" << "warning" << 2LL << 7LL
        << "_queue.Empty" << 7
        << "";
    // uvicorn + app logging + SQLAlchemy echo: 1508 timestamped lines; the 3
    // uvicorn's own "INFO:     ..." lines carry no time but are events of their
    // own: the format marks them as timeless record starts that take the time
    // of the record before (README, "Log formats"; a refinement of DESIGN.md's
    // continuation rule). Counted independently: 1508 timestamped lines + 340
    // untimed "LEVEL:  " lines after the first time = 1848 records; the 3
    // untimed lines before any time are rejected; 18 ERROR records.
    QTest::newRow("uvicorn/fastapi-mixed")
        << corpus("uvicorn_logs/uvicorn_fastapi_reload_mixed_sqlalchemy.log") << "uvicorn" << "UTC" << 0
        << 1848LL << 3LL << "2026-02-11T14:00:33.925Z" << "2026-02-11T14:47:26.972Z" << "error" << 18LL
        << 6LL << "INFO:     Waiting for application startup." << 1 << "";
    QTest::newRow("celery/5-fastapi")
        << corpus("celery_logs/celery5_fastapi.log") << "celery" << "UTC" << 0 << 770LL << 0LL
        << "2023-05-29T13:20:38.758Z" << "2023-06-01T10:11:52.962Z" << "error" << 3LL << 1LL
        << "version 6.0.0. Use the result_backend instead" << 5 << "";
    QTest::newRow("celery/5-django")
        << corpus("celery_logs/celery5_django_tdd.log") << "celery" << "UTC" << 0 << 302LL << 0LL
        << "2022-09-02T03:24:52.969Z" << "2022-09-08T02:40:00.299Z" << "warning" << 45LL << 4LL
        << "UserWarning: Using settings.DEBUG" << 3 << "";
    QTest::newRow("celery/3-weibospider")
        << corpus("celery_logs/celery3_weibospider_worker.log") << "celery" << "UTC" << 0 << 5013LL
        << 0LL << "2017-05-11T17:07:25.864Z" << "2017-05-11T19:37:26.866Z" << "error" << 292LL
        << 1355LL << "an integer is required (got type str)" << 2 << "";
    // PostgreSQL: a "duration: X ms" line is also a slice ending at the line's
    // time, so the source starts at the first slice's start: 12:03:31.311 MSK
    // minus 0.007 ms = 09:03:31.310993Z.
    QTest::newRow("postgres-stderr/MSK")
        << corpus("postgres_logs/stmt_type.log") << "postgres-stderr" << "UTC" << 0 << 12LL << 0LL
        << "2019-10-21T09:03:31.310993Z" << "2019-10-21T09:03:51.311Z" << "info" << 12LL << 5LL
        << "UPDATE test SET col1='forêt & océan' WHERE col2 = 1;" << 1 << "";
    // PDT, blank lines between records (continuations, trimmed).
    QTest::newRow("postgres-stderr/PDT")
        << corpus("postgres_logs/lnav_postgres.0.log") << "postgres-stderr" << "UTC" << 0 << 21LL << 0LL
        << "2025-08-13T08:45:01.123Z" << "2025-08-13T08:50:02.01Z" << "error" << 1LL << 6LL
        << "database system is ready to accept connections" << 1 << "";
    // CEST; a STATEMENT with 38 tab-indented continuation lines.
    QTest::newRow("postgres-stderr/CEST")
        << corpus("postgres_logs/lnav_postgres.1.log") << "postgres-stderr" << "UTC" << 0 << 7LL << 0LL
        << "2025-04-11T22:14:12.837Z" << "2025-04-11T22:17:46.846Z" << "warning" << 2LL << 2LL
        << "create table if not exists scrape_memory (" << 39 << "";
    QTest::newRow("postgres-stderr/multiline-param")
        << corpus("postgres_logs/multiline_param.log") << "postgres-stderr" << "UTC" << 0 << 12LL << 0LL
        << "2021-12-03T07:14:48.466072Z" << "2021-12-03T07:14:48.595Z" << "" << 0LL << 6LL
        << "$2 = 'njchar\n\thello', $3 = 'aaaa'" << 2 << "";
    QTest::newRow("postgres-stderr/rds-prefix")
        << corpus("postgres_logs/pg-timezones.log") << "postgres-stderr" << "UTC" << 0 << 2LL << 0LL
        << "2021-05-27T16:59:59.999946Z" << "2021-05-27T17:46:39Z" << "info" << 2LL << 2LL
        << "UPDATE t1 SET c1=1;" << 1 << "";
    QTest::newRow("postgres-stderr/CET")
        << corpus("postgres_logs/begin_end.log") << "postgres-stderr" << "UTC" << 0 << 24LL << 0LL
        << "2021-02-14T00:34:02Z" << "2021-02-15T20:02:06Z" << "info" << 24LL << 1LL
        << "connection received: host=[local]" << 1 << "";
    QTest::newRow("postgres-stderr/bz2")
        << corpus("postgres_logs/light.postgres.log.bz2") << "postgres-stderr" << "UTC" << 0 << 630LL
        << 0LL << "2017-09-06T08:40:10Z" << "2017-09-06T09:01:28Z" << "info" << 630LL << 2LL
        << "duration: 2.280 ms  statement: END;" << 1 << "";
    QTest::newRow("postgres-stderr/gz")
        << corpus("postgres_logs/queryid.log.gz") << "postgres-stderr" << "UTC" << 0 << 39LL << 0LL
        << "2022-02-17T14:45:10.43986Z" << "2022-02-17T16:29:38.422Z" << "error" << 3LL << 2LL
        << "SELECT n.nspname as \"Schema\"," << 13 << "";
    QTest::newRow("postgres-stderr/gz-CEST")
        << corpus("postgres_logs/tempfile_only.log.gz") << "postgres-stderr" << "UTC" << 0 << 176LL
        << 0LL << "2014-04-01T09:13:09.784162Z" << "2014-04-01T12:30:00Z" << "" << 0LL << 1LL
        << "SELECT COUNT(*) FROM \"view_no_allocations\"" << 1 << "";
    // JSON lines.
    QTest::newRow("jsonl-log/bunyan")
        << corpus("jsonlines/bunyan_renovate.jsonl") << "jsonl-log" << "UTC" << 0 << 10LL << 0LL
        << "2023-03-24T14:26:16.243Z" << "2023-03-24T14:26:18.331Z" << "debug" << 9LL << 2LL
        << "Found npm package files" << 1 << "";
    QTest::newRow("jsonl-log/ecs")
        << corpus("jsonlines/ecs_python.jsonl") << "jsonl-log" << "UTC" << 0 << 5LL << 0LL
        << "2025-01-13T09:58:13.631Z" << "2025-01-13T09:58:13.634Z" << "critical" << 1LL << 1LL
        << "this is a debug message num=39" << 1 << "";
    // CRLF; lines 4-8 are text (logfmt, a Go panic): continuations of line 3.
    QTest::newRow("jsonl-log/mixed-text-crlf")
        << corpus("jsonlines/mixed_json_text.jsonl") << "jsonl-log" << "UTC" << 0 << 13LL << 0LL
        << "2013-09-06T20:00:48.124817Z" << "2013-09-06T22:01:49.124817Z" << "debug" << 5LL << 3LL
        << "panic: foo bar failed baz" << 6 << "";
    // "msg": "Starting up \u001B[0;32mservice\u001B[0m": DESIGN.md strips
    // ANSI escapes from the message; line 6 has "ts": "xxx" (continuation of 5).
    QTest::newRow("jsonl-log/lnav-generic")
        << corpus("jsonlines/lnav_generic.jsonl") << "jsonl-log" << "UTC" << 0 << 13LL << 0LL
        << "2013-09-06T20:00:48.124817Z" << "2013-09-06T22:01:49.124817Z" << "critical" << 2LL << 2LL
        << "Starting up service" << 1
        << "";
    // Line 3 is a JSON object cut short: continuation of line 2.
    QTest::newRow("jsonl-log/invalid-json")
        << corpus("jsonlines/invalid_json_mixed.jsonl") << "jsonl-log" << "UTC" << 0 << 4LL << 0LL
        << "2013-09-06T20:00:48.124817Z" << "2013-09-06T22:00:59.222222Z" << "debug" << 2LL << 2LL
        << "Starting up service" << 2 << "";
    // "caddy  | {...}" with float epoch seconds (7 fraction digits as written).
    QTest::newRow("jsonl-log/caddy-float-epoch")
        << corpus("jsonlines/caddy_access.jsonl") << "jsonl-log" << "UTC" << 0 << 39LL << 0LL
        << "2025-10-21T04:10:22.3152757Z" << "2025-10-21T04:12:37.9247544Z" << "warning" << 9LL << 1LL
        << "maxprocs: Leaving GOMAXPROCS=12: CPU quota undefined" << 1
        << "";
    // pino: "time": 1745532517537 (integer ms).
    QTest::newRow("jsonl-log/pino-epoch-ms")
        << corpus("jsonlines/pino_otel_demo.jsonl") << "jsonl-log" << "UTC" << 0 << 1LL << 0LL
        << "2025-04-24T22:08:37.537Z" << "2025-04-24T22:08:37.537Z" << "info" << 1LL << 1LL
        << "hostname=7d82d3f28bad" << 1
        << "";
    QTest::newRow("jsonl-log/python-json-logger")
        << corpus("jsonlines/python_json_logger_app.jsonl") << "jsonl-log" << "UTC" << 0 << 5460LL
        << 0LL << "2026-07-20T18:45:12.888215Z" << "2026-07-20T18:50:39.94073Z" << "info" << 5460LL
        << 1LL << "POST /items" << 1 << "";
}

void TestFormats::formatFiles()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    QFETCH(QString, tz);
    QFETCH(int, year);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, rejected);
    QFETCH(QString, firstTs);
    QFETCH(QString, lastTs);
    QFETCH(QString, level);
    QFETCH(qlonglong, levelCount);
    QFETCH(qlonglong, msgLine);
    QFETCH(QString, msgContains);
    QFETCH(int, msgLines);
    QFETCH(QString, xfail);

    TempCase c;
    ImportOptions options;
    options.tz = tz.toStdString();
    if (year)
        options.year = year;
    ImportOutcome o = c.importOne(path, options);
    CHECK_FIELD("detect", QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o))));
    if (o.status != ImportOutcome::Status::Imported && !xfailFor(xfail, QStringLiteral("detect")).isEmpty()) {
        // Known detection bug: check the rest with the format named.
        options.format = format.toStdString();
        o = c.importOne(path, options);
    }
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    if (!xfail.isEmpty())
        qDebug().noquote() << "actual:" << describe(o);

    // Detection and counts.
    CHECK_FIELD("format", QCOMPARE(QString::fromStdString(o.format), format));
    CHECK_FIELD("records", QCOMPARE(qlonglong(o.records), records));
    QCOMPARE(qlonglong(o.rejected), rejected);
    QVERIFY(!o.partial);
    // The same numbers in the case: v_sources and the rows of v_logs.
    const std::int64_t id = o.sourceId;
    QCOMPARE(c.scalar("SELECT records FROM v_sources WHERE id = ?", id), std::int64_t(o.records));
    QCOMPARE(c.scalar("SELECT rejected FROM v_sources WHERE id = ?", id), std::int64_t(o.rejected));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_logs WHERE source_id = ?", id), std::int64_t(o.records));
    QCOMPARE(QString::fromStdString(c.text("SELECT format FROM v_sources WHERE id = ?", id).value_or("")),
             QString::fromStdString(o.format));

    // Time range (ns) of the outcome and of v_sources.
    CHECK_FIELD("first", QCOMPARE(show(o.firstTs), show(ns(qPrintable(firstTs)))));
    CHECK_FIELD("last", QCOMPARE(show(o.lastTs), show(ns(qPrintable(lastTs)))));
    QCOMPARE(c.scalar("SELECT first_ts FROM v_sources WHERE id = ?", id), o.firstTs.value_or(-1));
    QCOMPARE(c.scalar("SELECT last_ts FROM v_sources WHERE id = ?", id), o.lastTs.value_or(-1));

    // One fact about the level distribution.
    {
        Statement st = c.db().prepare(level.isEmpty()
                                          ? "SELECT count(*) FROM v_logs WHERE source_id = ? AND level IS NULL"
                                          : "SELECT count(*) FROM v_logs WHERE source_id = ? AND level = ?");
        st.bind(1, id);
        if (!level.isEmpty())
            st.bind(2, level.toStdString());
        QVERIFY(st.step());
        CHECK_FIELD("level", QCOMPARE(qlonglong(st.int64(0)), levelCount));
    }

    // One record's message: its text and its number of lines.
    {
        Statement st = c.db().prepare("SELECT message FROM v_logs WHERE source_id = ? AND line = ?");
        st.bind(1, id).bind(2, std::int64_t(msgLine));
        const bool found = st.step();
        CHECK_FIELD("found", QVERIFY2(found, qPrintable(QStringLiteral("no record starts at line %1").arg(msgLine))));
        if (found) {
            const QString message = QString::fromStdString(st.text(0));
            CHECK_FIELD("msg", QVERIFY2(message.contains(msgContains),
                                        qPrintable(QStringLiteral("message of line %1: %2")
                                                       .arg(msgLine)
                                                       .arg(message.left(300)))));
            CHECK_FIELD("msglines", QCOMPARE(int(message.count(QLatin1Char('\n'))) + 1, msgLines));
        }
    }

    // DESIGN.md text log rules, for every record: no CR, no escape sequence.
    QCOMPARE(c.scalar("SELECT count(*) FROM v_logs WHERE source_id = ? AND instr(message, char(13)) > 0", id),
             std::int64_t(0));
    CHECK_FIELD("ansi", QCOMPARE(c.scalar("SELECT count(*) FROM v_logs WHERE source_id = ? AND "
                                          "instr(message, char(27)) > 0",
                                          id),
                                 std::int64_t(0)));
    // Rejected lines are in import_errors with their line numbers.
    QCOMPARE(c.scalar("SELECT count(*) FROM v_import_errors WHERE source_id = ? AND kind = 'error'", id),
             std::int64_t(std::min<qlonglong>(rejected, 1000)));
    if (rejected > 0) {
        // Counted by hand: the lines before the first timestamped line.
        static const QHash<QString, QString> rejectedLines{
            {QStringLiteral("python-logging/hand-made"), QStringLiteral("1")},
            {QStringLiteral("uvicorn/fastapi-mixed"), QStringLiteral("1,2,3")},
        };
        QStringList lines;
        Statement st = c.db().prepare(
            "SELECT line FROM v_import_errors WHERE source_id = ? AND kind = 'error' ORDER BY line");
        st.bind(1, id);
        while (st.step())
            lines << QString::number(st.int64(0));
        QCOMPARE(lines.join(QLatin1Char(',')), rejectedLines.value(QString::fromLatin1(QTest::currentDataTag())));
    }
}

void TestFormats::duplicateImport()
{
    TempCase c;
    const QString path = corpus("celery_logs/celery5_fastapi.log");
    const ImportOutcome first = c.importOne(path);
    QVERIFY2(first.status == ImportOutcome::Status::Imported, qPrintable(describe(first)));
    const ImportOutcome second = c.importOne(path);
    QVERIFY2(second.status == ImportOutcome::Status::Duplicate, qPrintable(describe(second)));
    QCOMPARE(second.sourceId, first.sourceId);
    QCOMPARE(second.records, first.records);
    QCOMPARE(c.scalar("SELECT count(*) FROM sources"), std::int64_t(1));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_logs"), std::int64_t(770));

    // The same bytes under another name are still the same content.
    const QString copy = c.dir() + QStringLiteral("/renamed.log");
    QVERIFY(QFile::copy(fixture("python_logging_app.log"), copy));
    const ImportOutcome a = c.importOne(fixture("python_logging_app.log"));
    const ImportOutcome b = c.importOne(copy);
    QVERIFY2(a.status == ImportOutcome::Status::Imported, qPrintable(describe(a)));
    QVERIFY2(b.status == ImportOutcome::Status::Duplicate, qPrintable(describe(b)));
    QCOMPARE(b.sourceId, a.sourceId);

    // Options that change data make it a different source (DESIGN.md).
    ImportOptions berlin;
    berlin.tz = "Europe/Berlin";
    const ImportOutcome d = c.importOne(fixture("python_logging_app.log"), berlin);
    QVERIFY2(d.status == ImportOutcome::Status::Imported, qPrintable(describe(d)));
    QVERIFY(d.sourceId != a.sourceId);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_sources"), std::int64_t(3));
}

void TestFormats::folderImport()
{
    TempCase c;
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QDir dir(folder.path());
    QVERIFY(dir.mkpath(QStringLiteral("b-sub/deeper")));
    QVERIFY(dir.mkpath(QStringLiteral(".hidden")));
    // Hand-made fixtures and BSD-licensed lnav samples only (no "no LICENSE" file is copied).
    QVERIFY(QFile::copy(fixture("syslog_rfc5424.log"), dir.filePath(QStringLiteral("c.log"))));
    QVERIFY(QFile::copy(fixture("kubectl_logs_timestamps.log"), dir.filePath(QStringLiteral("a.log"))));
    QVERIFY(QFile::copy(corpus("postgres_logs/stmt_type.log"),
                        dir.filePath(QStringLiteral("b-sub/deeper/pg.log"))));
    QVERIFY(QFile::copy(corpus("nginx_access/combined_small.log"),
                        dir.filePath(QStringLiteral("b-sub/access.log"))));
    QVERIFY(writeAll(dir.filePath(QStringLiteral("b-sub/README.txt")),
                     "These are the logs from the incident.\nNothing else to see here.\n"));
    QVERIFY(QFile::copy(fixture("python_logging_app.log"), dir.filePath(QStringLiteral(".dotfile.log"))));
    QVERIFY(QFile::copy(fixture("python_logging_app.log"), dir.filePath(QStringLiteral(".hidden/x.log"))));

    ImportBatch::Summary summary;
    const auto outcomes = c.run({folder.path().toStdString()}, {}, &summary);
    QStringList seen;
    for (const auto &o : outcomes)
        seen << QStringLiteral("%1=%2").arg(QString::fromStdString(o.path).mid(folder.path().size() + 1),
                                            QString::fromLatin1(statusText(o.status)));
    // Byte-sorted relative paths ("a.log" < "b-sub/..." < "c.log"), dot entries never considered.
    QCOMPARE(seen, QStringList({QStringLiteral("a.log=imported"), QStringLiteral("b-sub/README.txt=skipped"),
                                QStringLiteral("b-sub/access.log=imported"),
                                QStringLiteral("b-sub/deeper/pg.log=imported"),
                                QStringLiteral("c.log=imported")}));
    QCOMPARE(summary.imported, 4);
    QCOMPARE(summary.skipped, 1);
    QCOMPARE(summary.failed, 0);
    QVERIFY(!summary.inputError); // skipped files never change the exit code

    // Source names are the paths relative to the folder.
    QStringList names;
    Statement st = c.db().prepare("SELECT name, format, records FROM v_sources ORDER BY id");
    while (st.step())
        names << QStringLiteral("%1 %2 %3").arg(QString::fromStdString(st.text(0)),
                                                QString::fromStdString(st.text(1)))
                     .arg(st.int64(2));
    QCOMPARE(names, QStringList({QStringLiteral("a.log kubectl-logs 20"),
                                 QStringLiteral("b-sub/access.log access-combined 3"),
                                 QStringLiteral("b-sub/deeper/pg.log postgres-stderr 12"),
                                 QStringLiteral("c.log syslog-rfc5424 10")}));

    // A folder with nothing importable is an input error.
    QTemporaryDir empty;
    QVERIFY(writeAll(empty.path() + QStringLiteral("/notes.txt"), "just prose\n"));
    ImportBatch::Summary none;
    c.run({empty.path().toStdString()}, {}, &none);
    QVERIFY(none.inputError);
}

void TestFormats::compressedSameRecords_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("compression");
    QTest::newRow("gzip/python-logging") << fixture("python_logging_app.log") << "gzip";
    QTest::newRow("bzip2/python-logging") << fixture("python_logging_app.log") << "bzip2";
    QTest::newRow("gzip/celery") << corpus("celery_logs/celery3_weibospider_worker.log") << "gzip";
    QTest::newRow("bzip2/postgres") << corpus("postgres_logs/lnav_postgres.1.log") << "bzip2";
}

void TestFormats::compressedSameRecords()
{
    QFETCH(QString, source);
    QFETCH(QString, compression);
    QTemporaryDir tmp;
    const QByteArray plain = readAll(source);
    QVERIFY(!plain.isEmpty());
    const QString packed = tmp.path() + (compression == QLatin1String("gzip") ? QStringLiteral("/x.log.gz")
                                                                              : QStringLiteral("/x.log.bz2"));
    QVERIFY(writeAll(packed, compression == QLatin1String("gzip") ? gzipBytes(plain) : bzip2Bytes(plain, 9)));

    TempCase a, b;
    const ImportOutcome p = a.importOne(source);
    const ImportOutcome z = b.importOne(packed);
    QVERIFY2(p.status == ImportOutcome::Status::Imported, qPrintable(describe(p)));
    QVERIFY2(z.status == ImportOutcome::Status::Imported, qPrintable(describe(z)));
    QCOMPARE(QString::fromStdString(z.compression), compression);
    QCOMPARE(QString::fromStdString(p.compression), QStringLiteral("none"));
    QCOMPARE(z.format, p.format);
    QCOMPARE(z.records, p.records);
    QCOMPARE(z.rejected, p.rejected);
    QCOMPARE(z.firstTs, p.firstTs);
    QCOMPARE(z.lastTs, p.lastTs);
    QVERIFY(!z.partial);
    QCOMPARE(rowsOf(b, z.sourceId), rowsOf(a, p.sourceId));
    // Deduplication is on the decompressed bytes: the packed file is the plain one.
    const ImportOutcome again = a.importOne(packed);
    QVERIFY2(again.status == ImportOutcome::Status::Duplicate, qPrintable(describe(again)));
    QCOMPARE(again.sourceId, p.sourceId);
}

void TestFormats::tzShiftsLocalTimes()
{
    // python_logging_app.log has local times without zone: 14:00:33,925 .. 14:00:51,250.
    struct Case
    {
        const char *tz, *first, *last;
    } cases[] = {
        {"UTC", "2026-02-11T14:00:33.925Z", "2026-02-11T14:00:51.25Z"},
        {"Europe/Berlin", "2026-02-11T13:00:33.925Z", "2026-02-11T13:00:51.25Z"},     // CET +1
        {"America/New_York", "2026-02-11T19:00:33.925Z", "2026-02-11T19:00:51.25Z"},  // EST -5
        {"Asia/Kolkata", "2026-02-11T08:30:33.925Z", "2026-02-11T08:30:51.25Z"},      // +5:30
    };
    TempCase c;
    for (const Case &k : cases) {
        ImportOptions options;
        options.tz = k.tz;
        const ImportOutcome o = c.importOne(fixture("python_logging_app.log"), options);
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(QString::fromLatin1(k.tz) + describe(o)));
        QCOMPARE(show(o.firstTs), show(ns(k.first)));
        QCOMPARE(show(o.lastTs), show(ns(k.last)));
        QCOMPARE(QString::fromStdString(c.text("SELECT tz FROM v_sources WHERE id = ?", o.sourceId).value_or("")),
                 QString::fromLatin1(k.tz));
    }
    // Times with an explicit offset do not move with --tz.
    ImportOptions options;
    options.tz = "America/New_York";
    const ImportOutcome o = c.importOne(corpus("nginx_access/combined_zanbil_shop.log"), options);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(show(o.firstTs), show(ns("2019-01-22T00:26:14Z")));
    // An unknown zone name fails the file and leaves nothing behind.
    options.tz = "Mars/Olympus_Mons";
    const auto before = c.scalar("SELECT count(*) FROM sources");
    const ImportOutcome bad = c.importOne(corpus("postgres_logs/stmt_type.log"), options);
    QVERIFY2(bad.status == ImportOutcome::Status::Failed, qPrintable(describe(bad)));
    QVERIFY2(QString::fromStdString(bad.error).contains(QStringLiteral("Mars/Olympus_Mons")),
             bad.error.c_str());
    QCOMPARE(c.scalar("SELECT count(*) FROM sources"), before);
}

void TestFormats::yearForRfc3164()
{
    TempCase c;
    ImportOptions y2019, y2020;
    y2019.year = 2019;
    y2020.year = 2020;
    const ImportOutcome a = c.importOne(corpus("app_logs/haproxy.log"), y2019);
    const ImportOutcome b = c.importOne(corpus("app_logs/haproxy.log"), y2020);
    QVERIFY2(a.status == ImportOutcome::Status::Imported, qPrintable(describe(a)));
    // --year changes data, so the same bytes with another year are a new source.
    QVERIFY2(b.status == ImportOutcome::Status::Imported, qPrintable(describe(b)));
    QCOMPARE(show(a.firstTs), show(ns("2019-02-25T16:19:38Z")));
    QCOMPARE(show(b.firstTs), show(ns("2020-02-25T16:19:38Z")));
    QCOMPARE(show(b.lastTs), show(ns("2020-02-25T16:20:18Z")));

    // Dec -> Jan adds a year (generated here: 4 lines over new year).
    const QString path = c.dir() + QStringLiteral("/newyear.log");
    QVERIFY(writeAll(path, "Dec 31 23:59:58 web-01 app[7]: last of the year\n"
                           "Dec 31 23:59:59 web-01 app[7]: still 2025\n"
                           "Jan  1 00:00:00 web-01 app[7]: happy new year\n"
                           "Jan  1 00:00:01 web-01 app[7]: first of 2026\n"));
    ImportOptions y2025;
    y2025.year = 2025;
    const ImportOutcome n = c.importOne(path, y2025);
    QVERIFY2(n.status == ImportOutcome::Status::Imported, qPrintable(describe(n)));
    QCOMPARE(QString::fromStdString(n.format), QStringLiteral("syslog-rfc3164"));
    QCOMPARE(n.records, std::int64_t(4));
    QCOMPARE(show(n.firstTs), show(ns("2025-12-31T23:59:58Z")));
    QCOMPARE(show(n.lastTs), show(ns("2026-01-01T00:00:01Z")));
    QCOMPARE(c.scalar("SELECT ts FROM v_logs WHERE source_id = ? AND line = 3", n.sourceId),
             ns("2026-01-01T00:00:00Z"));
}

void TestFormats::postgresDurationSlices_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qlonglong>("slices");   // lines with "duration: X ms" (grep -c)
    QTest::addColumn<qlonglong>("line");     // a record with a duration ...
    QTest::addColumn<qlonglong>("durNs");    // ... of this many ns ...
    QTest::addColumn<QString>("logTime");    // ... logged (= ended) at this time
    QTest::addColumn<QString>("name");       // the statement, as the slice's name (prefix)
    QTest::newRow("MSK") << corpus("postgres_logs/stmt_type.log") << 12LL << 2LL << 7209000LL
                         << "2019-10-21T09:03:33.151Z" << "CREATE TABLE test (data text);";
    QTest::newRow("UTC-parse-bind") << corpus("postgres_logs/multiline_param.log") << 8LL << 1LL
                                    << 124928000LL << "2021-12-03T07:14:48.591Z"
                                    << "select njprocs.njIsVersionOk(16777216)";
    QTest::newRow("rds-prefix") << corpus("postgres_logs/pg-timezones.log") << 2LL << 2LL << 60000LL
                                << "2021-05-27T17:46:39Z" << "UPDATE t1 SET c1=1;";
    QTest::newRow("bz2") << corpus("postgres_logs/light.postgres.log.bz2") << 629LL << 4LL << 59911000LL
                         << "2017-09-06T08:41:43Z" << "UPDATE pgbench_branches SET bbalance";
    QTest::newRow("gz-CEST") << corpus("postgres_logs/tempfile_only.log.gz") << 65LL << 1LL
                             << 11215838000LL << "2014-04-01T09:13:21Z" << "SELECT COUNT(*) FROM";
    QTest::newRow("gz-multiline") << corpus("postgres_logs/queryid.log.gz") << 20LL << 2LL << 25450000LL
                                  << "2022-02-17T14:45:13.727Z" << "SELECT n.nspname";
}

void TestFormats::postgresDurationSlices()
{
    QFETCH(QString, path);
    QFETCH(qlonglong, slices);
    QFETCH(qlonglong, line);
    QFETCH(qlonglong, durNs);
    QFETCH(QString, logTime);
    QFETCH(QString, name);
    TempCase c;
    const ImportOutcome o = c.importOne(path);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_slices WHERE source_id = ? AND track = 'postgres.statements'",
                      o.sourceId),
             std::int64_t(slices));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_slices WHERE source_id = ?", o.sourceId), std::int64_t(slices));
    const std::int64_t logTs = c.scalar("SELECT ts FROM v_logs WHERE source_id = ? AND line = " +
                                            std::to_string(line),
                                        o.sourceId);
    QCOMPARE(show(logTs), show(ns(qPrintable(logTime))));
    // The slice of that record ends at the log time and lasts the logged duration.
    Statement st = c.db().prepare("SELECT ts, dur, end_ts, name FROM v_slices WHERE source_id = ? AND end_ts = ? "
                                  "AND dur = ?");
    st.bind(1, o.sourceId).bind(2, logTs).bind(3, std::int64_t(durNs));
    QVERIFY2(st.step(), "no slice ending at the log time with the logged duration");
    QCOMPARE(st.int64(0), logTs - durNs);
    QVERIFY2(QString::fromStdString(st.text(3)).startsWith(name), st.text(3).c_str());
    // Every slice is non-negative and ends at one of the source's log times.
    QCOMPARE(c.scalar("SELECT count(*) FROM v_slices s WHERE source_id = ?1 AND (dur < 0 OR NOT EXISTS "
                      "(SELECT 1 FROM v_logs l WHERE l.source_id = ?1 AND l.ts = s.end_ts))",
                      o.sourceId),
             std::int64_t(0));
}

QTEST_GUILESS_MAIN(TestFormats)
#include "tst_formats.moc"
