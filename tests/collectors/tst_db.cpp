// The database importers (collectors/db): pg_stat_statements CSV exports
// and EXPLAIN text output. Sniffing, the two real pg_stat_statements
// exports of the corpus (referenced in place: they have no LICENSE file),
// the hand-made EXPLAIN fixtures of tests/fixtures/db, other shapes of both
// formats and bad input.
//
// The expected values were NOT taken from the program's output: the corpus
// and fixture numbers were printed by tests/fixtures/db/independent_db.py
// (Python's csv module and regular expressions written from PostgreSQL's
// documentation), and cross-checked by hand, e.g.
//   grep -c 'run_command_on_all_nodes' pgss_citus_psql_copy.csv   -> 1
//   grep -c '^   ->\|^ [A-Z]' explain_two_plans.txt (minus trailers) -> 8
// The bad-input numbers follow from each recipe (DbCases.cpp).

#include "DbCases.h"
#include "ImportTestSupport.h"
#include "db/ExplainLine.h"
#include "import/Sample.h"

#include <QDateTime>
#include <QProcess>
#include <QtTest>

using namespace perfcase;
using namespace perfcase::testing;

namespace {

const char *kAt = "2026-11-20T10:15:00Z";

ImportOptions at(const char *rfc3339 = kAt, const char *format = "")
{
    ImportOptions options;
    if (rfc3339 && *rfc3339) options.at = ns(rfc3339);
    options.format = format;
    return options;
}

QString textOf(TempCase &c, const std::string &sql, std::optional<std::int64_t> bind = {})
{
    auto value = c.text(sql, bind);
    return value ? QString::fromStdString(*value) : QStringLiteral("(none)");
}

double realOf(TempCase &c, const std::string &sql)
{
    Statement st = c.db().prepare(sql);
    return st.step() && !st.isNull(0) ? st.real(0) : std::nan("");
}

// Rows of every stored table, through a connection of its own.
struct RawCounts
{
    std::int64_t sources = 0, tracks = 0, instants = 0, errors = 0;
    bool operator==(const RawCounts &o) const
    {
        return sources == o.sources && tracks == o.tracks && instants == o.instants &&
               errors == o.errors;
    }
};

RawCounts rawCounts(const std::string &casePath)
{
    Database db(casePath, Database::Mode::ReadOnly);
    RawCounts c;
    c.sources = db.scalarInt("SELECT count(*) FROM sources");
    c.tracks = db.scalarInt("SELECT count(*) FROM tracks");
    c.instants = db.scalarInt("SELECT count(*) FROM instants");
    c.errors = db.scalarInt("SELECT count(*) FROM import_errors");
    return c;
}

struct CliRun
{
    int exit = -1;
    QString out, err;
};

CliRun perfcaseCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(PERFCASE_BINARY), arguments);
    CliRun run;
    if (!process.waitForFinished(60000)) return run;
    run.exit = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// "a,b,c" of one column over the instants of a track, in id order.
QString column(TempCase &c, const char *expression, const char *track)
{
    QStringList values;
    Statement st = c.db().prepare(std::string("SELECT ") + expression +
                                  " FROM v_instants WHERE track = ? ORDER BY id");
    st.bind(1, track);
    while (st.step())
        values << QString::fromStdString(st.optionalText(0).value_or("null"));
    return values.join(QLatin1Char(','));
}

} // namespace

class TestDb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explainLines_data();
    void explainLines();
    void sniffing_data();
    void sniffing();
    void notOurs_data();
    void notOurs();
    void pgssCorpus_data();
    void pgssCorpus();
    void pgssCorpusRows();
    void pgssShapes_data();
    void pgssShapes();
    void explainFixtures_data();
    void explainFixtures();
    void explainDetails();
    void captureTime_data();
    void captureTime();
    void badInput_data();
    void badInput();
};

void TestDb::explainLines_data()
{
    addExplainLineRows();
}

void TestDb::explainLines()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, kind);
    QFETCH(int, column);
    QFETCH(bool, arrow);
    QFETCH(bool, malformed);
    QFETCH(QString, type);
    QFETCH(QString, figures);
    QFETCH(bool, never);

    const ExplainLine line = ExplainLine::parse(text.toStdString());
    static const char *kinds[] = {"blank", "header", "rule", "footer", "node", "text"};
    QCOMPARE(QString::fromLatin1(kinds[int(line.kind)]), kind);
    QCOMPARE(int(line.column), column);
    QCOMPARE(line.arrow, arrow);
    QCOMPARE(line.malformed, malformed);
    if (kind == QLatin1String("text")) {
        QCOMPARE(QString::fromStdString(line.key + "|" + line.value), type);
        return;
    }
    if (kind != QLatin1String("node")) return;
    const ExplainNode &n = line.node;
    QCOMPARE(QString::fromStdString(n.type + "|" + n.relation + "|" + n.alias + "|" + n.index),
             type);
    if (malformed) return;
    QStringList got;
    for (const auto &value :
         {n.startupCost, n.totalCost, n.planRows, n.actualMs, n.actualRows, n.loops})
        got << (value ? QString::number(*value) : QStringLiteral("-"));
    QCOMPARE(got.join(QLatin1Char(' ')), figures);
    QCOMPARE(n.neverExecuted, never);
}

void TestDb::sniffing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");

    QTest::newRow("pgss psql \\copy")
        << corpus("pg_stat_statements/pgss_citus_psql_copy.csv") << "pg-stat-statements-csv";
    QTest::newRow("pgss pandas") << corpus("pg_stat_statements/pgss_pgmonitor_pandas_export.csv")
                                 << "pg-stat-statements-csv";
    for (const char *name :
         {"explain_seqscan_missing_index.txt", "explain_index_scan.txt", "explain_nested_loop.txt",
          "explain_costs_only.txt", "explain_two_plans.txt"})
        QTest::newRow(name) << fixture((std::string("db/") + name).c_str()) << "explain-text";
}

void TestDb::sniffing()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    const Sample sample = Sample::read(path.toStdString());
    const Importer *detected = importers().detect(sample);
    QVERIFY(detected);
    QCOMPARE(QString::fromStdString(detected->id()), format);
    QVERIFY(detected->sniff(sample) >= 60);
    QCOMPARE(QString::fromStdString(detected->kind()), QStringLiteral("db"));
}

// Every other corpus file and fixture: neither importer claims it (a
// postgres log with plans in it stays a log; a CSV of metrics stays csv).
void TestDb::notOurs_data()
{
    QTest::addColumn<QString>("path");
    for (const char *folder :
         {"app_logs", "celery_logs", "gunicorn_logs", "nginx_access", "postgres_logs",
          "socketio_logs", "uvicorn_logs", "jsonlines", "k8s", "prometheus", "har"}) {
        const QDir dir(corpus(folder));
        for (const QString &name : dir.entryList(QDir::Files))
            QTest::newRow(qPrintable(QString::fromUtf8(folder) + QLatin1Char('/') + name))
                << dir.filePath(name);
    }
    for (const char *folder : {"metrics", "k8s"}) {
        const QDir dir(fixture(folder));
        for (const QString &name : dir.entryList(QDir::Files))
            QTest::newRow(qPrintable(QStringLiteral("fixtures/") + QString::fromUtf8(folder) +
                                     QLatin1Char('/') + name))
                << dir.filePath(name);
    }
}

void TestDb::notOurs()
{
    QFETCH(QString, path);
    const Sample sample = Sample::read(path.toStdString());
    for (const char *ours : {"pg-stat-statements-csv", "explain-text"})
        QCOMPARE(importers().find(ours)->sniff(sample), 0);
}

// Numbers from independent_db.py (pgss_*: records, sum of calls and rows,
// multi-line queries, queries over 2000 bytes, negative queryids, toplevel
// true, and the statement with the largest total time).
void TestDb::pgssCorpus_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("sumCalls");
    QTest::addColumn<qlonglong>("sumRows");
    QTest::addColumn<qlonglong>("multiLine");
    QTest::addColumn<qlonglong>("namesCut");
    QTest::addColumn<qlonglong>("negativeQueryid");
    QTest::addColumn<qlonglong>("toplevel");
    QTest::addColumn<QString>("largestQueryid");
    QTest::addColumn<qlonglong>("largestCalls");
    QTest::addColumn<double>("largestTotal");
    QTest::addColumn<QString>("largestName");

    QTest::newRow("citus psql \\copy")
        << corpus("pg_stat_statements/pgss_citus_psql_copy.csv") << 38LL << 1677LL << 75LL << 2LL
        << 0LL << 16LL << 38LL << "5852753927769605269" << 1LL << 739.471313
        << "CREATE EXTENSION citus";
    QTest::newRow("pgmonitor pandas")
        << corpus("pg_stat_statements/pgss_pgmonitor_pandas_export.csv") << 1547LL << 1324239715LL
        << 1562713403LL << 975LL << 26LL << 884LL << 1183LL << "8064844924711388" << 2848992LL
        << 2925636146.479924 << "DO $$ \nDECLARE\n    u_id INT;\n    user_id";
}

void TestDb::pgssCorpus()
{
    QFETCH(QString, path);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, sumCalls);
    QFETCH(qlonglong, sumRows);
    QFETCH(qlonglong, multiLine);
    QFETCH(qlonglong, namesCut);
    QFETCH(qlonglong, negativeQueryid);
    QFETCH(qlonglong, toplevel);
    QFETCH(QString, largestQueryid);
    QFETCH(qlonglong, largestCalls);
    QFETCH(double, largestTotal);
    QFETCH(QString, largestName);

    TempCase c;
    const ImportOutcome o = c.importOne(path, at());
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("pg-stat-statements-csv"));
    QCOMPARE(QString::fromStdString(o.kind), QStringLiteral("db"));
    QCOMPARE(o.records, records);
    QCOMPARE(o.rejected, 0LL);
    QVERIFY(!o.partial);
    QVERIFY(o.warnings.empty());
    // A snapshot: every statement at the capture time.
    QCOMPARE(show(o.firstTs), show(ns(kAt)));
    QCOMPARE(show(o.lastTs), show(ns(kAt)));
    QCOMPARE(textOf(c, "SELECT time_source FROM v_sources"), QStringLiteral("at"));
    QCOMPARE(textOf(c, "SELECT name || ' ' || unit || ' ' || kind || ' ' || labels FROM v_tracks"),
             QStringLiteral("db.statements ms instant {}"));

    const std::string from = "FROM v_instants WHERE track = 'db.statements'";
    QCOMPARE(c.scalar("SELECT count(*) " + from), records);
    QCOMPARE(c.scalar("SELECT sum(json_extract(args, '$.calls')) " + from), sumCalls);
    QCOMPARE(c.scalar("SELECT sum(json_extract(args, '$.rows')) " + from), sumRows);
    QCOMPARE(c.scalar("SELECT count(*) " + from + " AND instr(name, char(10)) > 0"), multiLine);
    QCOMPARE(c.scalar("SELECT count(*) " + from + " AND instr(name, char(13)) > 0"), 0LL);
    QCOMPARE(c.scalar("SELECT count(*) " + from + " AND length(CAST(name AS BLOB)) = 2000"),
             namesCut);
    QCOMPARE(c.scalar("SELECT max(length(CAST(name AS BLOB))) " + from) <= 2000, true);
    QCOMPARE(c.scalar("SELECT count(*) " + from + " AND json_extract(args, '$.queryid') LIKE '-%'"),
             negativeQueryid);
    QCOMPARE(c.scalar("SELECT count(*) " + from + " AND json_extract(args, '$.toplevel') = 1"),
             toplevel);
    QCOMPARE(c.scalar("SELECT count(*) " + from +
                      " AND json_type(args, '$.queryid') = 'text' AND json_type(args, '$.calls') "
                      "= 'integer' AND json_type(args, '$.userid') = 'integer'"),
             records);

    // The statement with the most total time: the query of docs/formats.md.
    const std::string top = "SELECT %1 " + from +
                            " ORDER BY json_extract(args, '$.total_ms') "
                            "DESC LIMIT 1";
    auto topValue = [&](const char *what) {
        return textOf(c, QString::fromStdString(top).arg(QLatin1String(what)).toStdString());
    };
    QCOMPARE(topValue("json_extract(args, '$.queryid')"), largestQueryid);
    QCOMPARE(topValue("json_extract(args, '$.calls')"), QString::number(largestCalls));
    QCOMPARE(realOf(c, QString::fromStdString(top)
                           .arg(QLatin1String("json_extract(args, '$.total_ms')"))
                           .toStdString()),
             largestTotal);
    QVERIFY2(topValue("name").startsWith(largestName), qPrintable(topValue("name")));
}

// Single rows, read off the files by hand.
void TestDb::pgssCorpusRows()
{
    TempCase c;
    QCOMPARE(c.importOne(corpus("pg_stat_statements/pgss_citus_psql_copy.csv"), at()).records,
             38LL);
    // 10,16384,t,-8187648932213109433,SELECT result FROM run_command_on_all_nodes($1),
    // 0,0,0,0,0,0,3,131.673749,18.229466,72.186508,43.89124966666667,22.106439287568417,9,600,0,...
    QCOMPARE(textOf(c, "SELECT args FROM v_instants WHERE name = 'SELECT result FROM "
                       "run_command_on_all_nodes($1)'"),
             QStringLiteral("{\"calls\":3,\"dbid\":16384,\"max_ms\":72.186508,\"mean_ms\":43."
                            "89124966666667,\"queryid\":\"-8187648932213109433\",\"rows\":9,"
                            "\"shared_blks_hit\":600,\"shared_blks_read\":0,\"stddev_ms\":22."
                            "106439287568417,\"toplevel\":true,\"total_ms\":131.673749,"
                            "\"userid\":10}"));
    // A quoted field with doubled quotes.
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE name = 'ALTER SYSTEM SET "
                      "citus.stat_tenants_track TO \"all\"'"),
             1LL);

    TempCase p;
    QCOMPARE(
        p.importOne(corpus("pg_stat_statements/pgss_pgmonitor_pandas_export.csv"), at()).records,
        1547LL);
    // pandas: True/False, CRLF records, a query over four lines (the same
    // row in each of the 13 snapshots the export appends).
    const std::string limit =
        "FROM v_instants WHERE name = 'SELECT *' || char(10) || 'FROM pg_stat_statements' || "
        "char(10) || char(10) || 'LIMIT $1'";
    QCOMPARE(p.scalar("SELECT count(*) " + limit), 13LL);
    QCOMPARE(textOf(p, "SELECT DISTINCT args " + limit),
             QStringLiteral("{\"calls\":2,\"dbid\":16459,\"max_ms\":1.059623,\"mean_ms\":0.871999,"
                            "\"queryid\":\"-1358718200392596645\",\"rows\":137,\"shared_blks_"
                            "hit\":0,\"shared_blks_read\":0,\"stddev_ms\":0.187624,\"toplevel\":"
                            "true,\"total_ms\":1.743998,\"userid\":16388}"));
    QCOMPARE(p.scalar("SELECT count(*) FROM v_instants WHERE json_extract(args, '$.toplevel') = 0"),
             1547LL - 1183LL);
}

// Other releases and writers; the args of the first row as dumped (sorted keys).
void TestDb::pgssShapes_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("args");

    QTest::newRow("PostgreSQL 12 (total_time)")
        << QByteArray("userid,dbid,queryid,query,calls,total_time,min_time,max_time,mean_time,"
                      "stddev_time,rows,shared_blks_hit,shared_blks_read\n"
                      "16384,16385,3153293637519553117,\"UPDATE t SET x = $1\",250,1250.5,0.5,"
                      "40.25,5.002,2.5,250,1000,12\n")
        << 1LL << "UPDATE t SET x = $1"
        << "{\"calls\":250,\"dbid\":16385,\"max_ms\":40.25,\"mean_ms\":5.002,\"queryid\":"
           "\"3153293637519553117\",\"rows\":250,\"shared_blks_hit\":1000,\"shared_blks_read\":"
           "12,\"stddev_ms\":2.5,\"total_ms\":1250.5,\"userid\":16384}";
    QTest::newRow("PostgreSQL 9.4 (no mean_time)")
        << QByteArray("userid,dbid,queryid,query,calls,total_time,rows,shared_blks_hit,"
                      "shared_blks_read\n10,12345,-42,SELECT 1,8,10,8,0,0\n10,12345,43,SELECT "
                      "2,0,0,0,0,0\n")
        << 2LL << "SELECT 1"
        << "{\"calls\":8,\"dbid\":12345,\"mean_ms\":1.25,\"queryid\":\"-42\",\"rows\":8,"
           "\"shared_blks_hit\":0,\"shared_blks_read\":0,\"total_ms\":10,\"userid\":10}";
    QTest::newRow("semicolons, quoted header")
        << QByteArray("\"userid\";\"dbid\";\"toplevel\";\"queryid\";\"query\";\"calls\";"
                      "\"total_exec_time\";\"mean_exec_time\"\n10;5;f;77;\"SELECT a; b\";3;0.75;"
                      "0.25\n")
        << 1LL << "SELECT a; b"
        << "{\"calls\":3,\"dbid\":5,\"mean_ms\":0.25,\"queryid\":\"77\",\"toplevel\":false,"
           "\"total_ms\":0.75,\"userid\":10}";
    QTest::newRow("pandas index column, floats, NaN")
        << QByteArray(",userid,dbid,toplevel,queryid,query,calls,total_exec_time,max_exec_time\n"
                      "0,16388,16459,False,-1,SELECT 2,1.0,0.5,\n")
        << 1LL << "SELECT 2"
        << "{\"calls\":1,\"dbid\":16459,\"mean_ms\":0.5,\"queryid\":\"-1\",\"toplevel\":false,"
           "\"total_ms\":0.5,\"userid\":16388}";
    QTest::newRow("role and database names")
        << QByteArray("userid,dbid,query,calls,total_exec_time\napp,shop,SELECT 3,2,1e-3\n") << 1LL
        << "SELECT 3"
        << "{\"calls\":2,\"dbid\":\"shop\",\"mean_ms\":0.0005,\"total_ms\":0.001,\"userid\":"
           "\"app\"}";
    QTest::newRow("no final line break")
        << QByteArray("query,calls,total_exec_time\nSELECT 4,1,2") << 1LL << "SELECT 4"
        << "{\"calls\":1,\"mean_ms\":2,\"total_ms\":2}";
}

void TestDb::pgssShapes()
{
    QFETCH(QByteArray, csv);
    QFETCH(qlonglong, records);
    QFETCH(QString, name);
    QFETCH(QString, args);

    TempCase c;
    const QString path = c.dir() + QStringLiteral("/pg_stat_statements.csv");
    QVERIFY(writeAll(path, csv));
    const ImportOutcome o = c.importOne(path, at());
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("pg-stat-statements-csv"));
    QCOMPARE(o.records, records);
    QCOMPARE(o.rejected, 0LL);
    QVERIFY(!o.partial);
    QCOMPARE(textOf(c, "SELECT name FROM v_instants ORDER BY id LIMIT 1"), name);
    QCOMPARE(textOf(c, "SELECT args FROM v_instants ORDER BY id LIMIT 1"), args);
}

// Numbers from independent_db.py (explain_*).
void TestDb::explainFixtures_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("ignored");
    QTest::addColumn<QString>("plans"); // per plan: nodes/seq_scans/execution_ms/planning_ms
    QTest::addColumn<QString>("types");
    QTest::addColumn<QString>("depths");

    QTest::newRow("seq scan, filter removes most rows")
        << "explain_seqscan_missing_index.txt" << 1LL << 0LL << "1/1/15.021/0.118"
        << "Seq Scan"
        << "0";
    QTest::newRow("index scan") << "explain_index_scan.txt" << 1LL << 0LL << "1/0/0.112/0.161"
                                << "Index Scan"
                                << "0";
    QTest::newRow("nested loop") << "explain_nested_loop.txt" << 3LL << 0LL << "3/1/2.563/0.402"
                                 << "Nested Loop,Seq Scan,Index Scan"
                                 << "0,1,1";
    QTest::newRow("costs only") << "explain_costs_only.txt" << 4LL << 0LL << "4/2/null/null"
                                << "Hash Join,Seq Scan,Hash,Seq Scan"
                                << "0,1,1,2";
    QTest::newRow("two plans") << "explain_two_plans.txt" << 8LL << 2LL
                               << "4/1/21.652/0.21;4/2/19.873/0.356"
                               << "Limit,Sort,HashAggregate,Seq Scan,Hash Join,Seq Scan,Hash,"
                                  "Seq Scan"
                               << "0,1,2,3,0,1,1,2";
}

void TestDb::explainFixtures()
{
    QFETCH(QString, name);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, ignored);
    QFETCH(QString, plans);
    QFETCH(QString, types);
    QFETCH(QString, depths);

    TempCase c;
    const ImportOutcome o = c.importOne(fixture(qPrintable(QStringLiteral("db/") + name)), at());
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("explain-text"));
    QCOMPARE(QString::fromStdString(o.kind), QStringLiteral("db"));
    QCOMPARE(o.records, records);
    QCOMPARE(o.rejected, 0LL);
    QCOMPARE(o.ignored, ignored);
    QVERIFY(!o.partial);
    QCOMPARE(show(o.firstTs), show(ns(kAt)));
    QCOMPARE(show(o.lastTs), show(ns(kAt)));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'db.plan_nodes'"), records);
    QCOMPARE(column(c, "name", "db.plan_nodes"), types);
    QCOMPARE(column(c, "json_extract(args, '$.depth')", "db.plan_nodes"), depths);

    QStringList perPlan;
    Statement st = c.db().prepare(
        "SELECT name, json_extract(args, '$.nodes'), json_extract(args, '$.seq_scans'), "
        "json_extract(args, '$.execution_ms'), json_extract(args, '$.planning_ms'), "
        "(SELECT count(*) FROM v_instants n WHERE n.track = 'db.plan_nodes' AND "
        "json_extract(n.args, '$.plan') = CAST(substr(p.name, 6) AS INTEGER)) "
        "FROM v_instants p WHERE track = 'db.plans' ORDER BY id");
    int number = 0;
    while (st.step()) {
        QCOMPARE(QString::fromStdString(st.text(0)), QStringLiteral("plan %1").arg(++number));
        QCOMPARE(st.int64(5), st.int64(1)); // nodes = the nodes that name this plan
        QStringList fields;
        for (int i = 1; i <= 4; ++i)
            fields << QString::fromStdString(st.optionalText(i).value_or("null"));
        perPlan << fields.join(QLatin1Char('/'));
    }
    QCOMPARE(perPlan.join(QLatin1Char(';')), plans);
}

// Node args, read off the fixtures (and independent_db.py's "nodes").
void TestDb::explainDetails()
{
    TempCase c;
    for (const char *name : {"explain_seqscan_missing_index.txt", "explain_index_scan.txt",
                             "explain_nested_loop.txt", "explain_costs_only.txt"}) {
        const ImportOutcome o = c.importOne(fixture((std::string("db/") + name).c_str()), at());
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    }
    auto argsOf = [&](int source, const char *name) {
        return textOf(c, "SELECT group_concat(args, ' ') FROM v_instants WHERE source_id = " +
                             std::to_string(source) + " AND name = '" + name +
                             "' AND track = 'db.plan_nodes'");
    };
    QCOMPARE(
        argsOf(1, "Seq Scan"),
        QStringLiteral("{\"actual_ms\":14.982,\"actual_rows\":101,\"alias\":\"o\",\"depth\":0,"
                       "\"filter\":\"(customer_id = 42)\",\"loops\":1,\"plan\":1,\"plan_rows\":"
                       "98,\"relation\":\"orders\",\"rows_removed_by_filter\":99899,\"startup_"
                       "cost\":0,\"total_cost\":2084}"));
    QCOMPARE(argsOf(2, "Index Scan"),
             QStringLiteral("{\"actual_ms\":0.087,\"actual_rows\":101,\"alias\":\"o\",\"depth\":0,"
                            "\"index\":\"orders_customer_idx\",\"index_cond\":\"(customer_id = "
                            "42)\",\"loops\":1,\"plan\":1,\"plan_rows\":98,\"relation\":\"orders\","
                            "\"startup_cost\":0.29,\"total_cost\":12.31}"));
    // The inner side of the nested loop runs once per outer row.
    QCOMPARE(argsOf(3, "Index Scan"),
             QStringLiteral("{\"actual_ms\":0.022,\"actual_rows\":5,\"alias\":\"o\",\"depth\":1,"
                            "\"index\":\"orders_customer_idx\",\"index_cond\":\"(customer_id = "
                            "c.id)\",\"loops\":100,\"plan\":1,\"plan_rows\":5,\"relation\":"
                            "\"orders\",\"startup_cost\":0.29,\"total_cost\":8.34}"));
    // Without ANALYZE: no actual figures, no timings.
    QCOMPARE(argsOf(4, "Seq Scan"),
             QStringLiteral("{\"alias\":\"o\",\"depth\":1,\"plan\":1,\"plan_rows\":100000,"
                            "\"relation\":\"orders\",\"startup_cost\":0,\"total_cost\":1834} "
                            "{\"alias\":\"c\",\"depth\":2,\"filter\":\"(region = 'eu'::text)\","
                            "\"plan\":1,\"plan_rows\":152,\"relation\":\"customers\",\"startup_"
                            "cost\":0,\"total_cost\":11.25}"));
    QCOMPARE(textOf(c, "SELECT args FROM v_instants WHERE source_id = 4 AND track = 'db.plans'"),
             QStringLiteral("{\"nodes\":4,\"seq_scans\":2}"));

    // The missing-index question of docs/formats.md: sequential scans whose
    // filter threw away most of what they read.
    QCOMPARE(textOf(c, "SELECT group_concat(source_id || ':' || json_extract(args, '$.relation')) "
                       "FROM v_instants WHERE track = 'db.plan_nodes' AND name LIKE '%Seq Scan' "
                       "AND json_extract(args, '$.rows_removed_by_filter') > 10 * "
                       "json_extract(args, '$.actual_rows') * json_extract(args, '$.loops')"),
             QStringLiteral("1:orders"));
}

// Capture time: --at, else a stamp in the file name, else the mtime.
void TestDb::captureTime_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("at");
    QTest::addColumn<QString>("timeSource");
    QTest::addColumn<QString>("ts");

    for (const char *kind : {"explain", "pgss"}) {
        const QString base = QString::fromLatin1(kind);
        const QString ext =
            base == QLatin1String("pgss") ? QStringLiteral(".csv") : QStringLiteral(".txt");
        auto row = [&](const char *what) -> QTestData & {
            return QTest::newRow(qPrintable(base + QLatin1Char(' ') + QString::fromLatin1(what)));
        };
        const QString plain = base + ext;
        const QString compact = base + QStringLiteral("-20250310T093000Z") + ext;
        const QString rfc3339 = base + QStringLiteral("_2025-03-10T10:30:00+01:00") + ext;
        row("mtime") << plain << ""
                     << "mtime"
                     << "2025-03-10T12:00:00Z";
        row("compact stamp") << compact << ""
                             << "filename"
                             << "2025-03-10T09:30:00Z";
        row("rfc3339 stamp") << rfc3339 << ""
                             << "filename"
                             << "2025-03-10T09:30:00Z";
        row("--at wins") << compact << "2025-03-10T13:00:00.5Z"
                         << "at"
                         << "2025-03-10T13:00:00.5Z";
    }
}

void TestDb::captureTime()
{
    QFETCH(QString, name);
    QFETCH(QString, at);
    QFETCH(QString, timeSource);
    QFETCH(QString, ts);

    TempCase c;
    const QString path = c.dir() + QLatin1Char('/') + name;
    const QByteArray bytes = name.startsWith(QLatin1String("pgss"))
                                 ? pgssHeader() + pgssRow(1) + pgssRow(2)
                                 : readAll(fixture("db/explain_nested_loop.txt"));
    QVERIFY(writeAll(path, bytes));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(
        file.setFileTime(QDateTime::fromString(QStringLiteral("2025-03-10T12:00:00Z"), Qt::ISODate),
                         QFileDevice::FileModificationTime));
    file.close();
    const ImportOutcome o = c.importOne(path, ::at(qPrintable(at)));
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(textOf(c, "SELECT time_source FROM v_sources"), timeSource);
    QCOMPARE(textOf(c, "SELECT min(ts) || ' ' || max(ts) FROM v_instants"),
             QString::number(ns(qPrintable(ts))) + QLatin1Char(' ') +
                 QString::number(ns(qPrintable(ts))));
}

void TestDb::badInput_data()
{
    addDbBadInputRows();
}

void TestDb::badInput()
{
    QFETCH(QString, recipe);
    QFETCH(QString, format);
    QFETCH(QString, status);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, rejected);
    QFETCH(qlonglong, ignored);
    QFETCH(bool, partial);
    QFETCH(QString, message);
    QFETCH(qlonglong, line);
    QFETCH(qlonglong, byte);
    QFETCH(bool, onStderr);

    TempCase c;
    // A source already in the case must come through a failure unchanged.
    QCOMPARE(c.importOne(fixture("db/explain_two_plans.txt"), at()).records, 8LL);
    c.file().db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const RawCounts before = rawCounts(c.path());

    const DbInput input = makeDbInput(recipe, c.dir());
    if (records == -2) records = input.records;
    if (line == -2) line = input.line;
    if (byte == -2) byte = input.byte;
    const ImportOutcome o = c.importOne(input.path, at(kAt, qPrintable(format)));
    const QString what = describe(o);
    if (status == QLatin1String("failed")) {
        QVERIFY2(o.status == ImportOutcome::Status::Failed, qPrintable(what));
        QVERIFY2(QString::fromStdString(o.error).contains(message), qPrintable(what));
        if (line >= 0) QCOMPARE(qlonglong(o.errorLine), line);
        if (line == 0 && byte >= 0) QCOMPARE(qlonglong(o.errorByte), byte);
        if (rejected >= 0) QCOMPARE(qlonglong(o.rejected), rejected);
        QVERIFY2(rawCounts(c.path()) == before, "a failed import left rows behind");
        QCOMPARE(c.scalar("SELECT count(*) FROM v_sources"), 1LL);
    } else {
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(what));
        QVERIFY2(o.records > 0, qPrintable(what));
        QCOMPARE(o.records, records);
        if (rejected >= 0) QCOMPARE(o.rejected, rejected);
        if (ignored >= 0) QCOMPARE(o.ignored, ignored);
        QCOMPARE(o.partial, partial);
        QCOMPARE(textOf(c, "SELECT state FROM v_sources WHERE id = ?", o.sourceId),
                 partial ? QStringLiteral("partial") : QStringLiteral("complete"));
        QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE source_id = ? AND track IN "
                          "('db.statements', 'db.plan_nodes')",
                          o.sourceId),
                 records);
        // Rejected rows are recorded with their line.
        QCOMPARE(c.scalar("SELECT count(*) FROM v_import_errors WHERE source_id = ? AND kind = "
                          "'error' AND line > 0",
                          o.sourceId),
                 o.rejected);
        if (!message.isEmpty()) {
            Statement st = c.db().prepare("SELECT line, byte FROM v_import_errors WHERE "
                                          "source_id = ? AND instr(message, ?) > 0 ORDER BY id");
            st.bind(1, o.sourceId).bind(2, message.toStdString());
            QVERIFY2(st.step(), qPrintable(QStringLiteral("no import error with \"") + message +
                                           QStringLiteral("\": ") + what));
            if (line >= 0) QCOMPARE(qlonglong(st.optionalInt64(0).value_or(0)), line);
            if (byte >= 0) QCOMPARE(qlonglong(st.int64(1)), byte);
        }
        // Every stored text is valid: no CR, no NUL (BOM/CRLF handled).
        QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE source_id = ? AND "
                          "(instr(name, char(13)) > 0 OR instr(args, char(13)) > 0 OR "
                          "instr(name, char(65279)) > 0)",
                          o.sourceId),
                 0LL);
    }

    // Recipe-specific facts: the valid rest is what it should be.
    const std::string source = std::to_string(o.sourceId);
    if (recipe == QLatin1String("pgss-bad-rows")) {
        QCOMPARE(textOf(c, "SELECT group_concat(line) FROM (SELECT line FROM v_import_errors "
                           "WHERE source_id = " +
                               source + " AND kind = 'error' ORDER BY line)"),
                 QStringLiteral("3,4,5,6"));
        QCOMPARE(textOf(c, "SELECT group_concat(json_extract(args, '$.queryid')) FROM v_instants "
                           "WHERE source_id = " +
                               source),
                 QStringLiteral("-818764893221310941,-818764893221310946"));
    } else if (recipe == QLatin1String("pgss-utf8")) {
        QCOMPARE(textOf(c, "SELECT name FROM v_instants WHERE source_id = " + source +
                               " ORDER BY id DESC LIMIT 1"),
                 QStringLiteral("SELECT 'caf\uFFFD'"));
    } else if (recipe == QLatin1String("pgss-bom-crlf")) {
        QCOMPARE(textOf(c, "SELECT name FROM v_instants WHERE source_id = " + source +
                               " ORDER BY id LIMIT 1"),
                 QStringLiteral("SELECT 1\nFROM t"));
        QCOMPARE(textOf(c, "SELECT json_extract(args, '$.userid') FROM v_instants WHERE "
                           "source_id = " +
                               source + " ORDER BY id LIMIT 1"),
                 QStringLiteral("10"));
    } else if (recipe == QLatin1String("explain-huge-line")) {
        QCOMPARE(c.scalar("SELECT length(CAST(json_extract(args, '$.filter') AS BLOB)) FROM "
                          "v_instants WHERE source_id = ?",
                          o.sourceId),
                 2000LL);
        QCOMPARE(c.scalar("SELECT json_extract(args, '$.rows_removed_by_filter') FROM v_instants "
                          "WHERE source_id = ?",
                          o.sourceId),
                 99899LL);
    } else if (recipe == QLatin1String("explain-utf8")) {
        QCOMPARE(textOf(c, "SELECT json_extract(args, '$.filter') FROM v_instants WHERE "
                           "source_id = " +
                               source + " AND name = 'Seq Scan'"),
                 QStringLiteral("(region = 'caf\uFFFD'::text)"));
    } else if (recipe == QLatin1String("explain-malformed")) {
        // The unreadable node's details do not land on the node before it.
        QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE source_id = ? AND "
                          "json_extract(args, '$.index_cond') IS NOT NULL",
                          o.sourceId),
                 0LL);
        QCOMPARE(textOf(c, "SELECT args FROM v_instants WHERE source_id = " + source +
                               " AND track = 'db.plans'"),
                 QStringLiteral("{\"execution_ms\":2.563,\"nodes\":2,\"planning_ms\":0.402,"
                                "\"seq_scans\":1}"));
    } else if (recipe == QLatin1String("explain-cut-mid-line") ||
               recipe == QLatin1String("explain-cut-at-line")) {
        // The second plan keeps the nodes before the cut, without timings.
        QCOMPARE(textOf(c, "SELECT group_concat(name || ' ' || args, ';') FROM v_instants WHERE "
                           "source_id = " +
                               source + " AND track = 'db.plans'"),
                 QStringLiteral("plan 1 {\"execution_ms\":21.652,\"nodes\":4,\"planning_ms\":0.21,"
                                "\"seq_scans\":1};plan 2 {\"nodes\":3,\"seq_scans\":1}"));
    } else if (recipe == QLatin1String("explain-costs-off")) {
        QCOMPARE(column(c, "name || '@' || json_extract(args, '$.depth')", "db.plan_nodes")
                     .section(QLatin1Char(','), 8),
                 QStringLiteral("Hash Join@0,Seq Scan@1,Hash@1,Seq Scan@2"));
    } else if (recipe == QLatin1String("explain-quoted")) {
        QCOMPARE(textOf(c, "SELECT json_extract(args, '$.filter') FROM v_instants WHERE "
                           "source_id = " +
                               source + " AND track = 'db.plan_nodes'"),
                 QStringLiteral("(status = 'late'::text)"));
    }

    // The command line says the same, naming the file and the line or offset.
    if (!onStderr) return;
    QTemporaryDir cliDir;
    const QString cliCase = cliDir.filePath(QStringLiteral("cli.perfcase"));
    QCOMPARE(perfcaseCli({QStringLiteral("new"), cliCase}).exit, 0);
    QStringList arguments{QStringLiteral("import"), cliCase, input.path, QStringLiteral("--at"),
                          QString::fromLatin1(kAt)};
    if (!format.isEmpty()) arguments << QStringLiteral("--format") << format;
    const CliRun run = perfcaseCli(arguments);
    const bool failed = status == QLatin1String("failed");
    QCOMPARE(run.exit, failed ? 3 : 0);
    QString where = input.path;
    if (line > 0)
        where += QLatin1Char(':') + QString::number(line);
    else if (line == 0 && byte >= 0)
        where += QLatin1Char('@') + QString::number(byte);
    const QString expected = QStringLiteral("perfcase: ") +
                             (failed ? QStringLiteral("error: ") : QStringLiteral("warning: ")) +
                             where + (line == -1 ? QString() : QStringLiteral(": "));
    QVERIFY2(run.err.contains(expected),
             qPrintable(expected + QStringLiteral(" not in: ") + run.err));
    if (failed) {
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        const CliRun info = perfcaseCli(
            {QStringLiteral("query"), cliCase, QStringLiteral("SELECT count(*) FROM v_sources")});
        QCOMPARE(info.exit, 0);
        QVERIFY2(info.err.isEmpty(), qPrintable(info.err));
        QCOMPARE(info.out.trimmed(), QStringLiteral("count(*)\n0")); // nothing of the file stayed
    }
}

QTEST_GUILESS_MAIN(TestDb)
#include "tst_db.moc"
