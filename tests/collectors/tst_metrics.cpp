// The metrics importers: csv, grafana-csv, prometheus-json,
// kubectl-top-pods, kubectl-top-nodes (docs/formats.md).
//
// Expected values were NOT taken from the program's output:
// - prometheus/*.json: counted with python's json module, e.g.
//     python3 -c 'import json; d=json.load(open(F)); r=d if isinstance(d,list)
//       else d["data"]["result"]; print(len(r), sum(len(s["values"]) for s in r))'
//   times converted with datetime.fromtimestamp(t, timezone.utc); the first
//   point's time and the maximum value found with grep on the raw text
//   (grep -o '\[1757333813, "1.88[0-9]*"\]'); the truncated envelope's 726
//   points counted with json.JSONDecoder.raw_decode over the first 20000 bytes.
// - k8s/kubectl_top_*.txt: rows with awk 'NF' | wc -l (minus the header), sums
//   with a python loop (Mi x 1048576, "Nm" -> N), single pods with grep.
// - the hand-made CSV/Grafana fixtures: tests/fixtures/metrics/expected_counts.py
//   (python's csv module, datetime and zoneinfo).
// - bad input: from each recipe (MetricsCases.cpp), counted by hand.

#include "ImportTestSupport.h"
#include "import/Sample.h"
#include "metrics/HeaderUnit.h"
#include "metrics/MetricNumbers.h"
#include "metrics/SeriesName.h"
#include "metrics/TimeColumn.h"

#include <QDateTime>
#include <QDir>
#include <QTimeZone>
#include <QtTest>
#include <cmath>

QByteArray metricsBadInput(const QString &recipe);
QByteArray metricsCsvRows(int rows);
QByteArray metricsGrafanaRows(int rows);
void addBadInputRows();
void addTablesRows();
void addKubectlTopRows();
void addPrometheusCorpusRows();
void addSeriesNamesRows();

using namespace perfcase;
using namespace perfcase::testing;

namespace {

const QStringList kMetricFormats{
    QStringLiteral("csv"), QStringLiteral("grafana-csv"), QStringLiteral("prometheus-json"),
    QStringLiteral("kubectl-top-pods"), QStringLiteral("kubectl-top-nodes")};

ImportOptions withFormat(const QString &format, const QString &tz = QStringLiteral("UTC"))
{
    ImportOptions options;
    options.format = format.toStdString();
    options.tz = tz.toStdString();
    return options;
}

// The one track of a source with this name and labels, or -1.
std::int64_t trackId(TempCase &c, std::int64_t source, const QString &name, const QString &labels)
{
    Statement st =
        c.db().prepare("SELECT id FROM v_tracks WHERE source_id = ? AND name = ? AND labels = ?");
    st.bind(1, source).bind(2, name.toStdString()).bind(3, labels.toStdString());
    return st.step() ? st.int64(0) : -1;
}

double real(TempCase &c, const std::string &sql, std::int64_t bind1)
{
    Statement st = c.db().prepare(sql);
    st.bind(1, bind1);
    return st.step() && !st.isNull(0) ? st.real(0) : std::nan("");
}

bool sameDouble(double a, double b)
{
    return a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactSeconds_data();
    void exactSeconds();
    void seriesNames_data();
    void seriesNames();
    void headerUnits_data();
    void headerUnits();
    void timeColumns_data();
    void timeColumns();
    void prometheusCorpus_data();
    void prometheusCorpus();
    void kubectlTop_data();
    void kubectlTop();
    void tables_data();
    void tables();
    void detection_data();
    void detection();
    void logsAreNotMetrics_data();
    void logsAreNotMetrics();
    void snapshotFolder();
    void badInput_data();
    void badInput();
    void hugeSeriesIsSkipped();
};

void TestMetrics::exactSeconds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("scale");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qlonglong>("expected");
    // A double cannot hold these: 1757332688.804 is 1757332688.80399990081787 as double.
    QTest::newRow("ms fraction") << "1757332688.804" << 9 << true << 1757332688804000000LL;
    QTest::newRow("ns fraction") << "1757332691.000000001" << 9 << true << 1757332691000000001LL;
    QTest::newRow("epoch ms") << "1795168805123" << 6 << true << 1795168805123000000LL;
    QTest::newRow("exponent") << "1.757332688804e9" << 9 << true << 1757332688804000000LL;
    QTest::newRow("rounds half up") << "0.0000000005" << 9 << true << 1LL;
    QTest::newRow("negative") << "-1.5" << 9 << true << -1500000000LL;
    QTest::newRow("zero with huge exponent") << "0e400" << 9 << true << 0LL;
    QTest::newRow("overflow") << "9223372037" << 9 << false << 0LL;
    QTest::newRow("exponent too large") << "1e401" << 0 << false << 0LL;
    QTest::newRow("not a number") << "12ab" << 9 << false << 0LL;
    QTest::newRow("empty") << "" << 9 << false << 0LL;
    QTest::newRow("5000 digits") << QString(5000, QLatin1Char('9')) << 9 << false << 0LL;
}

void TestMetrics::exactSeconds()
{
    QFETCH(QString, text);
    QFETCH(int, scale);
    QFETCH(bool, ok);
    QFETCH(qlonglong, expected);
    const auto value = MetricNumbers::scaledInteger(text.toStdString(), scale);
    QCOMPARE(value.has_value(), ok);
    if (ok) QCOMPARE(qlonglong(*value), expected);
}

void TestMetrics::seriesNames_data()
{
    addSeriesNamesRows();
}

void TestMetrics::seriesNames()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(QString, labels);
    const SeriesName series = SeriesName::parse(text.toStdString());
    QCOMPARE(QString::fromStdString(series.name), name);
    QCOMPARE(QString::fromStdString(series.labelsJson()), labels);
}

void TestMetrics::headerUnits_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("in");
    QTest::addColumn<double>("out");
    QTest::newRow("bytes") << "mem_bytes"
                           << "bytes" << 5.0 << 5.0;
    QTest::newRow("ms") << "latency_ms"
                        << "ns" << 12.5 << 12500000.0;
    QTest::newRow("(ms)") << "p95 (ms)"
                          << "ns" << 2.0 << 2000000.0;
    QTest::newRow("seconds") << "pool_wait_seconds"
                             << "ns" << 1.5 << 1500000000.0;
    QTest::newRow("percent") << "cpu_percent"
                             << "ratio" << 45.0 << 0.45;
    QTest::newRow("%") << "CPU %"
                       << "ratio" << 12.5 << 0.125;
    QTest::newRow("per second before seconds") << "bytes_per_second"
                                               << "per_s" << 3.0 << 3.0;
    QTest::newRow("total") << "http_requests_total"
                           << "count" << 7.0 << 7.0;
    QTest::newRow("none") << "load1"
                          << "" << 0.5 << 0.5;
}

void TestMetrics::headerUnits()
{
    QFETCH(QString, header);
    QFETCH(QString, unit);
    QFETCH(double, in);
    QFETCH(double, out);
    const HeaderUnit guessed = HeaderUnit::guess(header.toStdString());
    QCOMPARE(QString::fromStdString(guessed.unit), unit);
    QCOMPARE(guessed.apply(in), out);
}

void TestMetrics::timeColumns_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QStringList>("cells");
    QTest::addColumn<bool>("isTimeName");
    QTest::addColumn<QString>("reading"); // "" = not a time column
    QTest::newRow("timestamp_ms") << "timestamp_ms" << QStringList{QStringLiteral("1795168800")}
                                  << true << "epoch ms";
    QTest::newRow("time (us)") << QString::fromUtf8("time (\xc2\xb5s)")
                               << QStringList{QStringLiteral("1795168800000000")} << true
                               << "epoch us";
    QTest::newRow("ts seconds") << "ts" << QStringList{QStringLiteral("1795168800.5")} << true
                                << "epoch s";
    QTest::newRow("@timestamp ISO")
        << "@timestamp" << QStringList{QStringLiteral("2026-11-20T10:00:00.5+01:00")} << true
        << "ISO 8601";
    QTest::newRow("Time (UTC) bare date")
        << "Time (UTC)" << QStringList{QStringLiteral("2026-11-20")} << true << "ISO 8601";
    QTest::newRow("content: ms by magnitude")
        << "t" << QStringList{QStringLiteral("1795168800123")} << false << "epoch ms";
    QTest::newRow("content: ns by magnitude")
        << "x" << QStringList{QStringLiteral("1795168800123456789")} << false << "epoch ns";
    QTest::newRow("content: small numbers are no time")
        << "bytes" << QStringList{QStringLiteral("12345")} << false << "";
    QTest::newRow("content: local ISO")
        << "when" << QStringList{QStringLiteral("2026-03-29 01:00:00")} << false << "ISO 8601";
    QTest::newRow("named, mostly not times")
        << "timestamp"
        << QStringList{QStringLiteral("not a time"), QStringLiteral("x"),
                       QStringLiteral("2026-11-20T10:00:00Z")}
        << true << "";
    QTest::newRow("timeout_ms is no time")
        << "timeout_ms" << QStringList{QStringLiteral("30")} << false << "";
    QTest::newRow("total_exec_time is no time")
        << "total_exec_time" << QStringList{QStringLiteral("0.129783")} << false << "";
}

void TestMetrics::timeColumns()
{
    QFETCH(QString, header);
    QFETCH(QStringList, cells);
    QFETCH(bool, isTimeName);
    QFETCH(QString, reading);
    const std::string name = header.toStdString();
    QCOMPARE(TimeColumn::isTimeName(name), isTimeName);
    std::vector<std::string> texts;
    for (const QString &cell : cells)
        texts.push_back(cell.toStdString());
    const std::vector<std::string_view> views(texts.begin(), texts.end());
    const auto column = TimeColumn::fromCells(name, views, isTimeName);
    QCOMPARE(column ? QString::fromStdString(column->describe()) : QString(), reading);
}

void TestMetrics::prometheusCorpus_data()
{
    addPrometheusCorpusRows();
}

void TestMetrics::prometheusCorpus()
{
    QFETCH(QString, path);
    QFETCH(qlonglong, series);
    QFETCH(qlonglong, points);
    QFETCH(QString, firstTs);
    QFETCH(QString, lastTs);
    QFETCH(QString, name);
    QFETCH(QString, labels);
    QFETCH(qlonglong, firstPoint);
    QFETCH(double, firstValue);
    QFETCH(double, maxValue);
    QFETCH(double, sum);

    TempCase c;
    const ImportOutcome o = c.importOne(path);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("prometheus-json"));
    QCOMPARE(QString::fromStdString(o.kind), QStringLiteral("metrics"));
    QCOMPARE(o.records, points);
    QCOMPARE(o.rejected, 0LL);
    QCOMPARE(o.ignored, 0LL);
    QVERIFY(!o.partial);
    QCOMPARE(show(o.firstTs), show(ns(firstTs.toUtf8().constData())));
    QCOMPARE(show(o.lastTs), show(ns(lastTs.toUtf8().constData())));
    const std::int64_t source = o.sourceId;
    QCOMPARE(
        c.scalar("SELECT count(*) FROM v_tracks WHERE source_id = ? AND kind = 'counter'", source),
        series);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_counters WHERE source_id = ?", source), points);
    const std::int64_t track = trackId(c, source, name, labels);
    QVERIFY2(track > 0, "the first series' track, by name and labels");
    QCOMPARE(c.scalar("SELECT min(raw_ts) FROM v_counters WHERE track_id = ?", track), firstPoint);
    QCOMPARE(real(c,
                  "SELECT value FROM v_counters WHERE track_id = ?1 AND raw_ts = "
                  "(SELECT min(raw_ts) FROM v_counters WHERE track_id = ?1)",
                  track),
             firstValue);
    QCOMPARE(real(c, "SELECT max(value) FROM v_counters WHERE source_id = ?", source), maxValue);
    QVERIFY(
        sameDouble(real(c, "SELECT sum(value) FROM v_counters WHERE source_id = ?", source), sum));
}

void TestMetrics::kubectlTop_data()
{
    addKubectlTopRows();
}

void TestMetrics::kubectlTop()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    QFETCH(qlonglong, rows);
    QFETCH(qlonglong, ignored);
    QFETCH(qlonglong, tracks);
    QFETCH(QString, labels);
    QFETCH(double, millicores);
    QFETCH(double, bytes);
    QFETCH(double, cpuRatio);
    QFETCH(double, cpuSum);
    QFETCH(double, bytesSum);

    TempCase c;
    ImportOptions options;
    options.at = ns("2026-11-20T10:00:00Z");
    const ImportOutcome o = c.importOne(path, options);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), format);
    QCOMPARE(QString::fromStdString(o.kind), QStringLiteral("k8s"));
    QCOMPARE(o.records, rows);
    QCOMPARE(o.rejected, 0LL);
    QCOMPARE(o.ignored, ignored);
    QCOMPARE(show(o.firstTs), show(ns("2026-11-20T10:00:00Z")));
    QCOMPARE(show(o.lastTs), show(ns("2026-11-20T10:00:00Z")));
    const std::int64_t source = o.sourceId;
    QCOMPARE(c.text("SELECT time_source FROM v_sources WHERE id = ?", source).value_or(""),
             std::string("at"));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_tracks WHERE source_id = ?", source), tracks);

    const std::int64_t cpu = trackId(c, source, QStringLiteral("k8s.cpu_usage"), labels);
    const std::int64_t memory = trackId(c, source, QStringLiteral("k8s.memory_usage"), labels);
    QVERIFY(cpu > 0 && memory > 0);
    QCOMPARE(c.text("SELECT unit FROM v_tracks WHERE id = ?", cpu).value_or(""),
             std::string("millicores"));
    QCOMPARE(c.text("SELECT unit FROM v_tracks WHERE id = ?", memory).value_or(""),
             std::string("bytes"));
    QCOMPARE(real(c, "SELECT value FROM v_counters WHERE track_id = ?", cpu), millicores);
    QCOMPARE(real(c, "SELECT value FROM v_counters WHERE track_id = ?", memory), bytes);
    if (cpuRatio >= 0) {
        const std::int64_t ratio = trackId(c, source, QStringLiteral("k8s.cpu_ratio"), labels);
        QVERIFY(ratio > 0);
        QCOMPARE(real(c, "SELECT value FROM v_counters WHERE track_id = ?", ratio), cpuRatio);
    }
    QCOMPARE(real(c,
                  "SELECT sum(value) FROM v_counters WHERE source_id = ? AND track = "
                  "'k8s.cpu_usage'",
                  source),
             cpuSum);
    QCOMPARE(real(c,
                  "SELECT sum(value) FROM v_counters WHERE source_id = ? AND track = "
                  "'k8s.memory_usage'",
                  source),
             bytesSum);
}

void TestMetrics::tables_data()
{
    addTablesRows();
}

void TestMetrics::tables()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    QFETCH(QString, tz);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, rejected);
    QFETCH(qlonglong, ignored);
    QFETCH(qlonglong, firstTs);
    QFETCH(qlonglong, lastTs);
    QFETCH(qlonglong, tracks);
    QFETCH(QString, track);
    QFETCH(QString, labels);
    QFETCH(QString, unit);
    QFETCH(qlonglong, samples);
    QFETCH(double, sum);
    QFETCH(double, first);

    TempCase c;
    ImportOptions options;
    options.tz = tz.toStdString();
    const ImportOutcome o = c.importOne(path, options);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), format);
    QCOMPARE(o.records, records);
    QCOMPARE(o.rejected, rejected);
    QCOMPARE(o.ignored, ignored);
    QCOMPARE(show(o.firstTs), show(firstTs));
    QCOMPARE(show(o.lastTs), show(lastTs));
    const std::int64_t source = o.sourceId;
    QCOMPARE(c.scalar("SELECT count(*) FROM v_tracks WHERE source_id = ?", source), tracks);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_import_errors WHERE source_id = ? AND kind = "
                      "'error'",
                      source),
             rejected);
    const std::int64_t id = trackId(c, source, track, labels);
    QVERIFY2(id > 0, qPrintable(track + QLatin1Char(' ') + labels));
    QCOMPARE(QString::fromStdString(
                 c.text("SELECT coalesce(unit, '') FROM v_tracks WHERE id = ?", id).value_or("?")),
             unit);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_counters WHERE track_id = ?", id), samples);
    QVERIFY(sameDouble(real(c, "SELECT sum(value) FROM v_counters WHERE track_id = ?", id), sum));
    QCOMPARE(real(c,
                  "SELECT value FROM v_counters WHERE track_id = ?1 AND ts = "
                  "(SELECT min(ts) FROM v_counters WHERE track_id = ?1)",
                  id),
             first);
}

void TestMetrics::detection_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    const QDir prometheus(corpus("prometheus"));
    for (const QString &name : prometheus.entryList({QStringLiteral("*.json")}, QDir::Files))
        QTest::newRow(qPrintable(name)) << prometheus.filePath(name) << "prometheus-json";
    QTest::newRow("top pods all_ns")
        << corpus("k8s/kubectl_top_pods_all_ns.txt") << "kubectl-top-pods";
    QTest::newRow("top pods 2") << corpus("k8s/kubectl_top_pods_2.txt") << "kubectl-top-pods";
    QTest::newRow("top nodes") << corpus("k8s/kubectl_top_nodes.txt") << "kubectl-top-nodes";
    QTest::newRow("top containers")
        << fixture("metrics/kubectl_top_pods_containers.txt") << "kubectl-top-pods";
    QTest::newRow("top nodes CPU(%)")
        << fixture("metrics/kubectl_top_nodes_new_header.txt") << "kubectl-top-nodes";
    for (const char *name : {"generic_comma_crlf.csv", "generic_semicolon_epoch_ms.csv",
                             "generic_tab_local.tsv", "generic_epoch_s_by_content.csv"})
        QTest::newRow(name) << fixture((std::string("metrics/") + name).c_str()) << "csv";
    for (const char *name : {"grafana_wide_epoch_ms.csv", "grafana_wide_excel_local.csv",
                             "grafana_long_series_rows.csv"})
        QTest::newRow(name) << fixture((std::string("metrics/") + name).c_str()) << "grafana-csv";
}

void TestMetrics::detection()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    const Sample sample = Sample::read(path.toStdString());
    const Importer *detected = importers().detect(sample);
    QVERIFY(detected);
    QCOMPARE(QString::fromStdString(detected->id()), format);
    // Sure, so that no text-log heuristic (at most 50) can outbid it.
    QVERIFY(detected->sniff(sample) >= 60);
}

void TestMetrics::logsAreNotMetrics_data()
{
    QTest::addColumn<QString>("path");
    // Every text log and JSON log of the corpus, the other k8s outputs and
    // the pg_stat_statements CSVs (CSV, but no time column).
    for (const char *folder : {"app_logs", "celery_logs", "gunicorn_logs", "nginx_access",
                               "postgres_logs", "socketio_logs", "uvicorn_logs", "jsonlines", "k8s",
                               "pg_stat_statements", "har", "chrome_traces"}) {
        const QDir dir(corpus(folder));
        for (const QString &name : dir.entryList(QDir::Files)) {
            if (name.startsWith(QLatin1String("kubectl_top_"))) continue;
            QTest::newRow(qPrintable(QString::fromUtf8(folder) + QLatin1Char('/') + name))
                << dir.filePath(name);
        }
    }
    for (const char *name :
         {"kubectl_logs_timestamps.log", "syslog_rfc5424.log", "python_logging_app.log"})
        QTest::newRow(name) << fixture(name);
}

void TestMetrics::logsAreNotMetrics()
{
    QFETCH(QString, path);
    const Sample sample = Sample::read(path.toStdString());
    for (const QString &format : kMetricFormats) {
        const Importer *importer = importers().find(format.toStdString());
        QVERIFY(importer);
        QCOMPARE(importer->sniff(sample), 0);
    }
    if (const Importer *detected = importers().detect(sample))
        QVERIFY(!kMetricFormats.contains(QString::fromStdString(detected->id())));
}

// One snapshot per file; the same pod's tracks join across files by name and
// labels (docs/formats.md, the union query).
void TestMetrics::snapshotFolder()
{
    TempCase c;
    QDir folder(c.dir());
    QVERIFY(folder.mkpath(QStringLiteral("top")));
    QVERIFY(folder.cd(QStringLiteral("top")));
    // kubectl top outputs of holmesgpt (Apache-2.0), copied into the temporary folder.
    QVERIFY(QFile::copy(corpus("k8s/kubectl_top_pods_all_ns.txt"),
                        folder.filePath(QStringLiteral("pods-20261120T100000Z.txt"))));
    QVERIFY(QFile::copy(corpus("k8s/kubectl_top_pods_2.txt"),
                        folder.filePath(QStringLiteral("pods-2026-11-20T10:05:00Z.txt"))));
    const QString nodes = folder.filePath(QStringLiteral("nodes-latest.txt"));
    QVERIFY(QFile::copy(corpus("k8s/kubectl_top_nodes.txt"), nodes));
    {
        QFile file(nodes);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::fromSecsSinceEpoch(1795169400, QTimeZone::utc()),
                                 QFileDevice::FileModificationTime));
    }
    const auto outcomes = c.run({folder.path().toStdString()});
    QCOMPARE(int(outcomes.size()), 3);
    for (const auto &o : outcomes)
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));

    QCOMPARE(c.scalar("SELECT count(*) FROM v_sources WHERE time_source = 'filename'"), 2LL);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_sources WHERE time_source = 'mtime'"), 1LL);
    QCOMPARE(c.scalar("SELECT min(ts) FROM v_counters WHERE track = 'k8s.cpu_ratio'"),
             ns("2026-11-20T10:10:00Z"));

    // tempo/tempo-minio-66c66b4764-r8tlf: 217Mi at 10:00, 167Mi at 10:05.
    Statement st = c.db().prepare(
        "SELECT ts, value FROM v_counters WHERE track = 'k8s.memory_usage' "
        "AND json_extract(labels, '$.namespace') = 'tempo' "
        "AND json_extract(labels, '$.pod') = 'tempo-minio-66c66b4764-r8tlf' ORDER BY ts");
    QVERIFY(st.step());
    QCOMPARE(st.int64(0), ns("2026-11-20T10:00:00Z"));
    QCOMPARE(st.real(1), 227540992.0);
    QVERIFY(st.step());
    QCOMPARE(st.int64(0), ns("2026-11-20T10:05:00Z"));
    QCOMPARE(st.real(1), 175112192.0);
    QVERIFY(!st.step());
    // The 72 pods of both files: one series of two points each, labels equal as text.
    QCOMPARE(c.scalar("SELECT count(*) FROM (SELECT labels FROM v_counters WHERE track = "
                      "'k8s.cpu_usage' GROUP BY labels HAVING count(*) = 2)"),
             72LL);
}

void TestMetrics::badInput_data()
{
    addBadInputRows();
}

void TestMetrics::badInput()
{
    QFETCH(QString, recipe);
    QFETCH(QString, format);
    QFETCH(QString, status);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, rejected);
    QFETCH(qlonglong, ignored);
    QFETCH(bool, partial);
    QFETCH(qlonglong, errorLine);
    QFETCH(QString, message);
    QFETCH(qlonglong, errorByte);

    // Whole-file counts of the inputs cut in half, for "fewer than all".
    qlonglong whole = 0;
    QByteArray bytes;
    auto halfOf = [](const QByteArray &packed) { return packed.left(packed.size() / 2); };
    if (recipe == QLatin1String("csv-gz-cut")) {
        bytes = halfOf(gzipBytes(metricsCsvRows(20000)));
        whole = 20000;
    } else if (recipe == QLatin1String("grafana-gz-cut")) {
        bytes = halfOf(gzipBytes(metricsGrafanaRows(20000)));
        whole = 40000;
    } else if (recipe == QLatin1String("prom-gz-cut")) {
        bytes = halfOf(
            gzipBytes(readAll(corpus("prometheus/result_array_up_redhat_20190728T1200.json"))));
        whole = 6839;
    } else if (recipe == QLatin1String("top-gz-cut")) {
        bytes = halfOf(gzipBytes(readAll(corpus("k8s/kubectl_top_pods_all_ns.txt"))));
        whole = 73;
    } else if (recipe == QLatin1String("prom-truncated")) {
        bytes = readAll(corpus("prometheus/holmes_range_query_cpu_throttling_api_envelope.json"))
                    .left(20000);
    } else if (recipe == QLatin1String("prom-corpus")) {
        bytes = readAll(corpus("prometheus/grafana_range_missing.result.json"));
    } else if (recipe == QLatin1String("python-log")) {
        bytes = readAll(fixture("python_logging_app.log"));
    } else if (recipe == QLatin1String("csv-fixture")) {
        bytes = readAll(fixture("metrics/generic_comma_crlf.csv"));
    } else if (recipe == QLatin1String("top-nodes")) {
        bytes = readAll(corpus("k8s/kubectl_top_nodes.txt"));
    } else {
        bytes = metricsBadInput(recipe);
        QVERIFY2(!bytes.isEmpty() || recipe == QLatin1String("empty"), qPrintable(recipe));
    }

    TempCase c;
    const QString path = c.dir() + QStringLiteral("/input-") + recipe;
    QVERIFY(writeAll(path, bytes));
    ImportOptions options = withFormat(format);
    options.at = ns("2026-11-20T10:00:00Z");
    const ImportOutcome o = c.importOne(path, options);
    QCOMPARE(QString::fromLatin1(statusText(o.status)), status);
    if (!format.isEmpty() && !o.format.empty()) QCOMPARE(QString::fromStdString(o.format), format);
    if (records < 0)
        QVERIFY2(o.records > 0 && o.records < whole, qPrintable(describe(o)));
    else
        QCOMPARE(o.records, records);
    if (rejected >= 0) QCOMPARE(o.rejected, rejected);
    if (ignored >= 0 && status == QLatin1String("imported")) QCOMPARE(o.ignored, ignored);
    QCOMPARE(o.partial, partial);

    QString said = QString::fromStdString(o.error);
    for (const auto &warning : o.warnings)
        said += QLatin1Char('|') + QString::fromStdString(warning.message);
    if (status == QLatin1String("imported")) {
        Statement errors = c.db().prepare(
            "SELECT group_concat(message, '|') FROM v_import_errors WHERE source_id = ?");
        errors.bind(1, o.sourceId);
        if (errors.step() && !errors.isNull(0))
            said += QLatin1Char('|') + QString::fromStdString(errors.text(0));
    }
    QVERIFY2(said.contains(message), qPrintable(said));

    if (status == QLatin1String("failed")) {
        if (errorByte != -2) QCOMPARE(o.errorByte, errorByte);
        if (errorLine > 0) QCOMPARE(o.errorLine, errorLine);
        // A failed file leaves no trace.
        QCOMPARE(c.scalar("SELECT count(*) FROM sources"), 0LL);
        QCOMPARE(c.scalar("SELECT count(*) FROM tracks"), 0LL);
        QCOMPARE(c.scalar("SELECT count(*) FROM counters"), 0LL);
        QCOMPARE(c.scalar("SELECT count(*) FROM import_errors"), 0LL);
    } else if (errorLine > 0) {
        QCOMPARE(c.scalar("SELECT min(line) FROM v_import_errors WHERE source_id = ? AND "
                          "kind = 'error'",
                          o.sourceId),
                 errorLine);
    }
}

// A series over JsonStreamer's 64 MiB element limit is skipped and rejected
// with its byte offset; the series around it are kept.
void TestMetrics::hugeSeriesIsSkipped()
{
    TempCase c;
    const QString path = c.dir() + QStringLiteral("/huge.json");
    qint64 hugeAt = 0;
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray small = "{\"metric\":{\"__name__\":\"a\"},\"values\":[[1,\"1\"]]}";
        file.write("[" + small + ",");
        hugeAt = file.pos();
        file.write("{\"metric\":{\"__name__\":\"b\",\"blob\":\"");
        const QByteArray mebibyte(1 << 20, 'x');
        for (int i = 0; i < 70; ++i)
            file.write(mebibyte);
        file.write("\"},\"values\":[[1,\"1\"]]}," + small + "]");
    }
    const ImportOutcome o = c.importOne(path);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("prometheus-json"));
    QCOMPARE(o.records, 2LL);
    QCOMPARE(o.rejected, 1LL);
    QCOMPARE(c.scalar("SELECT byte FROM v_import_errors WHERE kind = 'error'"), hugeAt);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
