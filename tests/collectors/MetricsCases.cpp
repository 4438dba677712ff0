// Data rows of TestMetrics (outside tst_metrics.cpp because Qt 6.4's moc
// cannot parse raw string literals). How each expected value was obtained
// independently is said in tst_metrics.cpp's header and next to each row.
#include "ImportTestSupport.h"

#include <QDir>
#include <QString>
#include <QTest>

using namespace perfcase::testing;

void addSeriesNamesRows()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("labels");
    QTest::newRow("prometheus") << R"(up{job="api",pod="api-1"})"
                                << "up"
                                << R"({"job":"api","pod":"api-1"})";
    QTest::newRow("grafana display, spaces, __name__")
        << R"({__name__="up", instance="localhost:9090", job="prometheus"})"
        << "up"
        << R"({"instance":"localhost:9090","job":"prometheus"})";
    QTest::newRow("no metric name") << R"({pod="api-1"})"
                                    << R"({pod="api-1"})"
                                    << R"({"pod":"api-1"})";
    QTest::newRow("legend alias") << "api-1 p95"
                                  << "api-1 p95"
                                  << "{}";
    QTest::newRow("escaped value") << R"(x{msg="say \"hi\"\\n"})"
                                   << "x"
                                   << R"({"msg":"say \"hi\"\\n"})";
    QTest::newRow("malformed stays a name") << R"(x{pod=api})"
                                            << R"(x{pod=api})"
                                            << "{}";
}

void addPrometheusCorpusRows()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qlonglong>("series");
    QTest::addColumn<qlonglong>("points");
    QTest::addColumn<QString>("firstTs");
    QTest::addColumn<QString>("lastTs");
    QTest::addColumn<QString>("name");   // of the first series
    QTest::addColumn<QString>("labels"); // of the first series
    QTest::addColumn<qlonglong>("firstPoint");
    QTest::addColumn<double>("firstValue");
    QTest::addColumn<double>("maxValue");
    QTest::addColumn<double>("sum");

    const QString coredns = QStringLiteral(R"({"container":"autoscaler","namespace":"kube-system",)"
                                           R"("pod":"coredns-autoscaler-864c4496bf-nk44b"})");
    const QString thoth = QStringLiteral(
        R"~({"instance":"metrics-exporter-thoth-frontend-stage.cloud.paas.psi.redhat.com:80",)~"
        R"~("job":"Thoth Metrics (stage)","monitor":"datahub"})~");
    QTest::newRow("grafana range_missing")
        << corpus("prometheus/grafana_range_missing.result.json") << 1LL << 3LL
        << "2022-01-11T08:25:33Z"
        << "2022-01-11T08:25:37Z"
        << "go_goroutines"
        << R"({"job":"prometheus"})" << 1641889533000000000LL << 21.0 << 43.0 << 96.0;
    // No __name__ and no query: the series are named "prometheus".
    QTest::newRow("holmes api envelope")
        << corpus("prometheus/holmes_range_query_cpu_throttling_api_envelope.json") << 17LL
        << 2057LL << "2025-09-08T11:58:08Z"
        << "2025-09-08T12:28:08Z"
        << "prometheus" << coredns << 1757332688000000000LL << 0.0 << 1.8867924528301887
        << 203.6064447962748;
    // The wrapper keeps the query: it names the series.
    QTest::newRow("holmes wrapped with query")
        << corpus("prometheus/holmes_range_query_cpu_throttling_wrapped.json") << 17LL << 2057LL
        << "2025-09-08T11:58:08Z"
        << "2025-09-08T12:28:08Z"
        << R"(sum by (container, pod, namespace) (rate(container_cpu_cfs_throttled_periods_total{container!="", container!="POD"}[3m])) / sum by (container, pod, namespace) (rate(container_cpu_cfs_periods_total{container!="", container!="POD"}[3m])) * 100)"
        << coredns << 1757332688000000000LL << 0.0 << 1.8867924528301887 << 203.6064447962748;
    // Bare result arrays, float seconds with ms fractions (series of 1079,
    // 1080 and 360 points).
    QTest::newRow("redhat 20190728 bare array")
        << corpus("prometheus/result_array_up_redhat_20190728T1200.json") << 9LL << 6839LL
        << "2019-07-28T10:00:04.347Z"
        << "2019-07-28T15:59:51.147Z"
        << "up" << thoth << 1564308009804000000LL << 1.0 << 1.0 << 6466.0;
    QTest::newRow("redhat 20190729 bare array")
        << corpus("prometheus/result_array_up_redhat_20190729T1800.json") << 9LL << 6837LL
        << "2019-07-29T16:00:04.347Z"
        << "2019-07-29T21:59:51.147Z"
        << "up" << thoth << 1564416009804000000LL << 1.0 << 1.0 << 5864.0;
}

void addKubectlTopRows()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    QTest::addColumn<qlonglong>("rows");
    QTest::addColumn<qlonglong>("ignored");
    QTest::addColumn<qlonglong>("tracks");
    QTest::addColumn<QString>("labels"); // one pod, container or node ...
    QTest::addColumn<double>("millicores");
    QTest::addColumn<double>("bytes");
    QTest::addColumn<double>("cpuRatio"); // nodes: CPU% / 100 (-1: none)
    QTest::addColumn<double>("cpuSum");
    QTest::addColumn<double>("bytesSum");

    // 73 rows; tempo/tempo-minio-66c66b4764-r8tlf: 1m, 217Mi.
    QTest::newRow("pods -A (all_ns)")
        << corpus("k8s/kubectl_top_pods_all_ns.txt") << "kubectl-top-pods" << 73LL << 0LL << 146LL
        << R"({"namespace":"tempo","pod":"tempo-minio-66c66b4764-r8tlf"})" << 1.0 << 227540992.0
        << -1.0 << 294.0 << 10400825344.0;
    QTest::newRow("pods -A (2)") << corpus("k8s/kubectl_top_pods_2.txt") << "kubectl-top-pods"
                                 << 72LL << 0LL << 144LL
                                 << R"({"namespace":"tempo","pod":"tempo-minio-66c66b4764-r8tlf"})"
                                 << 1.0 << 175112192.0 << -1.0 << 267.0 << 6933184512.0;
    // 5 nodes x 4 tracks; worker: 106m, 4747Mi, 0%.
    QTest::newRow("nodes") << corpus("k8s/kubectl_top_nodes.txt") << "kubectl-top-nodes" << 5LL
                           << 0LL << 20LL << R"({"node":"local-kind-multi-node-worker"})" << 106.0
                           << 4977590272.0 << 0.0 << 437.0 << 15380512768.0;
    // Hand-made: --containers -A; db-0/postgres: "2" cores, 1536Mi.
    QTest::newRow("pods --containers (hand-made)")
        << fixture("metrics/kubectl_top_pods_containers.txt") << "kubectl-top-pods" << 8LL << 0LL
        << 16LL << R"({"container":"postgres","namespace":"shop","pod":"db-0"})" << 2000.0
        << 1610612736.0 << -1.0 << 4275.0 << 2637168640.0;
    // Hand-made: CPU(%) headers of newer kubectl; node-b <unknown> (ignored).
    QTest::newRow("nodes CPU(%) and <unknown> (hand-made)")
        << fixture("metrics/kubectl_top_nodes_new_header.txt") << "kubectl-top-nodes" << 2LL << 1LL
        << 8LL << R"({"node":"node-c"})" << 3000.0 << 16106127360.0 << 0.75 << 4250.0
        << 22548578304.0;
}

void addTablesRows()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("tz");
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("rejected");
    QTest::addColumn<qlonglong>("ignored");
    QTest::addColumn<qlonglong>("firstTs");
    QTest::addColumn<qlonglong>("lastTs");
    QTest::addColumn<qlonglong>("tracks");
    QTest::addColumn<QString>("track"); // one track: name, labels, unit ...
    QTest::addColumn<QString>("labels");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<qlonglong>("samples"); // ... and its samples
    QTest::addColumn<double>("sum");
    QTest::addColumn<double>("first"); // value at the source's first time

    // Values: python3 tests/fixtures/metrics/expected_counts.py.
    // CRLF; "not a time" and an empty time rejected (lines 7, 9); text,
    // quoted "warm, cache" and NaN ignored; +01:00 makes 09:01:15Z the first.
    QTest::newRow("csv comma CRLF ISO") << fixture("metrics/generic_comma_crlf.csv") << "csv"
                                        << "UTC" << 24LL << 2LL << 11LL << 1795165275000000000LL
                                        << 1795168890000000000LL << 4LL << "cpu_percent"
                                        << R"({"column":"cpu_percent"})"
                                        << "ratio" << 5LL << 2.078 << 0.5;
    // ";" and epoch ms in "ts"; a quoted field over two lines; _seconds -> ns.
    QTest::newRow("csv semicolon epoch ms")
        << fixture("metrics/generic_semicolon_epoch_ms.csv") << "csv"
        << "UTC" << 10LL << 0LL << 10LL << 1795168800000000000LL << 1795168805123000000LL << 2LL
        << "pool_wait_seconds"
        << R"({"column":"pool_wait_seconds"})"
        << "ns" << 5LL << 1637000000.0 << 2000000.0;
    // Tabs; the time column ("when") found by content; local times in
    // Europe/Paris around the 2026-03-29 spring-forward.
    QTest::newRow("csv tab local time")
        << fixture("metrics/generic_tab_local.tsv") << "csv"
        << "Europe/Paris" << 8LL << 0LL << 4LL << 1774742400000000000LL << 1774747800000000000LL
        << 2LL << "load1"
        << R"({"column":"load1"})"
        << "" << 4LL << 2.73 << 0.52;
    // Header "t": epoch seconds found by content, exact to the ns.
    QTest::newRow("csv epoch s by content")
        << fixture("metrics/generic_epoch_s_by_content.csv") << "csv"
        << "UTC" << 8LL << 0LL << 0LL << 1757332688804000000LL << 1757332691000000001LL << 2LL
        << "heap_used_bytes"
        << R"({"column":"heap_used_bytes"})"
        << "bytes" << 4LL << 216006656.0 << 52428800.0;
    // BOM, quoted header with doubled quotes, epoch ms, empty cells, no final newline.
    QTest::newRow("grafana wide epoch ms")
        << fixture("metrics/grafana_wide_epoch_ms.csv") << "grafana-csv"
        << "UTC" << 13LL << 0LL << 0LL << 1795168800000000000LL << 1795168860000000000LL << 3LL
        << R"({pod="api-1", namespace="shop"})"
        << R"({"namespace":"shop","pod":"api-1"})"
        << "" << 5LL << 2.89 << 0.25;
    QTest::newRow("grafana wide metric name")
        << fixture("metrics/grafana_wide_epoch_ms.csv") << "grafana-csv"
        << "UTC" << 13LL << 0LL << 0LL << 1795168800000000000LL << 1795168860000000000LL << 3LL
        << "container_memory_working_set_bytes"
        << R"({"pod":"db-0"})"
        << "" << 4LL << 1080098816.0 << 268435456.0;
    // sep=; line, local "YYYY-MM-DD HH:mm:ss" in Europe/Berlin, null gaps.
    QTest::newRow("grafana excel local null")
        << fixture("metrics/grafana_wide_excel_local.csv") << "grafana-csv"
        << "Europe/Berlin" << 6LL << 0LL << 0LL << 1795168800000000000LL << 1795168890000000000LL
        << 2LL << "api-1 p95"
        << "{}"
        << "" << 3LL << 2.745 << 0.12;
    // "Series";"Time";"Value" with +01:00 times; one null.
    QTest::newRow("grafana long series rows")
        << fixture("metrics/grafana_long_series_rows.csv") << "grafana-csv"
        << "UTC" << 7LL << 0LL << 0LL << 1795168800000000000LL << 1795168845000000000LL << 2LL
        << "http_requests_total"
        << R"({"code":"500","method":"GET"})"
        << "" << 4LL << 16.0 << 0.0;
}

// Rows of TestMetrics::badInput; the numbers follow from the recipes above
// and from the corpus files named in tst_metrics.cpp.
void addBadInputRows()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<QString>("format"); // forced; "" = detected
    QTest::addColumn<QString>("status");
    QTest::addColumn<qlonglong>("records"); // -1: some, fewer than the whole
    QTest::addColumn<qlonglong>("rejected");
    QTest::addColumn<qlonglong>("ignored"); // -1: not checked
    QTest::addColumn<bool>("partial");
    QTest::addColumn<qlonglong>("errorLine"); // first rejected line; 0: not checked
    QTest::addColumn<QString>("message");     // in the error, or in a warning
    QTest::addColumn<qlonglong>("errorByte"); // of a failure; -2: not checked

    const QString none;
    // csv
    QTest::newRow("csv/open-quote-at-end")
        << "csv-open-quote" << none << "imported" << 3LL << 1LL << 3LL << false << 5LL
        << "ends inside a quoted field" << -2LL;
    QTest::newRow("csv/2MiB-line")
        << "csv-huge-line"
        << "csv"
        << "imported" << 5LL << 1LL << 0LL << false << 4LL << "longer than 1 MiB" << -2LL;
    QTest::newRow("csv/invalid-utf8") << "csv-invalid-utf8" << none << "imported" << 5LL << 0LL
                                      << 1LL << false << 0LL << "invalid UTF-8" << -2LL;
    QTest::newRow("csv/nul-byte") << "csv-nul" << none << "imported" << 2LL << 1LL << 0LL << false
                                  << 3LL << "binary" << -2LL;
    QTest::newRow("csv/extra-field") << "csv-extra-field" << none << "imported" << 6LL << 1LL << 0LL
                                     << false << 4LL << "3 fields, the header has 2" << -2LL;
    QTest::newRow("csv/gzip-cut-in-half") << "csv-gz-cut" << none << "imported" << -1LL << 0LL
                                          << 0LL << true << 0LL << "truncated" << -2LL;
    QTest::newRow("csv/random-bytes")
        << "random"
        << "csv"
        << "failed" << 0LL << -1LL << -1LL << false << 0LL << "no record could be read" << -2LL;
    QTest::newRow("csv/text-log-forced")
        << "python-log"
        << "csv"
        << "failed" << 0LL << -1LL << -1LL << false << 0LL << "no record could be read" << -2LL;
    QTest::newRow("csv/empty") << "empty"
                               << "csv"
                               << "failed" << 0LL << 0LL << 0LL << false << 0LL << "empty file"
                               << 0LL;
    // grafana-csv
    QTest::newRow("grafana/header-only")
        << "grafana-header-only"
        << "grafana-csv"
        << "failed" << 0LL << 1LL << 0LL << false << 0LL << "not a CSV table" << -2LL;
    QTest::newRow("grafana/bad-time") << "grafana-bad-time" << none << "imported" << 2LL << 1LL
                                      << 0LL << false << 3LL << "yesterday" << -2LL;
    QTest::newRow("grafana/formatted-data")
        << "grafana-formatted" << none << "imported" << 1LL << 0LL << 2LL << false << 0LL
        << "Formatted data" << -2LL;
    QTest::newRow("grafana/gzip-cut-in-half") << "grafana-gz-cut" << none << "imported" << -1LL
                                              << 0LL << 0LL << true << 0LL << "truncated" << -2LL;
    QTest::newRow("grafana/prometheus-json-forced")
        << "prom-corpus"
        << "grafana-csv"
        << "failed" << 0LL << 1LL << 0LL << false << 0LL << "not a CSV table" << -2LL;
    QTest::newRow("grafana/random-bytes")
        << "random"
        << "grafana-csv"
        << "failed" << 0LL << -1LL << -1LL << false << 0LL << "no record could be read" << -2LL;
    QTest::newRow("grafana/empty")
        << "empty"
        << "grafana-csv"
        << "failed" << 0LL << 0LL << 0LL << false << 0LL << "empty file" << 0LL;
    // prometheus-json
    QTest::newRow("prom/10^6-open-brackets")
        << "prom-deep"
        << "prometheus-json"
        << "failed" << 0LL << 1LL << 0LL << false << 0LL << "nested deeper than 256" << 256LL;
    QTest::newRow("prom/deep-after-a-series")
        << "prom-deep-after" << none << "imported" << 1LL << 1LL << 0LL << true << 0LL
        << "nested deeper than 256" << -2LL;
    QTest::newRow("prom/cut-at-20000-bytes") << "prom-truncated" << none << "imported" << 726LL
                                             << 0LL << 0LL << true << 0LL << "truncated" << -2LL;
    QTest::newRow("prom/gzip-cut-in-half") << "prom-gz-cut" << none << "imported" << -1LL << 0LL
                                           << 0LL << true << 0LL << "truncated" << -2LL;
    QTest::newRow("prom/status-error") << "prom-error" << none << "failed" << 0LL << 1LL << 0LL
                                       << false << 0LL << "bad_data: invalid parameter" << 0LL;
    QTest::newRow("prom/giant-claims") << "prom-giant-claims" << none << "imported" << 1LL << 2LL
                                       << 0LL << false << 0LL << "point 1: value" << -2LL;
    QTest::newRow("prom/invalid-utf8-label")
        << "prom-invalid-utf8" << none << "imported" << 1LL << 1LL << 0LL << false << 0LL
        << "invalid JSON" << -2LL;
    QTest::newRow("prom/nan-and-inf")
        << "prom-nan" << none << "imported" << 1LL << 0LL << 3LL << false << 0LL << "NaN" << -2LL;
    QTest::newRow("prom/vector") << "prom-vector" << none << "imported" << 2LL << 0LL << 0LL
                                 << false << 0LL << "" << -2LL;
    QTest::newRow("prom/other-json-forced")
        << "prom-other-json"
        << "prometheus-json"
        << "failed" << 0LL << 1LL << 0LL << false << 0LL << "no Prometheus result array" << -2LL;
    QTest::newRow("prom/text-log-forced")
        << "python-log"
        << "prometheus-json"
        << "failed" << 0LL << 1LL << 0LL << false << 0LL << "not JSON" << 0LL;
    QTest::newRow("prom/random-bytes")
        << "random"
        << "prometheus-json"
        << "failed" << 0LL << 1LL << 0LL << false << 0LL << "not JSON" << -2LL;
    QTest::newRow("prom/empty") << "empty"
                                << "prometheus-json"
                                << "failed" << 0LL << 0LL << 0LL << false << 0LL << "empty file"
                                << 0LL;
    // kubectl-top
    QTest::newRow("top/2MiB-line") << "top-huge-line" << none << "imported" << 2LL << 1LL << 0LL
                                   << false << 3LL << "longer than 1 MiB" << -2LL;
    QTest::newRow("top/invalid-utf8") << "top-invalid-utf8" << none << "imported" << 2LL << 0LL
                                      << 0LL << false << 0LL << "invalid UTF-8" << -2LL;
    QTest::newRow("top/bad-quantity") << "top-bad-quantity" << none << "imported" << 2LL << 1LL
                                      << 0LL << false << 3LL << "12x" << -2LL;
    QTest::newRow("top/sum-row") << "top-sum" << none << "imported" << 2LL << 0LL << 1LL << false
                                 << 0LL << "" << -2LL;
    QTest::newRow("top/gzip-cut-in-half") << "top-gz-cut" << none << "imported" << -1LL << 0LL
                                          << 0LL << true << 0LL << "truncated" << -2LL;
    QTest::newRow("top/csv-forced")
        << "csv-fixture"
        << "kubectl-top-pods"
        << "failed" << 0LL << 1LL << 0LL << false << 1LL << "not a kubectl top pods header" << -2LL;
    QTest::newRow("top/nodes-forced-as-pods")
        << "top-nodes"
        << "kubectl-top-pods"
        << "failed" << 0LL << 1LL << 0LL << false << 1LL << "not a kubectl top pods header" << -2LL;
    QTest::newRow("top/random-bytes")
        << "random"
        << "kubectl-top-nodes"
        << "failed" << 0LL << -1LL << 0LL << false << 0LL << "no record could be read" << -2LL;
    QTest::newRow("top/empty") << "empty"
                               << "kubectl-top-pods"
                               << "failed" << 0LL << 0LL << 0LL << false << 0LL << "empty file"
                               << 0LL;
}
