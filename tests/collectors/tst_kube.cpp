// The Kubernetes state importers (collectors/kube): events (JSON and
// tables), HPAs (JSON and describe), pods (JSON), sniffing and bad input.
//
// The expected values were NOT taken from the program's output. They were
// read off the files with tests/fixtures/k8s/independent_kube.py (plain
// Python over the JSON, regular expressions over the tables) and
// cross-checked with grep/jq, e.g.:
//   grep -c '"Reason": "FailedScheduling"'
//   cluster_info_dump_minikube_2019_default_events_PascalCase.json -> 105 grep -c '"reason":
//   "OOMKilled"' kubectl_get_pods_all_ns.json                                        -> 1 jq
//   '[.items[].status.containerStatuses[]?] | length' kubectl_get_pods_all_ns.json -> 161 grep -o
//   'Liveness probe failed' cluster_info_dump_aks_2020_kube-system_events.json | wc -l         -> 2
// Times of table rows are the capture time (--at) minus the printed age.

#include "ImportTestSupport.h"
#include "import/Sample.h"
#include "kube/CaptureTime.h"
#include "kube/KubeAge.h"
#include "kube/KubeQuantity.h"

#include <QtTest>
#include <random>

using namespace perfcase;
using namespace perfcase::testing;

// KubeCases.cpp
QByteArray kubeHpaV1AnnotationsOnly();
QByteArray kubeEventsTableHeader();
void addBadInputRows();
void addQuantityRows();
void addAgeRows();
void addFileNameStampRows();
void addEventsJsonRows();
void addPodsJsonRows();
QString makeKubeInput(const QString &recipe, const QString &dir, qlonglong &mark);

namespace {

ImportOptions at(const char *rfc3339, const char *format = "")
{
    ImportOptions options;
    if (rfc3339 && *rfc3339) options.at = ns(rfc3339);
    options.format = format;
    return options;
}

// Rows of every stored table, through a connection of its own.
struct RawCounts
{
    std::int64_t sources = 0, tracks = 0, counters = 0, instants = 0, objects = 0, errors = 0;
    bool operator==(const RawCounts &o) const
    {
        return sources == o.sources && tracks == o.tracks && counters == o.counters &&
               instants == o.instants && objects == o.objects && errors == o.errors;
    }
};

RawCounts rawCounts(const std::string &casePath)
{
    Database db(casePath, Database::Mode::ReadOnly);
    RawCounts c;
    c.sources = db.scalarInt("SELECT count(*) FROM sources");
    c.tracks = db.scalarInt("SELECT count(*) FROM tracks");
    c.counters = db.scalarInt("SELECT count(*) FROM counters");
    c.instants = db.scalarInt("SELECT count(*) FROM instants");
    c.objects = db.scalarInt("SELECT count(*) FROM objects");
    c.errors = db.scalarInt("SELECT count(*) FROM import_errors");
    return c;
}

// A counter's one value for an HPA or a container, or NaN.
double counterValue(TempCase &c, const char *track, const char *labelKey, const char *labelValue)
{
    Statement st = c.db().prepare("SELECT value FROM v_counters WHERE track = ? AND "
                                  "json_extract(labels, '$.' || ?) = ?");
    st.bind(1, track).bind(2, labelKey).bind(3, labelValue);
    return st.step() ? st.real(0) : std::nan("");
}

QString textOf(TempCase &c, const std::string &sql)
{
    auto value = c.text(sql);
    return value ? QString::fromStdString(*value) : QStringLiteral("(none)");
}

} // namespace

class TestKube : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantities_data();
    void quantities();
    void ages_data();
    void ages();
    void fileNameStamps_data();
    void fileNameStamps();
    void captureTimeSources_data();
    void captureTimeSources();
    void sniffing_data();
    void sniffing();
    void eventsJson_data();
    void eventsJson();
    void eventsJsonDetails();
    void eventsTable_data();
    void eventsTable();
    void hpaJson_data();
    void hpaJson();
    void hpaV1Annotations();
    void hpaDescribe();
    void podsJson_data();
    void podsJson();
    void badInput_data();
    void badInput();
};

// Expected values are the Kubernetes definitions worked out by hand:
// m = 1e-3, k = 1e3, Ki = 2^10, Mi = 2^20, Gi = 2^30, E = 1e18; "1e3" is an
// exponent, "1E" exa.
void TestKube::quantities_data()
{
    addQuantityRows();
}

void TestKube::quantities()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(double, base);
    QFETCH(double, millicores);
    const auto parsed = KubeQuantity::parse(text.toStdString());
    QCOMPARE(parsed.has_value(), valid);
    if (!valid) return;
    QCOMPARE(*parsed, base);
    QCOMPARE(*KubeQuantity::millicores(text.toStdString()), millicores);
}

// Go's duration.HumanDuration spellings; a year is 365 days.
void TestKube::ages_data()
{
    addAgeRows();
}

void TestKube::ages()
{
    QFETCH(QString, text);
    QFETCH(qlonglong, lastSeconds);
    QFETCH(qlonglong, firstSeconds);
    QFETCH(qlonglong, count);
    const auto interval = KubeAge::parseInterval(text.toStdString());
    QCOMPARE(interval.has_value(), lastSeconds >= 0);
    if (!interval) return;
    QCOMPARE(interval->lastAgo, lastSeconds * 1'000'000'000LL);
    QCOMPARE(interval->firstAgo.value_or(-1'000'000'000LL), firstSeconds * 1'000'000'000LL);
    QCOMPARE(interval->count.value_or(-1), count);
}

void TestKube::fileNameStamps_data()
{
    addFileNameStampRows();
}

void TestKube::fileNameStamps()
{
    QFETCH(QString, name);
    QFETCH(QString, stamp);
    const auto parsed = CaptureTime::fromFileName(name.toStdString());
    QCOMPARE(parsed.has_value(), !stamp.isEmpty());
    if (parsed) QCOMPARE(show(*parsed), show(ns(qPrintable(stamp))));
}

// The capture time of a table: --at, else the file name, else the mtime
// (DESIGN.md, Clocks). "Started" is 48m old in the file.
void TestKube::captureTimeSources_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("at");
    QTest::addColumn<QString>("timeSource");
    QTest::addColumn<QString>("started");

    QTest::newRow("mtime") << "events.txt"
                           << ""
                           << "mtime"
                           << "2025-03-10T11:12:00Z";
    QTest::newRow("compact stamp") << "events_20250310T120000Z.txt"
                                   << ""
                                   << "filename"
                                   << "2025-03-10T11:12:00Z";
    QTest::newRow("rfc3339 stamp") << "events_2025-03-10T13:00:00+01:00.txt"
                                   << ""
                                   << "filename"
                                   << "2025-03-10T11:12:00Z";
    QTest::newRow("--at wins") << "events_20250310T120000Z.txt"
                               << "2025-03-10T13:00:00Z"
                               << "at"
                               << "2025-03-10T12:12:00Z";
}

void TestKube::captureTimeSources()
{
    QFETCH(QString, name);
    QFETCH(QString, at);
    QFETCH(QString, timeSource);
    QFETCH(QString, started);

    TempCase c;
    // Apache-2.0 (HolmesGPT): copied to a temporary folder only.
    const QString path = c.dir() + QLatin1Char('/') + name;
    QVERIFY(writeAll(path, readAll(corpus("k8s/kubectl_events_for_pod_cpu_throttling.txt"))));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(
        file.setFileTime(QDateTime::fromString(QStringLiteral("2025-03-10T12:00:00Z"), Qt::ISODate),
                         QFileDevice::FileModificationTime));
    file.close();
    const ImportOutcome o = c.importOne(path, ::at(qPrintable(at)));
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(textOf(c, "SELECT time_source FROM v_sources"), timeSource);
    QCOMPARE(textOf(c, "SELECT ts FROM v_instants WHERE name = 'Started'"),
             QString::number(ns(qPrintable(started))));
}

void TestKube::sniffing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format"); // "" = none of the k8s-* formats

    const char *k8s = "k8s/";
    auto c = [&](const char *file) { return corpus((std::string(k8s) + file).c_str()); };
    QTest::newRow("EventList aks")
        << c("cluster_info_dump_aks_2020_default_events.json") << "k8s-events-json";
    QTest::newRow("Items PascalCase")
        << c("cluster_info_dump_minikube_2019_default_events_PascalCase.json") << "k8s-events-json";
    QTest::newRow("Items kube-system")
        << c("cluster_info_dump_minikube_2019_kube-system_events.json") << "k8s-events-json";
    QTest::newRow("events.k8s.io List")
        << fixture("k8s/events_k8s_io_v1.json") << "k8s-events-json";
    QTest::newRow("List of v1 Events") << fixture("k8s/events_v1_series.json") << "k8s-events-json";
    // A PodList is not taken for an EventList, and a List whose "kind"
    // comes last (kubectl get pods -A) is known by its first item.
    QTest::newRow("PodList") << c("cluster_info_dump_aks_2020_kube-system_pods.json")
                             << "k8s-pods-json";
    QTest::newRow("List of Pods, kind last")
        << c("kubectl_get_pods_all_ns.json") << "k8s-pods-json";
    QTest::newRow("NodeList") << c("cluster_info_dump_aks_2020_nodes.json") << "";
    QTest::newRow("kubectl events table")
        << c("kubectl_events_for_pod_backoff.txt") << "k8s-events-table";
    QTest::newRow("kubectl events table 2")
        << c("kubectl_events_for_pod_cpu_throttling.txt") << "k8s-events-table";
    QTest::newRow("kubectl get events -A")
        << fixture("k8s/events_all_namespaces.txt") << "k8s-events-table";
    QTest::newRow("HPA List") << fixture("k8s/hpa_v2_list_20261120T101500Z.json") << "k8s-hpa-json";
    QTest::newRow("HPA v1 object") << fixture("k8s/hpa_v1_single.json") << "k8s-hpa-json";
    QTest::newRow("describe hpa") << fixture("k8s/hpa_describe_20261120T101500Z.txt")
                                  << "k8s-hpa-describe";
    QTest::newRow("describe pod") << c("kubectl_describe_pod_oomkilled.txt") << "";
    QTest::newRow("kubectl top pods") << c("kubectl_top_pods_all_ns.txt") << "";
    QTest::newRow("container log") << c("kubectl_logs_uvicorn_app.txt") << "";
    QTest::newRow("HAR") << corpus("har/mitmproxy_har_files_chrome.har") << "";
    QTest::newRow("prometheus") << corpus("prometheus/grafana_range_missing.result.json") << "";
    QTest::newRow("chrome trace") << corpus("chrome_traces/lh_cutoff-load-m83.json") << "";
}

void TestKube::sniffing()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    const Sample sample = Sample::read(path.toStdString());
    const Importer *detected = importers().detect(sample);
    const QString id = detected ? QString::fromStdString(detected->id()) : QString();
    if (format.isEmpty()) {
        QVERIFY2(!id.startsWith(QLatin1String("k8s-")), qPrintable(id));
        // Each of ours says no on its own.
        for (const char *ours : {"k8s-events-json", "k8s-events-table", "k8s-hpa-json",
                                 "k8s-hpa-describe", "k8s-pods-json"})
            QCOMPARE(importers().find(ours)->sniff(sample), 0);
    } else {
        QCOMPARE(id, format);
        QVERIFY(detected->sniff(sample) >= 60);
    }
}

void TestKube::eventsJson_data()
{
    addEventsJsonRows();
}

void TestKube::eventsJson()
{
    QFETCH(QString, path);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, objects);
    QFETCH(qlonglong, warnings);
    QFETCH(qlonglong, probes);
    QFETCH(QString, first);
    QFETCH(QString, last);
    QFETCH(qlonglong, sumCount);
    QFETCH(QString, reason);
    QFETCH(qlonglong, reasonCount);

    TempCase c;
    const ImportOutcome o = c.importOne(path);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("k8s-events-json"));
    QCOMPARE(QString::fromStdString(o.kind), QStringLiteral("k8s"));
    QCOMPARE(o.records, records);
    QCOMPARE(o.rejected, 0LL);
    QVERIFY(!o.partial);
    QCOMPARE(show(o.firstTs), show(ns(qPrintable(first))));
    QCOMPARE(show(o.lastTs), show(ns(qPrintable(last))));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.events'"), records);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_tracks WHERE name = 'k8s.events'"), objects);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.events' AND "
                      "severity = 'warning'"),
             warnings);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.probe_failures'"),
             probes);
    QCOMPARE(c.scalar("SELECT sum(json_extract(args, '$.count')) FROM v_instants "
                      "WHERE track = 'k8s.events'"),
             sumCount);
    // The query of docs/formats.md.
    Statement st = c.db().prepare("SELECT count(*) FROM v_instants WHERE track = 'k8s.events' AND "
                                  "name = ?");
    st.bind(1, reason.toStdString());
    QVERIFY(st.step());
    QCOMPARE(st.int64(0), reasonCount);
    QCOMPARE(textOf(c, "SELECT time_source FROM v_sources"), QStringLiteral("data"));
}

void TestKube::eventsJsonDetails()
{
    TempCase c;
    QCOMPARE(c.importOne(corpus("k8s/cluster_info_dump_aks_2020_kube-system_events.json")).records,
             4LL);
    // coredns-autoscaler: 4688 liveness failures from 2020-06-03T21:12:11Z to
    // 2020-06-07T07:37:01Z, one instant at the last time.
    const char *probeRow = "SELECT %1 FROM v_instants WHERE track = 'k8s.probe_failures' AND "
                           "json_extract(labels, '$.pod') = 'coredns-autoscaler-6d7bd69669-nmpz2'";
    auto probe = [&](const char *what) {
        return textOf(c, QString::fromLatin1(probeRow).arg(QLatin1String(what)).toStdString());
    };
    QCOMPARE(probe("count(*)"), QStringLiteral("1"));
    QCOMPARE(probe("ts"), QString::number(ns("2020-06-07T07:37:01Z")));
    QCOMPARE(probe("json_extract(labels, '$.probe')"), QStringLiteral("liveness"));
    QCOMPARE(probe("json_extract(labels, '$.namespace')"), QStringLiteral("kube-system"));
    QCOMPARE(probe("json_extract(args, '$.count')"), QStringLiteral("4688"));
    QCOMPARE(probe("json_extract(args, '$.first')"), QStringLiteral("2020-06-03T21:12:11Z"));
    QCOMPARE(probe("json_extract(args, '$.first_ns')"),
             QString::number(ns("2020-06-03T21:12:11Z")));
    QCOMPARE(probe("json_extract(args, '$.container')"), QStringLiteral("autoscaler"));
    QCOMPARE(probe("json_extract(args, '$.component')"), QStringLiteral("kubelet"));
    QCOMPARE(probe("name"), QStringLiteral("Unhealthy"));
    QCOMPARE(probe("severity"), QStringLiteral("warning"));

    TempCase k;
    QCOMPARE(k.importOne(fixture("k8s/events_k8s_io_v1.json")).records, 4LL);
    // series.lastObservedTime is the time, eventTime the first, series.count the count.
    const std::string readiness = "FROM v_instants WHERE track = 'k8s.probe_failures' AND "
                                  "json_extract(labels, '$.probe') = 'readiness'";
    QCOMPARE(textOf(k, "SELECT ts " + readiness), QString::number(ns("2026-11-20T10:12:03.551Z")));
    QCOMPARE(textOf(k, "SELECT json_extract(args, '$.first') " + readiness),
             QStringLiteral("2026-11-20T09:40:10.100Z"));
    QCOMPARE(textOf(k, "SELECT json_extract(args, '$.count') " + readiness), QStringLiteral("42"));
    QCOMPARE(textOf(k, "SELECT json_extract(args, '$.component') " + readiness),
             QStringLiteral("kubelet"));
    QCOMPARE(textOf(k, "SELECT count(*) FROM v_instants WHERE track = 'k8s.probe_failures' AND "
                       "json_extract(labels, '$.probe') = 'startup'"),
             QStringLiteral("1"));
    // Label keys by kind: hpa for the HPA, node (and no namespace) for the node.
    QCOMPARE(textOf(k, "SELECT json_extract(labels, '$.hpa') FROM v_instants WHERE name = "
                       "'SuccessfulRescale'"),
             QStringLiteral("table-api"));
    QCOMPARE(textOf(k, "SELECT json_extract(args, '$.component') FROM v_instants WHERE name = "
                       "'SuccessfulRescale'"),
             QStringLiteral("horizontal-pod-autoscaler"));
    QCOMPARE(textOf(k, "SELECT labels FROM v_instants WHERE name = 'OOMKilling'"),
             QStringLiteral("{\"kind\":\"Node\",\"name\":\"node-a\",\"node\":\"node-a\"}"));
}

void TestKube::eventsTable_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("at");
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("rejected");
    QTest::addColumn<QString>("reason");  // the row checked: its first instance ...
    QTest::addColumn<QString>("last");    // ... is at this time ...
    QTest::addColumn<QString>("first");   // ... was first seen at this time ...
    QTest::addColumn<qlonglong>("count"); // ... this many times
    QTest::addColumn<qlonglong>("probes");
    QTest::addColumn<QString>("ns"); // namespace label of that row, "" = none

    // "3m30s (x256 over 58m)" at 12:00:00.
    QTest::newRow("kubectl events, backoff") << corpus("k8s/kubectl_events_for_pod_backoff.txt")
                                             << "2025-03-10T12:00:00Z" << 5LL << 0LL << "BackOff"
                                             << "2025-03-10T11:56:30Z"
                                             << "2025-03-10T11:02:00Z" << 256LL << 0LL << "";
    QTest::newRow("kubectl events, throttling")
        << corpus("k8s/kubectl_events_for_pod_cpu_throttling.txt") << "2025-03-10T12:00:00Z" << 5LL
        << 0LL << "Started"
        << "2025-03-10T11:12:00Z"
        << "2025-03-10T11:12:00Z" << 1LL << 0LL << "";
    // -A: "<unknown>" is rejected; "2d3h" is 51 h before.
    QTest::newRow("get events -A") << fixture("k8s/events_all_namespaces.txt")
                                   << "2026-11-20T10:15:00Z" << 9LL << 1LL << "Pulled"
                                   << "2026-11-18T07:15:00Z"
                                   << "2026-11-18T07:15:00Z" << 1LL << 3LL << "kube-system";
    QTest::newRow("get events -A, HPA")
        << fixture("k8s/events_all_namespaces.txt") << "2026-11-20T10:15:00Z" << 9LL << 1LL
        << "SuccessfulRescale"
        << "2026-11-20T09:38:00Z"
        << "2026-11-20T09:38:00Z" << 1LL << 3LL << "shop";
}

void TestKube::eventsTable()
{
    QFETCH(QString, path);
    QFETCH(QString, at);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, rejected);
    QFETCH(QString, reason);
    QFETCH(QString, last);
    QFETCH(QString, first);
    QFETCH(qlonglong, count);
    QFETCH(qlonglong, probes);
    QFETCH(QString, ns);

    TempCase c;
    const ImportOutcome o = c.importOne(path, ::at(qPrintable(at)));
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("k8s-events-table"));
    QCOMPARE(o.records, records);
    QCOMPARE(o.rejected, rejected);
    QCOMPARE(textOf(c, "SELECT time_source FROM v_sources"), QStringLiteral("at"));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.events'"), records);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.probe_failures'"),
             probes);
    const std::string row = "FROM v_instants WHERE track = 'k8s.events' AND name = '" +
                            reason.toStdString() + "' ORDER BY ts LIMIT 1";
    QCOMPARE(textOf(c, "SELECT ts " + row), QString::number(::ns(qPrintable(last))));
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.first') " + row), first);
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.count') " + row), QString::number(count));
    const QString label =
        textOf(c, "SELECT coalesce(json_extract(labels, '$.namespace'), '') " + row);
    QCOMPARE(label, ns);
    if (rejected > 0) {
        QCOMPARE(textOf(c, "SELECT message FROM v_import_errors WHERE kind = 'error'"),
                 QStringLiteral("LAST SEEN is not an age: \"<unknown>\""));
        QCOMPARE(textOf(c, "SELECT line FROM v_import_errors WHERE kind = 'error'"),
                 QStringLiteral("2"));
    }
}

void TestKube::hpaJson_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("at");         // "" = not given
    QTest::addColumn<QString>("timeSource"); // at | filename
    QTest::addColumn<QString>("capture");
    QTest::addColumn<qlonglong>("hpas");

    QTest::newRow("v2 list, --at")
        << fixture("k8s/hpa_v2_list_20261120T101500Z.json") << "2026-11-20T10:20:00Z"
        << "at"
        << "2026-11-20T10:20:00Z" << 2LL;
    QTest::newRow("v2 list, stamp in the file name")
        << fixture("k8s/hpa_v2_list_20261120T101500Z.json") << ""
        << "filename"
        << "2026-11-20T10:15:00Z" << 2LL;
    QTest::newRow("v1 object, annotations")
        << fixture("k8s/hpa_v1_single.json") << "2026-11-20T10:15:00Z"
        << "at"
        << "2026-11-20T10:15:00Z" << 1LL;
}

void TestKube::hpaJson()
{
    QFETCH(QString, path);
    QFETCH(QString, at);
    QFETCH(QString, timeSource);
    QFETCH(QString, capture);
    QFETCH(qlonglong, hpas);

    TempCase c;
    const ImportOutcome o = c.importOne(path, ::at(qPrintable(at)));
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("k8s-hpa-json"));
    QCOMPARE(o.records, hpas);
    QCOMPARE(o.rejected, 0LL);
    QCOMPARE(textOf(c, "SELECT time_source FROM v_sources"), timeSource);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_objects WHERE kind = 'HorizontalPodAutoscaler'"),
             hpas);
    QCOMPARE(textOf(c,
                    "SELECT json_extract(json, '$.spec.maxReplicas') FROM v_objects WHERE name = "
                    "'table-api'"),
             QStringLiteral("6"));
    // Every counter sample sits at the capture time, not at lastScaleTime.
    const std::int64_t when = ns(qPrintable(capture));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_counters WHERE ts != ?", when), 0LL);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_objects WHERE ts != ?", when), 0LL);
    // The flagship: 6 of max 6 replicas, CPU 89 % against a 65 % target.
    QCOMPARE(counterValue(c, "hpa.current_replicas", "hpa", "table-api"), 6.0);
    QCOMPARE(counterValue(c, "hpa.desired_replicas", "hpa", "table-api"), 6.0);
    QCOMPARE(counterValue(c, "hpa.min_replicas", "hpa", "table-api"), 2.0);
    QCOMPARE(counterValue(c, "hpa.max_replicas", "hpa", "table-api"), 6.0);
    QCOMPARE(counterValue(c, "hpa.cpu_utilization", "hpa", "table-api"), 0.89);
    QCOMPARE(counterValue(c, "hpa.cpu_target", "hpa", "table-api"), 0.65);
    QCOMPARE(textOf(c, "SELECT unit FROM v_tracks WHERE name = 'hpa.cpu_utilization' LIMIT 1"),
             QStringLiteral("ratio"));
    QCOMPARE(textOf(c, "SELECT labels FROM v_tracks WHERE name = 'hpa.max_replicas' LIMIT 1"),
             QStringLiteral("{\"hpa\":\"table-api\",\"namespace\":\"shop\"}"));
    const std::string limited = "FROM v_instants WHERE track = 'hpa.conditions' AND name = "
                                "'ScalingLimited' AND json_extract(labels, '$.hpa') = 'table-api'";
    QCOMPARE(textOf(c, "SELECT ts " + limited), QString::number(ns("2026-11-20T09:38:52Z")));
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.reason') " + limited),
             QStringLiteral("TooManyReplicas"));
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.status') " + limited), QStringLiteral("True"));
    QCOMPARE(textOf(c, "SELECT severity " + limited), QStringLiteral("warning"));
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'hpa.conditions'"), 3 * hpas);
    if (hpas == 2) {
        // memory comes first in socket-gateway's metrics: the CPU one is read.
        QCOMPARE(counterValue(c, "hpa.cpu_utilization", "hpa", "socket-gateway"), 0.41);
        QCOMPARE(counterValue(c, "hpa.cpu_target", "hpa", "socket-gateway"), 0.70);
        QCOMPARE(counterValue(c, "hpa.max_replicas", "hpa", "socket-gateway"), 10.0);
        QCOMPARE(textOf(c, "SELECT severity FROM v_instants WHERE name = 'ScalingLimited' AND "
                           "json_extract(labels, '$.hpa') = 'socket-gateway'"),
                 QStringLiteral("info"));
    }
}

void TestKube::hpaV1Annotations()
{
    TempCase c;
    const QString path = c.dir() + QStringLiteral("/hpa.json");
    QVERIFY(writeAll(path, kubeHpaV1AnnotationsOnly()));
    const ImportOutcome o = c.importOne(path, at("2026-11-20T10:15:00Z"));
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(o.records, 1LL);
    QCOMPARE(counterValue(c, "hpa.cpu_target", "hpa", "annotated"), 0.70);
    QCOMPARE(counterValue(c, "hpa.cpu_utilization", "hpa", "annotated"), 0.35);
    // The conditions annotation is not JSON: a warning, nothing rejected.
    QCOMPARE(o.rejected, 0LL);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants"), 0LL);
    QVERIFY(textOf(c, "SELECT message FROM v_import_errors WHERE kind = 'warning'")
                .contains(QLatin1String("autoscaling.alpha.kubernetes.io/conditions")));
}

void TestKube::hpaDescribe()
{
    TempCase c;
    const ImportOutcome o = c.importOne(fixture("k8s/hpa_describe_20261120T101500Z.txt"));
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("k8s-hpa-describe"));
    // 3 HPAs + 5 rows of their Events tables.
    QCOMPARE(o.records, 8LL);
    QCOMPARE(o.rejected, 0LL);
    QCOMPARE(textOf(c, "SELECT time_source FROM v_sources"), QStringLiteral("filename"));
    const std::int64_t capture = ns("2026-11-20T10:15:00Z");
    QCOMPARE(c.scalar("SELECT count(*) FROM v_objects WHERE ts = ?", capture), 3LL);
    QCOMPARE(counterValue(c, "hpa.current_replicas", "hpa", "table-api"), 6.0);
    QCOMPARE(counterValue(c, "hpa.desired_replicas", "hpa", "table-api"), 6.0);
    QCOMPARE(counterValue(c, "hpa.min_replicas", "hpa", "table-api"), 2.0);
    QCOMPARE(counterValue(c, "hpa.max_replicas", "hpa", "table-api"), 6.0);
    QCOMPARE(counterValue(c, "hpa.cpu_utilization", "hpa", "table-api"), 0.89);
    QCOMPARE(counterValue(c, "hpa.cpu_target", "hpa", "table-api"), 0.65);
    QCOMPARE(counterValue(c, "hpa.cpu_utilization", "hpa", "socket-gateway"), 0.41);
    QCOMPARE(counterValue(c, "hpa.cpu_target", "hpa", "socket-gateway"), 0.70);
    // autoscaling/v1 layout: target 50 %, current <unknown>, min <unset>.
    QCOMPARE(counterValue(c, "hpa.cpu_target", "hpa", "legacy-worker"), 0.50);
    QVERIFY(std::isnan(counterValue(c, "hpa.cpu_utilization", "hpa", "legacy-worker")));
    QVERIFY(std::isnan(counterValue(c, "hpa.min_replicas", "hpa", "legacy-worker")));
    QCOMPARE(counterValue(c, "hpa.desired_replicas", "hpa", "legacy-worker"), 0.0);
    QCOMPARE(textOf(c, "SELECT json_extract(labels, '$.namespace') FROM v_tracks WHERE name = "
                       "'hpa.max_replicas' AND json_extract(labels, '$.hpa') = 'legacy-worker'"),
             QStringLiteral("batch"));
    // Conditions have no transition time in describe: at the capture time.
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'hpa.conditions'"), 6LL);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'hpa.conditions' AND ts = ? "
                      "AND json_extract(args, '$.at_capture') = 1",
                      capture),
             6LL);
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.reason') FROM v_instants WHERE name = "
                       "'ScalingLimited' AND json_extract(labels, '$.hpa') = 'table-api'"),
             QStringLiteral("TooManyReplicas"));
    // Events: "37m" and "36m"; "21m (x3 over 22m)"; "6m46s (x12 over 9m32s)".
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.events'"), 5LL);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.events' AND name = "
                      "'SuccessfulRescale'"),
             2LL);
    QCOMPARE(textOf(c, "SELECT group_concat(ts) FROM (SELECT ts FROM v_instants WHERE name = "
                       "'SuccessfulRescale' ORDER BY ts)"),
             QString::number(ns("2026-11-20T09:38:00Z")) + QLatin1Char(',') +
                 QString::number(ns("2026-11-20T09:39:00Z")));
    const std::string failed = "FROM v_instants WHERE name = 'FailedGetResourceMetric' AND "
                               "json_extract(labels, '$.hpa') = 'table-api'";
    QCOMPARE(textOf(c, "SELECT ts " + failed), QString::number(ns("2026-11-20T09:54:00Z")));
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.first') " + failed),
             QStringLiteral("2026-11-20T09:53:00Z"));
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.count') " + failed), QStringLiteral("3"));
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.component') " + failed),
             QStringLiteral("horizontal-pod-autoscaler"));
    QCOMPARE(textOf(c, "SELECT json_extract(labels, '$.kind') " + failed),
             QStringLiteral("HorizontalPodAutoscaler"));
    const std::string legacy = "FROM v_instants WHERE name = 'FailedComputeMetricsReplicas'";
    QCOMPARE(textOf(c, "SELECT ts " + legacy), QString::number(ns("2026-11-20T10:08:14Z")));
    QCOMPARE(textOf(c, "SELECT json_extract(args, '$.first') " + legacy),
             QStringLiteral("2026-11-20T10:05:28Z"));
}

void TestKube::podsJson_data()
{
    addPodsJsonRows();
}

void TestKube::podsJson()
{
    QFETCH(QString, path);
    QFETCH(qlonglong, pods);
    QFETCH(qlonglong, restartSamples);
    QFETCH(qlonglong, restartSum);
    QFETCH(qlonglong, oomKilled);
    QFETCH(qlonglong, terminations);
    QFETCH(qlonglong, notReady);
    QFETCH(qlonglong, cpuRequests);
    QFETCH(double, cpuRequestSum);
    QFETCH(qlonglong, memoryLimits);
    QFETCH(double, memoryLimitSum);
    QFETCH(QString, pod);
    QFETCH(double, restarts);

    TempCase c;
    const std::int64_t capture = ns("2026-11-20T10:15:00Z");
    const ImportOutcome o = c.importOne(path, at("2026-11-20T10:15:00Z"));
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(QString::fromStdString(o.format), QStringLiteral("k8s-pods-json"));
    QCOMPARE(o.records, pods);
    QCOMPARE(o.rejected, 0LL);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_objects WHERE kind = 'Pod' AND ts = ?", capture),
             pods);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_counters WHERE track = 'k8s.restarts' AND ts = ?",
                      capture),
             restartSamples);
    QCOMPARE(c.scalar("SELECT sum(value) FROM v_counters WHERE track = 'k8s.restarts'"),
             restartSum);
    QCOMPARE(counterValue(c, "k8s.restarts", "pod", qPrintable(pod)), restarts);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.terminations' AND name = "
                      "'OOMKilled' AND severity = 'error'"),
             oomKilled);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.terminations'"),
             terminations);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_instants WHERE track = 'k8s.readiness' AND name = "
                      "'NotReady'"),
             notReady);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_counters WHERE track = 'k8s.cpu_request'"),
             cpuRequests);
    Statement sum = c.db().prepare("SELECT sum(value) FROM v_counters WHERE track = ?");
    sum.bind(1, "k8s.cpu_request");
    QVERIFY(sum.step());
    QCOMPARE(sum.real(0), cpuRequestSum);
    QCOMPARE(c.scalar("SELECT count(*) FROM v_counters WHERE track = 'k8s.memory_limit'"),
             memoryLimits);
    Statement memory = c.db().prepare("SELECT sum(value), min(unit), max(unit) FROM v_counters "
                                      "WHERE track = 'k8s.memory_limit'");
    QVERIFY(memory.step());
    QCOMPARE(memory.real(0), memoryLimitSum);
    QCOMPARE(QString::fromStdString(memory.text(1)), QStringLiteral("bytes"));
    QCOMPARE(
        textOf(c, "SELECT min(unit) || max(unit) FROM v_counters WHERE track = 'k8s.cpu_limit'"),
        QStringLiteral("millicoresmillicores"));
    if (oomKilled > 0) {
        // tsds/data-service-7b5fc69769-bhrk9, container data-service, exit 137.
        const std::string oom = "FROM v_instants WHERE name = 'OOMKilled'";
        QCOMPARE(textOf(c, "SELECT ts " + oom), QString::number(ns("2021-04-14T02:00:13Z")));
        QCOMPARE(textOf(c, "SELECT json_extract(args, '$.exitCode') " + oom),
                 QStringLiteral("137"));
        QCOMPARE(textOf(c, "SELECT labels " + oom),
                 QStringLiteral("{\"container\":\"data-service\",\"namespace\":\"tsds\",\"pod\":"
                                "\"data-service-7b5fc69769-bhrk9\"}"));
    }
}

void TestKube::badInput_data()
{
    addBadInputRows();
}

void TestKube::badInput()
{
    QFETCH(QString, recipe);
    QFETCH(QString, format);
    QFETCH(QString, status);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, rejected);
    QFETCH(bool, partial);
    QFETCH(QString, message);
    QFETCH(qlonglong, byte);

    TempCase c;
    // A source already in the case must come through a failure unchanged.
    QCOMPARE(c.importOne(fixture("k8s/events_v1_series.json")).records, 4LL);
    c.file().db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const RawCounts before = rawCounts(c.path());

    qlonglong mark = -1;
    const QString path = makeKubeInput(recipe, c.dir(), mark);
    if (byte == -2) byte = mark;
    ImportOptions options = at("2026-11-20T10:15:00Z", qPrintable(format));
    const ImportOutcome o = c.importOne(path, options);
    const QString what = describe(o);
    if (status == QLatin1String("failed")) {
        QVERIFY2(o.status == ImportOutcome::Status::Failed, qPrintable(what));
        QVERIFY2(QString::fromStdString(o.error).contains(message), qPrintable(what));
        if (byte >= 0) QCOMPARE(o.errorByte, byte);
        if (rejected >= 0) QCOMPARE(o.rejected, rejected);
        if (rejected > 0)
            QVERIFY2(QString::fromStdString(o.error).contains(QString::number(rejected) +
                                                              QLatin1String(" rejected")),
                     qPrintable(what));
        QVERIFY2(rawCounts(c.path()) == before, "a failed import left rows behind");
        return;
    }
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(what));
    if (records >= 0)
        QCOMPARE(o.records, records);
    else
        QVERIFY2(o.records > 0, qPrintable(what));
    QCOMPARE(o.rejected, rejected);
    QCOMPARE(o.partial, partial);
    const std::int64_t source = o.sourceId;
    QCOMPARE(c.scalar("SELECT count(*) FROM v_sources"), 2LL);
    if (message.isEmpty()) return;
    Statement st = c.db().prepare("SELECT byte FROM v_import_errors WHERE source_id = ? AND "
                                  "instr(message, ?) > 0 ORDER BY id");
    st.bind(1, source).bind(2, message.toStdString());
    QVERIFY2(st.step(), qPrintable(QStringLiteral("no import error with \"") + message +
                                   QStringLiteral("\": ") + what));
    if (byte >= 0) QCOMPARE(st.int64(0), std::int64_t(byte));
    if (recipe == QLatin1String("events-utf8")) {
        QVERIFY(
            textOf(c, "SELECT json_extract(args, '$.message') FROM v_instants WHERE source_id = " +
                          std::to_string(source) + " AND json_extract(labels, '$.pod') = 'b'")
                .contains(QChar(0xFFFD)));
    }
    if (recipe == QLatin1String("table-huge-line")) {
        // The line is cut at 1 MiB; the message is what follows the MESSAGE column.
        const qlonglong column = kubeEventsTableHeader().indexOf("MESSAGE");
        QCOMPARE(c.scalar("SELECT max(length(json_extract(args, '$.message'))) FROM v_instants "
                          "WHERE source_id = ?",
                          source),
                 (1 << 20) - column);
    }
    if (recipe == QLatin1String("pods-quantity")) {
        // Pod a's memory figures stay; only its absurd cpu request goes.
        QCOMPARE(c.scalar("SELECT count(*) FROM v_counters WHERE track = 'k8s.cpu_request'"), 1LL);
        QCOMPARE(c.scalar("SELECT count(*) FROM v_counters WHERE track = 'k8s.memory_request'"),
                 2LL);
    }
}

QTEST_GUILESS_MAIN(TestKube)
#include "tst_kube.moc"
