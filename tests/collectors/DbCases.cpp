// Data rows and inputs for TestDb (a separate file because Qt 6.4's moc
// cannot parse raw string literals, and to keep tst_db.cpp short). Each
// bad-input recipe writes the shape of real psql / pandas output with the
// one defect a row is about; its expected numbers follow from the recipe
// itself (counted by hand, or computed here from the bytes written).
#include "DbCases.h"

#include "ImportTestSupport.h"

#include <QTest>
#include <random>

using namespace perfcase::testing;

namespace {

QByteArray randomBytes(int size, unsigned seed)
{
    std::mt19937 generator(seed);
    QByteArray bytes(size, '\0');
    for (auto &b : bytes)
        b = char(generator() & 0xff);
    return bytes;
}

// 14 columns of the PostgreSQL 13+ view, as psql's \copy ... csv header writes them.
const QByteArray kHeader = "userid,dbid,toplevel,queryid,query,calls,total_exec_time,min_exec_time,"
                           "max_exec_time,mean_exec_time,stddev_exec_time,rows,shared_blks_hit,"
                           "shared_blks_read\n";

QByteArray row(int n, const QByteArray &query = {}, const QByteArray &calls = "4")
{
    const QByteArray q = query.isEmpty() ? "\"SELECT * FROM orders WHERE customer_id = $" +
                                               QByteArray::number(n) + "\""
                                         : query;
    return "10,16384,t,-81876489322131094" + QByteArray::number(n) + "," + q + "," + calls +
           ",12.5,1.5,6.25,3.125,1.75,8,40,2\n";
}

QByteArray fixtureBytes(const char *name)
{
    return readAll(fixture((std::string("db/") + name).c_str()));
}

qlonglong lineAt(const QByteArray &bytes, qsizetype offset)
{
    return bytes.left(offset).count('\n') + 1;
}

} // namespace

QByteArray pgssHeader()
{
    return kHeader;
}

QByteArray pgssRow(int n, const QByteArray &query, const QByteArray &calls)
{
    return row(n, query, calls);
}

void addExplainLineRows()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("arrow");
    QTest::addColumn<bool>("malformed");
    QTest::addColumn<QString>("type"); // Node: type|relation|alias|index; Text: key|value
    QTest::addColumn<QString>(
        "figures"); // startup total rows actual_ms actual_rows loops (- = none)
    QTest::addColumn<bool>("never");

    QTest::newRow("root, psql margin")
        << QByteArray(" Seq Scan on orders o  (cost=0.00..2084.00 rows=98 width=36) (actual "
                      "time=0.019..14.982 rows=101 loops=1)")
        << "node" << 1 << false << false << "Seq Scan|orders|o|"
        << "0 2084 98 14.982 101 1" << false;
    QTest::newRow("child with index")
        << QByteArray("   ->  Index Scan using orders_customer_idx on orders o  (cost=0.29..8.34 "
                      "rows=5 width=32) (actual time=0.006..0.022 rows=5 loops=100)")
        << "node" << 3 << true << false << "Index Scan|orders|o|orders_customer_idx"
        << "0.29 8.34 5 0.022 5 100" << false;
    QTest::newRow("bitmap index scan names the index")
        << QByteArray("         ->  Bitmap Index Scan on orders_created_idx  (cost=0.00..4.50 "
                      "rows=10 width=0)")
        << "node" << 9 << true << false << "Bitmap Index Scan|||orders_created_idx"
        << "0 4.5 10 - - -" << false;
    QTest::newRow("never executed")
        << QByteArray("   ->  Seq Scan on refunds r  (cost=0.00..35.50 rows=2550 width=8) (never "
                      "executed)")
        << "node" << 3 << true << false << "Seq Scan|refunds|r|"
        << "0 35.5 2550 - - -" << true;
    QTest::newRow("timing off")
        << QByteArray(" Seq Scan on t  (cost=0.00..1.10 rows=10 width=4) (actual rows=10 loops=1)")
        << "node" << 1 << false << false << "Seq Scan|t||"
        << "0 1.1 10 - 10 1" << false;
    QTest::newRow("PostgreSQL 18 fractional rows")
        << QByteArray(" Seq Scan on t  (cost=0.00..1.10 rows=10 width=4) (actual "
                      "time=0.003..0.004 rows=9.50 loops=2)")
        << "node" << 1 << false << false << "Seq Scan|t||"
        << "0 1.1 10 0.004 9.5 2" << false;
    QTest::newRow("analyze, costs off")
        << QByteArray("Seq Scan on t (actual time=0.003..0.004 rows=10 loops=1)") << "node" << 0
        << false << false << "Seq Scan|t||"
        << "- - - 0.004 10 1" << false;
    QTest::newRow("costs off child")
        << QByteArray("  ->  Hash Join") << "node" << 2 << true << false << "Hash Join|||"
        << "- - - - - -" << false;
    QTest::newRow("quoted by a GUI client")
        << QByteArray("\"  ->  Seq Scan on \"\"Order Items\"\" oi  (cost=0.00..1.10 rows=10 "
                      "width=4)\"")
        << "node" << 2 << true << false << "Seq Scan|Order Items|oi|"
        << "0 1.1 10 - - -" << false;
    QTest::newRow("custom scan")
        << QByteArray(" Custom Scan (ChunkAppend) on metrics m  (cost=0.42..100.00 rows=1000 "
                      "width=24)")
        << "node" << 1 << false << false << "Custom Scan (ChunkAppend)|metrics|m|"
        << "0.42 100 1000 - - -" << false;
    QTest::newRow("verbose, schema-qualified")
        << QByteArray("   ->  Seq Scan on public.orders o  (cost=0.00..1834.00 rows=100000 "
                      "width=16)")
        << "node" << 3 << true << false << "Seq Scan|public.orders|o|"
        << "0 1834 100000 - - -" << false;
    QTest::newRow("index only scan backward, no alias")
        << QByteArray("->  Index Only Scan Backward using orders_pkey on orders  "
                      "(cost=0.29..3.31 rows=100 width=4)")
        << "node" << 0 << true << false << "Index Only Scan Backward|orders||orders_pkey"
        << "0.29 3.31 100 - - -" << false;
    QTest::newRow("parallel seq scan")
        << QByteArray("               ->  Parallel Seq Scan on orders  (cost=0.00..1250.67 "
                      "rows=41667 width=16) (actual time=0.008..4.901 rows=33333 loops=3)")
        << "node" << 15 << true << false << "Parallel Seq Scan|orders||"
        << "0 1250.67 41667 4.901 33333 3" << false;
    QTest::newRow("cut inside the figures") << QByteArray(" Seq Scan on orders o  (cost=0.00..20")
                                            << "node" << 1 << false << true << "Seq Scan|orders|o|"
                                            << "- - - - - -" << false;
    QTest::newRow("figures that are not numbers")
        << QByteArray("   ->  Seq Scan on t  (cost=abc..def rows=1 width=4)") << "node" << 3 << true
        << true << "Seq Scan|t||"
        << "- - 1 - - -" << false;
    QTest::newRow("filter") << QByteArray("         Filter: (customer_id = 42)") << "text" << 9
                            << false << false << "Filter|(customer_id = 42)"
                            << "" << false;
    QTest::newRow("rows removed") << QByteArray("   Rows Removed by Filter: 99899") << "text" << 3
                                  << false << false << "Rows Removed by Filter|99899"
                                  << "" << false;
    QTest::newRow("filter quoting (cost=")
        << QByteArray("   Filter: ((note)::text = '(cost=1..2 rows=3 width=4)'::text)") << "text"
        << 3 << false << false << "Filter|((note)::text = '(cost=1..2 rows=3 width=4)'::text)"
        << "" << false;
    QTest::newRow("execution time") << QByteArray(" Execution Time: 15.021 ms") << "text" << 1
                                    << false << false << "Execution Time|15.021 ms"
                                    << "" << false;
    QTest::newRow("planning block")
        << QByteArray(" Planning:") << "text" << 1 << false << false << "Planning|"
        << "" << false;
    QTest::newRow("worker") << QByteArray("         Worker 0:  actual time=0.1..2.0 rows=5 loops=1")
                            << "text" << 9 << false << false
                            << "Worker 0|actual time=0.1..2.0 rows=5 loops=1"
                            << "" << false;
    QTest::newRow("subplan label")
        << QByteArray("   SubPlan 1") << "text" << 3 << false << false << "|SubPlan 1"
        << "" << false;
    QTest::newRow("initplan label") << QByteArray("   InitPlan 1 (returns $0)") << "text" << 3
                                    << false << false << "|InitPlan 1 (returns $0)"
                                    << "" << false;
    QTest::newRow("psql timing") << QByteArray("Time: 22.431 ms") << "text" << 0 << false << false
                                 << "Time|22.431 ms"
                                 << "" << false;
    QTest::newRow("header") << QByteArray("                     QUERY PLAN") << "header" << 21
                            << false << false << ""
                            << "" << false;
    QTest::newRow("rule") << QByteArray("------------------") << "rule" << 0 << false << false << ""
                          << "" << false;
    QTest::newRow("footer") << QByteArray("(11 rows)") << "footer" << 0 << false << false << ""
                            << "" << false;
    QTest::newRow("footer, one row")
        << QByteArray("(1 row)") << "footer" << 0 << false << false << ""
        << "" << false;
    QTest::newRow("blank") << QByteArray("   ") << "blank" << 0 << false << false << ""
                           << "" << false;
}

void addDbBadInputRows()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<QString>("format");     // forced, "" = detect
    QTest::addColumn<QString>("status");     // imported | failed
    QTest::addColumn<qlonglong>("records");  // -2: computed by the recipe
    QTest::addColumn<qlonglong>("rejected"); // -1: don't check
    QTest::addColumn<qlonglong>("ignored");  // -1: don't check
    QTest::addColumn<bool>("partial");
    QTest::addColumn<QString>("message"); // in the error (failed), else in import_errors
    QTest::addColumn<qlonglong>("line");  // its line; 0 none, -1 don't check, -2 computed
    QTest::addColumn<qlonglong>("byte");  // its byte offset; -1 don't check, -2 computed
    QTest::addColumn<bool>("onStderr");   // the CLI prints it as PATH:LINE / PATH@BYTE

    const char *pgss = "pg-stat-statements-csv";
    const char *explain = "explain-text";
    // Input with no record: fails, names the file and the line or offset.
    QTest::newRow("pgss/empty") << "pgss-empty" << pgss << "failed" << 0LL << -1LL << -1LL << false
                                << "empty file" << 0LL << 0LL << true;
    QTest::newRow("pgss/blank lines")
        << "pgss-blank" << pgss << "failed" << 0LL << 1LL << -1LL << false
        << "no pg_stat_statements header" << 0LL << 0LL << true;
    QTest::newRow("pgss/random bytes") << "random" << pgss << "failed" << 0LL << -1LL << -1LL
                                       << false << "no record could be read" << 1LL << 0LL << true;
    QTest::newRow("pgss/a log file") << "log" << pgss << "failed" << 0LL << 1LL << -1LL << false
                                     << "not a pg_stat_statements header" << 1LL << 0LL << true;
    QTest::newRow("pgss/header only") << "pgss-header-only" << pgss << "failed" << 0LL << 0LL
                                      << -1LL << false << "no statement rows" << 1LL << 0LL << true;
    QTest::newRow("pgss/cut in the first row")
        << "pgss-cut-first-row" << pgss << "failed" << 0LL << 0LL << -1LL << false
        << "ends inside this row" << 2LL << -2LL << true;
    // Bad rows are rejected with their line; the rest is kept.
    QTest::newRow("pgss/NUL in a row")
        << "pgss-nul-row"
        << ""
        << "imported" << 2LL << 1LL << 0LL << false << "binary data" << 3LL << -2LL << false;
    QTest::newRow("pgss/rows that do not fit")
        << "pgss-bad-rows"
        << ""
        << "imported" << 2LL << 4LL << 0LL << false << "calls is not" << 3LL << -2LL << false;
    QTest::newRow("pgss/2 MiB line")
        << "pgss-huge-line"
        << ""
        << "imported" << 2LL << 1LL << 0LL << false << "longer than 1 MiB" << 3LL << -2LL << false;
    QTest::newRow("pgss/invalid UTF-8")
        << "pgss-utf8"
        << ""
        << "imported" << 2LL << 0LL << 0LL << false << "UTF-8" << 3LL << -2LL << true;
    QTest::newRow("pgss/BOM and CRLF")
        << "pgss-bom-crlf"
        << ""
        << "imported" << 2LL << 0LL << 0LL << false << "" << -1LL << -1LL << false;
    // Truncation is not failure: the rows before the cut, partial.
    QTest::newRow("pgss/cut mid-row")
        << "pgss-cut-mid-row"
        << ""
        << "imported" << 2LL << 0LL << 0LL << true << "ends inside this row" << 4LL << -2LL << true;
    QTest::newRow("pgss/cut inside a quoted query")
        << "pgss-cut-in-quote"
        << ""
        << "imported" << 1LL << 0LL << 0LL << true << "ends inside this row" << 3LL << -2LL << true;
    QTest::newRow("pgss/gzip cut in half")
        << "pgss-gz-cut"
        << ""
        << "imported" << -2LL << 0LL << 0LL << true << "truncated" << 0LL << -1LL << false;

    QTest::newRow("explain/empty") << "explain-empty" << explain << "failed" << 0LL << -1LL << -1LL
                                   << false << "empty file" << 0LL << 0LL << true;
    QTest::newRow("explain/random bytes")
        << "random" << explain << "failed" << 0LL << -1LL << -1LL << false
        << "no record could be read" << -1LL << -1LL << true;
    QTest::newRow("explain/a log file") << "log" << explain << "failed" << 0LL << 0LL << -1LL
                                        << false << "no EXPLAIN plan" << 1LL << 0LL << true;
    QTest::newRow("explain/NUL line")
        << "explain-nul"
        << ""
        << "imported" << 3LL << 1LL << 0LL << false << "binary data" << 5LL << -2LL << false;
    QTest::newRow("explain/node figures unreadable")
        << "explain-malformed"
        << ""
        << "imported" << 2LL << 1LL << 0LL << false << "cannot read this plan node" << 9LL << -2LL
        << false;
    QTest::newRow("explain/2 MiB filter line")
        << "explain-huge-line"
        << ""
        << "imported" << 1LL << 0LL << 0LL << false << "1 MiB" << 4LL << -2LL << true;
    QTest::newRow("explain/invalid UTF-8")
        << "explain-utf8"
        << ""
        << "imported" << 3LL << 0LL << 0LL << false << "UTF-8" << 6LL << -2LL << true;
    QTest::newRow("explain/BOM and CRLF")
        << "explain-bom-crlf"
        << ""
        << "imported" << 3LL << 0LL << 0LL << false << "" << -1LL << -1LL << false;
    QTest::newRow("explain/cut mid-line") << "explain-cut-mid-line"
                                          << ""
                                          << "imported" << 7LL << 0LL << 1LL << true
                                          << "ends inside this line" << -2LL << -2LL << true;
    QTest::newRow("explain/cut between lines mid-plan")
        << "explain-cut-at-line"
        << ""
        << "imported" << 7LL << 0LL << 1LL << true << "without its Execution Time" << -2LL << -2LL
        << true;
    QTest::newRow("explain/gzip cut in half")
        << "explain-gz-cut"
        << ""
        << "imported" << -2LL << 0LL << 0LL << true << "truncated" << 0LL << -1LL << false;
    // Shapes other clients write.
    QTest::newRow("explain/two bare plans")
        << "explain-two-bare"
        << ""
        << "imported" << 8LL << 0LL << 0LL << false << "" << -1LL << -1LL << false;
    QTest::newRow("explain/plans back to back")
        << "explain-back-to-back"
        << ""
        << "imported" << 8LL << 0LL << 0LL << false << "" << -1LL << -1LL << false;
    QTest::newRow("explain/quoted by a GUI client")
        << "explain-quoted"
        << ""
        << "imported" << 1LL << 0LL << 0LL << false << "" << -1LL << -1LL << false;
    QTest::newRow("explain/costs off")
        << "explain-costs-off"
        << ""
        << "imported" << 4LL << 0LL << 0LL << false << "" << -1LL << -1LL << false;
    QTest::newRow("explain/psql echo before the plan")
        << "explain-echo"
        << ""
        << "imported" << 3LL << 0LL << 1LL << false << "outside an EXPLAIN plan" << 1LL << 0LL
        << true;
}

DbInput makeDbInput(const QString &recipe, const QString &dir)
{
    DbInput in;
    in.path = dir + QStringLiteral("/input.txt");
    QByteArray bytes;
    auto mark = [&](const QByteArray &line) {
        in.byte = bytes.indexOf(line);
        in.line = lineAt(bytes, in.byte);
    };
    if (recipe == QLatin1String("random")) {
        bytes = randomBytes(64 * 1024, 20261120);
    } else if (recipe == QLatin1String("log")) {
        // pgbadger's fixture (PostgreSQL License), referenced in place.
        return {corpus("postgres_logs/stmt_type.log")};
    } else if (recipe == QLatin1String("pgss-empty") || recipe == QLatin1String("explain-empty")) {
        bytes.clear();
    } else if (recipe == QLatin1String("pgss-blank")) {
        bytes = "\n   \n\n";
    } else if (recipe == QLatin1String("pgss-header-only")) {
        bytes = kHeader;
    } else if (recipe == QLatin1String("pgss-cut-first-row")) {
        const QByteArray first = row(1);
        bytes = kHeader + first.left(first.size() / 2);
        mark(first.left(first.size() / 2));
    } else if (recipe == QLatin1String("pgss-nul-row")) {
        const QByteArray nul = QByteArray("10,16384,t,7,\"SELECT \0\",1,1,1,1,1,0,1,1,0\n", 42);
        bytes = kHeader + row(1) + nul + row(3);
        mark(nul);
    } else if (recipe == QLatin1String("pgss-bad-rows")) {
        const QByteArray calls = row(2, {}, "many");
        bytes = kHeader + row(1) + calls + row(3).replace("\n", ",extra\n") + "10,16384,t\n" +
                row(5).replace(",12.5,", ",n/a,") + row(6);
        mark(calls);
    } else if (recipe == QLatin1String("pgss-huge-line")) {
        const QByteArray huge = row(2, "\"SELECT '" + QByteArray(2 << 20, 'x') + "'\"");
        bytes = kHeader + row(1) + huge + row(3);
        mark(huge);
    } else if (recipe == QLatin1String("pgss-utf8")) {
        const QByteArray bad = row(2, "\"SELECT 'caf\xe9'\"");
        bytes = kHeader + row(1) + bad;
        mark(bad);
    } else if (recipe == QLatin1String("pgss-bom-crlf")) {
        bytes = "\xEF\xBB\xBF" + kHeader + row(1, "\"SELECT 1\nFROM t\"") + row(2);
        bytes.replace("\n", "\r\n");
    } else if (recipe == QLatin1String("pgss-cut-mid-row")) {
        // Cut after the query, in the figures: fewer fields than the header.
        const QByteArray third = row(3);
        const QByteArray cut = third.left(third.indexOf(",1.5,") + 3);
        bytes = kHeader + row(1) + row(2) + cut;
        mark(cut);
    } else if (recipe == QLatin1String("pgss-cut-in-quote")) {
        const QByteArray open = "10,16384,t,42,\"SELECT *\nFROM orders\nWHERE";
        bytes = kHeader + row(1) + open;
        mark(open);
    } else if (recipe == QLatin1String("pgss-gz-cut") ||
               recipe == QLatin1String("explain-gz-cut")) {
        QByteArray plain;
        if (recipe.startsWith(QLatin1String("pgss"))) {
            plain = kHeader;
            for (int i = 0; i < 20000; ++i)
                plain += row(i);
        } else {
            for (int i = 0; i < 2000; ++i)
                plain += fixtureBytes("explain_nested_loop.txt") + "\n";
        }
        QByteArray packed = gzipBytes(plain);
        packed.truncate(packed.size() / 2);
        // Complete lines of what decompresses: rows, or plans of 3 nodes.
        const QByteArray got = gunzipPrefix(packed);
        const QByteArray complete = got.left(got.lastIndexOf('\n') + 1);
        if (recipe.startsWith(QLatin1String("pgss"))) {
            in.records = complete.count('\n') - 1;
        } else {
            // Every node line is complete: count them.
            in.records = complete.count("(cost=");
        }
        in.path = dir + QStringLiteral("/input.txt.gz");
        writeAll(in.path, packed);
        return in;
    } else if (recipe == QLatin1String("explain-nul")) {
        bytes = fixtureBytes("explain_nested_loop.txt");
        const QByteArray nul("   \0\0\x01 garbage\n", 15);
        bytes.insert(bytes.indexOf("   ->  Seq Scan"), nul);
        mark(nul);
    } else if (recipe == QLatin1String("explain-malformed")) {
        bytes = fixtureBytes("explain_nested_loop.txt");
        bytes.replace("(cost=0.29..8.34", "(cost=abc..8.34");
        mark("   ->  Index Scan");
    } else if (recipe == QLatin1String("explain-huge-line")) {
        bytes = fixtureBytes("explain_seqscan_missing_index.txt");
        const QByteArray huge =
            "   Filter: (customer_id = ANY ('{" + QByteArray(2 << 20, '7') + "}'::integer[]))\n";
        bytes.replace("   Filter: (customer_id = 42)\n", huge);
        mark(huge);
    } else if (recipe == QLatin1String("explain-utf8")) {
        bytes = fixtureBytes("explain_nested_loop.txt");
        bytes.replace("(region = 'eu'::text)", "(region = 'caf\xe9'::text)");
        mark("         Filter:");
    } else if (recipe == QLatin1String("explain-bom-crlf")) {
        bytes = "\xEF\xBB\xBF" + fixtureBytes("explain_nested_loop.txt");
        bytes.replace("\n", "\r\n");
    } else if (recipe == QLatin1String("explain-cut-mid-line")) {
        const QByteArray whole = fixtureBytes("explain_two_plans.txt");
        const QByteArray line = "         ->  Seq Scan on customers c  (cost=0.00..11";
        bytes = whole.left(whole.indexOf(line) + line.size());
        mark(line);
    } else if (recipe == QLatin1String("explain-cut-at-line")) {
        const QByteArray whole = fixtureBytes("explain_two_plans.txt");
        const QByteArray last = "         Buckets: 1024  Batches: 1  Memory Usage: 14kB\n";
        bytes = whole.left(whole.indexOf(last) + last.size());
        mark(last);
    } else if (recipe == QLatin1String("explain-two-bare")) {
        bytes =
            fixtureBytes("explain_costs_only.txt") + "\n" + fixtureBytes("explain_costs_only.txt");
    } else if (recipe == QLatin1String("explain-back-to-back")) {
        bytes = fixtureBytes("explain_costs_only.txt") + fixtureBytes("explain_costs_only.txt");
    } else if (recipe == QLatin1String("explain-quoted")) {
        // pgAdmin's "Copy with headers": one quoted cell per line.
        bytes = "\"QUERY PLAN\"\n"
                "\"Seq Scan on orders o  (cost=0.00..2084.00 rows=98 width=36) (actual "
                "time=0.019..14.982 rows=101 loops=1)\"\n"
                "\"  Filter: (status = 'late'::text)\"\n"
                "\"  Rows Removed by Filter: 99899\"\n"
                "\"Planning Time: 0.118 ms\"\n"
                "\"Execution Time: 15.021 ms\"\n";
    } else if (recipe == QLatin1String("explain-costs-off")) {
        bytes = "                QUERY PLAN\n"
                "------------------------------------------\n"
                " Hash Join\n"
                "   Hash Cond: (o.customer_id = c.id)\n"
                "   ->  Seq Scan on orders o\n"
                "   ->  Hash\n"
                "         ->  Seq Scan on customers c\n"
                "               Filter: (region = 'eu'::text)\n"
                "(6 rows)\n";
    } else if (recipe == QLatin1String("explain-echo")) {
        bytes = "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM customers c JOIN orders o ON "
                "o.customer_id = c.id WHERE c.region = 'eu';\n" +
                fixtureBytes("explain_nested_loop.txt");
        in.byte = 0;
        in.line = 1;
    }
    writeAll(in.path, bytes);
    return in;
}
