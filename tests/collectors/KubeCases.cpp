// Data rows and inputs for TestKube (a separate file because Qt 6.4's moc
// cannot parse raw string literals, and to keep tst_kube.cpp short). Each
// builder writes the shape of real kubectl output with the one field a test
// is about; each bad-input recipe's expected numbers follow from the recipe
// itself. Corpus numbers come from tests/fixtures/k8s/independent_kube.py
// (see tst_kube.cpp).
#include "ImportTestSupport.h"

#include <QByteArray>
#include <QList>
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

} // namespace

QByteArray kubeEvent(const QByteArray &name, const QByteArray &reason, const QByteArray &message,
                     const QByteArray &countJson)
{
    return QByteArray(R"({"apiVersion":"v1","kind":"Event","metadata":{"name":")") + name +
           R"(.187a0000","namespace":"shop"},"involvedObject":{"kind":"Pod","name":")" + name +
           R"(","namespace":"shop"},"reason":")" + reason + R"(","message":")" + message +
           R"(","source":{"component":"kubelet"},"firstTimestamp":"2026-11-20T09:00:00Z",)"
           R"("lastTimestamp":"2026-11-20T09:30:00Z","count":)" +
           countJson + R"(,"type":"Warning","eventTime":null})";
}

QByteArray kubeList(const QByteArray &listKind, const QList<QByteArray> &items)
{
    QByteArray out = QByteArray(R"({"apiVersion":"v1","kind":")") + listKind +
                     R"(","metadata":{"resourceVersion":"1"},"items":[)" + "\n";
    for (qsizetype i = 0; i < items.size(); ++i) {
        out += items[i];
        out += i + 1 < items.size() ? ",\n" : "\n";
    }
    return out + "]}\n";
}

QByteArray kubePod(const QByteArray &name, const QByteArray &restartJson,
                   const QByteArray &cpuRequestJson)
{
    return QByteArray(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":")") + name +
           R"(","namespace":"shop"},"spec":{"containers":[{"name":"app","image":"app:1",)"
           R"("resources":{"requests":{"cpu":)" +
           cpuRequestJson +
           R"(,"memory":"256Mi"},"limits":{"memory":"512Mi"}}}]},)"
           R"("status":{"phase":"Running","conditions":[{"type":"Ready","status":"True",)"
           R"("lastTransitionTime":"2026-11-20T09:00:00Z"}],"containerStatuses":[{"name":"app",)"
           R"("ready":true,"restartCount":)" +
           restartJson + R"(,"state":{"running":{"startedAt":"2026-11-20T09:00:00Z"}}}]}})";
}

QByteArray kubeHpa(const QByteArray &name, const QByteArray &maxReplicasJson)
{
    return QByteArray(R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",)"
                      R"("metadata":{"name":")") +
           name + R"(","namespace":"shop"},"spec":{"minReplicas":1,"maxReplicas":)" +
           maxReplicasJson +
           R"(,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"x"}},)"
           R"("status":{"currentReplicas":2,"desiredReplicas":2}})";
}

// autoscaling/v1 whose CPU figures exist only in the annotations (as the
// API server writes them when the HPA was made with autoscaling/v2).
QByteArray kubeHpaV1AnnotationsOnly()
{
    return QByteArray(
        R"({"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{)"
        R"("name":"annotated","namespace":"shop","annotations":{)"
        R"("autoscaling.alpha.kubernetes.io/metrics":"[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"targetAverageUtilization\":70}}]",)"
        R"("autoscaling.alpha.kubernetes.io/current-metrics":"[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"currentAverageUtilization\":35,\"currentAverageValue\":\"70m\"}}]",)"
        R"("autoscaling.alpha.kubernetes.io/conditions":"not json at all"}},)"
        R"("spec":{"maxReplicas":4,"minReplicas":1,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"annotated"}},)"
        R"("status":{"currentReplicas":1,"desiredReplicas":1}})");
}

QByteArray kubeEventsTableHeader()
{
    return "LAST SEEN   TYPE      REASON      OBJECT         MESSAGE\n";
}

void addQuantityRows()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("base");       // cores or bytes
    QTest::addColumn<double>("millicores"); // base * 1000

    QTest::newRow("250m") << "250m" << true << 0.25 << 250.0;
    QTest::newRow("2") << "2" << true << 2.0 << 2000.0;
    QTest::newRow("1.5") << "1.5" << true << 1.5 << 1500.0;
    QTest::newRow(".5") << ".5" << true << 0.5 << 500.0;
    QTest::newRow("1e3") << "1e3" << true << 1000.0 << 1e6;
    QTest::newRow("1E") << "1E" << true << 1e18 << 1e21;
    QTest::newRow("128Mi") << "128Mi" << true << 134217728.0 << 134217728000.0;
    QTest::newRow("1Gi") << "1Gi" << true << 1073741824.0 << 1073741824000.0;
    QTest::newRow("12Ki") << "12Ki" << true << 12288.0 << 12288000.0;
    QTest::newRow("2k") << "2k" << true << 2000.0 << 2e6;
    QTest::newRow("500n") << "500n" << true << 5e-7 << 5e-4;
    QTest::newRow("empty") << "" << false << 0.0 << 0.0;
    QTest::newRow("letters") << "abc" << false << 0.0 << 0.0;
    QTest::newRow("unknown suffix") << "1Xi" << false << 0.0 << 0.0;
    QTest::newRow("two dots") << "1.2.3" << false << 0.0 << 0.0;
    QTest::newRow("dangling e") << "2e" << false << 0.0 << 0.0;
    QTest::newRow("beyond 1e30") << "99999999999999999999999999999999Ei" << false << 0.0 << 0.0;
}

void addAgeRows()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qlonglong>("lastSeconds");  // -1: not an age
    QTest::addColumn<qlonglong>("firstSeconds"); // -1: none
    QTest::addColumn<qlonglong>("count");        // -1: none

    QTest::newRow("0s") << "0s" << 0LL << -1LL << -1LL;
    QTest::newRow("58m") << "58m" << 3480LL << -1LL << -1LL;
    QTest::newRow("3m30s") << "3m30s" << 210LL << -1LL << -1LL;
    QTest::newRow("5h10m") << "5h10m" << 18600LL << -1LL << -1LL;
    QTest::newRow("2d3h") << "2d3h" << 183600LL << -1LL << -1LL;
    QTest::newRow("2y35d") << "2y35d" << 66096000LL << -1LL << -1LL;
    QTest::newRow("100y") << "100y" << 3153600000LL << -1LL << -1LL;
    QTest::newRow("interval") << "56m (x5 over 58m)" << 3360LL << 3480LL << 5LL;
    QTest::newRow("interval 256") << "3m30s (x256 over 58m)" << 210LL << 3480LL << 256LL;
    QTest::newRow("<unknown>") << "<unknown>" << -1LL << -1LL << -1LL;
    QTest::newRow("<invalid>") << "<invalid>" << -1LL << -1LL << -1LL;
    QTest::newRow("no unit") << "5" << -1LL << -1LL << -1LL;
    QTest::newRow("unit first") << "m5" << -1LL << -1LL << -1LL;
    QTest::newRow("101y") << "101y" << -1LL << -1LL << -1LL;
    QTest::newRow("int64 overflow") << "99999999999999999999s" << -1LL << -1LL << -1LL;
    QTest::newRow("count overflow")
        << "3m (x99999999999999999999 over 58m)" << -1LL << -1LL << -1LL;
    QTest::newRow("no over") << "56m (x5)" << -1LL << -1LL << -1LL;
}

void addFileNameStampRows()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("stamp"); // "" = none

    QTest::newRow("compact") << "events-20261120T101500Z.txt"
                             << "2026-11-20T10:15:00Z";
    QTest::newRow("compact first") << "20261120T101500Z_hpa.json"
                                   << "2026-11-20T10:15:00Z";
    QTest::newRow("rfc3339 Z") << "hpa_2026-11-20T10:15:00Z.json"
                               << "2026-11-20T10:15:00Z";
    QTest::newRow("rfc3339 offset") << "top-2026-11-20T11:15:00+01:00.txt"
                                    << "2026-11-20T10:15:00Z";
    QTest::newRow("rfc3339 fraction") << "x.2026-11-20T10:15:00.250Z.log"
                                      << "2026-11-20T10:15:00.25Z";
    QTest::newRow("no zone") << "result_array_up_redhat_20190728T1200.json"
                             << "";
    QTest::newRow("no seconds") << "events-20261120T1015Z.txt"
                                << "";
    QTest::newRow("month 13") << "events-20261320T101500Z.txt"
                              << "";
    QTest::newRow("inside digits") << "v120261120T101500Z.txt"
                                   << "";
    QTest::newRow("none") << "kubectl_events_for_pod_backoff.txt"
                          << "";
}

void addEventsJsonRows()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("objects"); // k8s.events tracks: one per involved object
    QTest::addColumn<qlonglong>("warnings");
    QTest::addColumn<qlonglong>("probes"); // rows on k8s.probe_failures
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    QTest::addColumn<qlonglong>("sumCount"); // sum of args.count
    QTest::addColumn<QString>("reason");
    QTest::addColumn<qlonglong>("reasonCount");

    QTest::newRow("aks default") << corpus("k8s/cluster_info_dump_aks_2020_default_events.json")
                                 << 3LL << 2LL << 0LL << 0LL << "2020-06-07T07:49:20Z"
                                 << "2020-06-07T07:49:42Z" << 3LL << "Killing" << 1LL;
    // count 4688 and 5165 on the two liveness failures, 70944 on a BackOff.
    QTest::newRow("aks kube-system")
        << corpus("k8s/cluster_info_dump_aks_2020_kube-system_events.json") << 4LL << 3LL << 4LL
        << 2LL << "2020-06-07T07:37:01Z"
        << "2020-06-07T08:01:03Z" << 99946LL << "BackOff" << 2LL;
    QTest::newRow("minikube PascalCase")
        << corpus("k8s/cluster_info_dump_minikube_2019_default_events_PascalCase.json") << 430LL
        << 133LL << 206LL << 0LL << "2019-03-08T08:48:01Z"
        << "2019-03-08T08:59:27Z" << 1298LL << "FailedScheduling" << 105LL;
    QTest::newRow("minikube kube-system")
        << corpus("k8s/cluster_info_dump_minikube_2019_kube-system_events.json") << 59LL << 23LL
        << 3LL << 1LL << "2019-03-08T08:48:02Z"
        << "2019-03-08T08:49:03Z" << 60LL << "Pulled" << 11LL;
    QTest::newRow("events.k8s.io/v1")
        << fixture("k8s/events_k8s_io_v1.json") << 4LL << 4LL << 3LL << 2LL
        << "2026-11-20T09:38:37Z"
        << "2026-11-20T10:12:03.551Z" << 45LL << "SuccessfulRescale" << 1LL;
    QTest::newRow("v1 with series") << fixture("k8s/events_v1_series.json") << 4LL << 4LL << 3LL
                                    << 1LL << "2026-11-20T09:38:37Z"
                                    << "2026-11-20T10:11:40Z" << 23LL << "SuccessfulRescale" << 1LL;
}

void addPodsJsonRows()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qlonglong>("pods");
    QTest::addColumn<qlonglong>("restartSamples");
    QTest::addColumn<qlonglong>("restartSum");
    QTest::addColumn<qlonglong>("oomKilled");
    QTest::addColumn<qlonglong>("terminations");
    QTest::addColumn<qlonglong>("notReady");
    QTest::addColumn<qlonglong>("cpuRequests"); // samples
    QTest::addColumn<double>("cpuRequestSum");  // millicores
    QTest::addColumn<qlonglong>("memoryLimits");
    QTest::addColumn<double>("memoryLimitSum"); // bytes
    QTest::addColumn<QString>("pod");           // a pod whose restart count ...
    QTest::addColumn<double>("restarts");       // ... is this

    QTest::newRow("get pods -A") << corpus("k8s/kubectl_get_pods_all_ns.json") << 158LL << 161LL
                                 << 5938LL << 1LL << 46LL << 1LL << 70LL << 14650.0 << 62LL
                                 << 96456409088.0 << "samples-5bf89b8ddc-ft77l" << 1900.0;
    QTest::newRow("cluster-info dump PodList")
        << corpus("k8s/cluster_info_dump_aks_2020_kube-system_pods.json") << 10LL << 10LL << 4942LL
        << 0LL << 3LL << 2LL << 10LL << 799.0 << 6LL << 2820669440.0
        << "kubernetes-dashboard-7f7676f7b5-65j6w" << 2943.0;
}

void addBadInputRows()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<QString>("format"); // forced, "" = detect
    QTest::addColumn<QString>("status"); // imported | failed
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("rejected");
    QTest::addColumn<bool>("partial");
    QTest::addColumn<QString>("message"); // in the error (failed) or an import_errors row
    // The byte offset of that row or of the failure; -2: the recipe's mark, -1: any.
    QTest::addColumn<qlonglong>("byte");
    const QString detect; // no --format

    const QString events = QStringLiteral("k8s-events-json");
    // JSON bad input, the same for the three JSON formats.
    for (const QString &format :
         {events, QStringLiteral("k8s-pods-json"), QStringLiteral("k8s-hpa-json")}) {
        const QByteArray f = format.toLatin1();
        QTest::addRow("%s empty", f.constData())
            << "empty" << format << "failed" << 0LL << 0LL << false << "empty file" << 0LL;
        QTest::addRow("%s binary", f.constData())
            << "random" << format << "failed" << 0LL << 1LL << false << "not JSON" << -1LL;
        QTest::addRow("%s log file", f.constData())
            << "log" << format << "failed" << 0LL << 1LL << false
            << "not JSON: expected an object or an array" << 0LL;
        QTest::addRow("%s 10^6 [", f.constData())
            << "deep" << format << "failed" << 0LL << 1LL << false
            << "JSON nested deeper than 256 levels" << 256LL;
        QTest::addRow("%s cut before any item", f.constData())
            << "cut-early" << format << "failed" << 0LL << 1LL << false << "JSON ends early"
            << -1LL;
    }
    QTest::newRow("events with a UTF-8 BOM")
        << "events-bom" << detect << "imported" << 2LL << 0LL << false << "" << -1LL;
    QTest::newRow("events truncated")
        << "events-cut" << detect << "imported" << 2LL << 0LL << true << "JSON ends early" << -1LL;
    QTest::newRow("events huge item") << "events-huge" << detect << "imported" << 2LL << 1LL
                                      << false << "event larger than 8 MiB skipped" << -2LL;
    QTest::newRow("events invalid UTF-8") << "events-utf8" << detect << "imported" << 2LL << 0LL
                                          << false << "invalid UTF-8 replaced with U+FFFD" << -2LL;
    QTest::newRow("events count 1e300") << "events-count" << detect << "imported" << 2LL << 1LL
                                        << false << "\"count\" is not a count" << -2LL;
    QTest::newRow("events count 2^64-1") << "events-uint" << detect << "imported" << 2LL << 1LL
                                         << false << "\"count\" is not a count" << -2LL;
    QTest::newRow("events deep inside an item")
        << "events-deep-item" << detect << "imported" << 1LL << 1LL << true
        << "JSON nested deeper than 256 levels" << -1LL;
    QTest::newRow("events not an object") << "events-scalar" << detect << "imported" << 2LL << 1LL
                                          << false << "event is not a JSON object" << -2LL;
    QTest::newRow("empty EventList") << "events-empty-list" << detect << "failed" << 0LL << 0LL
                                     << false << "no record found" << -1LL;
    QTest::newRow("PodList forced as events") << "pods-corpus" << events << "failed" << 0LL << 158LL
                                              << false << "a Pod, not an Event" << -1LL;
    QTest::newRow("EventList forced as pods")
        << "events-corpus"
        << "k8s-pods-json"
        << "failed" << 0LL << 4LL << false << "pod without metadata or spec" << -1LL;
    QTest::newRow("pods restartCount 1e20") << "pods-restarts" << detect << "imported" << 1LL << 1LL
                                            << false << "\"restartCount\" is not a count" << -2LL;
    QTest::newRow("pods quantity beyond 1e30")
        << "pods-quantity" << detect << "imported" << 2LL << 0LL << false
        << "not a Kubernetes quantity" << -2LL;
    QTest::newRow("hpa maxReplicas 2^64-1") << "hpa-max" << detect << "imported" << 1LL << 1LL
                                            << false << "\"maxReplicas\" is not a count" << -2LL;
    QTest::newRow("hpa truncated")
        << "hpa-cut" << detect << "imported" << 1LL << 0LL << true << "JSON ends early" << -1LL;
    // Text formats.
    const QString table = QStringLiteral("k8s-events-table");
    const QString describe = QStringLiteral("k8s-hpa-describe");
    for (const QString &format : {table, describe}) {
        const QByteArray f = format.toLatin1();
        QTest::addRow("%s empty", f.constData())
            << "empty" << format << "failed" << 0LL << 0LL << false << "empty file" << 0LL;
        QTest::addRow("%s /bin/ls", f.constData())
            << "bin-ls" << format << "failed" << 0LL << -1LL << false << "" << -1LL;
        QTest::addRow("%s JSON", f.constData())
            << "json" << format << "failed" << 0LL << -1LL << false << "" << 0LL;
        QTest::addRow("%s log file", f.constData())
            << "log" << format << "failed" << 0LL << 3LL << false << "" << 0LL;
    }
    QTest::newRow("table 2 MiB line") << "table-huge-line" << detect << "imported" << 2LL << 0LL
                                      << false << "line longer than 1 MiB cut to 1 MiB" << -2LL;
    QTest::newRow("table invalid UTF-8") << "table-utf8" << detect << "imported" << 2LL << 0LL
                                         << false << "invalid UTF-8 replaced with U+FFFD" << -2LL;
    QTest::newRow("table gigantic ages") << "table-ages" << detect << "imported" << 1LL << 3LL
                                         << false << "LAST SEEN is not an age" << -2LL;
    QTest::newRow("table NUL line")
        << "table-binary" << detect << "imported" << 2LL << 1LL << false << "binary data" << -2LL;
    QTest::newRow("table no events found") << "table-none" << table << "failed" << 0LL << 1LL
                                           << false << "kubectl found no events" << 0LL;
    QTest::newRow("table truncated gzip") << "table-gz-cut" << detect << "imported" << -1LL << 0LL
                                          << true << "compressed stream ends early" << -1LL;
    QTest::newRow("describe truncated gzip")
        << "describe-gz-cut" << detect << "imported" << -1LL << 0LL << true
        << "compressed stream ends early" << -1LL;
    QTest::newRow("describe pod forced as hpa") << "describe-pod" << describe << "failed" << 0LL
                                                << 1LL << false << "not an HPA description" << 0LL;
}

// Writes the recipe's input; mark is the byte offset a row should name.
QString makeKubeInput(const QString &recipe, const QString &dir, qlonglong &mark)
{
    QString path = dir + QStringLiteral("/input.json");
    QByteArray bytes;
    auto event = [](const char *name, const QByteArray &count = "3") {
        return kubeEvent(name, "BackOff", "Back-off restarting failed container", count);
    };
    // A list of three whose middle item is given: mark = its offset.
    auto listAround = [&](const QByteArray &kind, const QByteArray &a, const QByteArray &middle,
                          const QByteArray &b) {
        QByteArray list = kubeList(kind, {a, middle, b});
        mark = list.indexOf(middle);
        return list;
    };
    if (recipe == QLatin1String("empty")) {
    } else if (recipe == QLatin1String("random")) {
        bytes = randomBytes(64 * 1024, 20261120);
    } else if (recipe == QLatin1String("bin-ls")) {
        bytes = readAll(QStringLiteral("/bin/ls"));
    } else if (recipe == QLatin1String("log")) {
        bytes = readAll(corpus("nginx_access/combined_small.log")); // 3 lines, BSD-2-Clause
    } else if (recipe == QLatin1String("json")) {
        bytes = kubeList("EventList", {event("a")});
    } else if (recipe == QLatin1String("deep")) {
        bytes = QByteArray(1'000'000, '[');
    } else if (recipe == QLatin1String("cut-early")) {
        bytes = kubeList("List", {event("a")}).left(120);
    } else if (recipe == QLatin1String("events-cut")) {
        // The corpus file's 4 items, cut inside the third.
        const QByteArray whole =
            readAll(corpus("k8s/cluster_info_dump_aks_2020_kube-system_events.json"));
        qsizetype third = 0;
        for (int i = 0; i < 3; ++i)
            third = whole.indexOf("\"involvedObject\"", third + 1);
        bytes = whole.left(third);
    } else if (recipe == QLatin1String("events-bom")) {
        bytes = "\xEF\xBB\xBF" + kubeList("EventList", {event("a"), event("b")});
    } else if (recipe == QLatin1String("events-huge")) {
        bytes = listAround("EventList", event("a"),
                           kubeEvent("b", "BackOff", QByteArray(9 << 20, 'x'), "1"), event("c"));
    } else if (recipe == QLatin1String("events-utf8")) {
        bytes = kubeList("EventList",
                         {event("a"), kubeEvent("b", "BackOff", "bad \xff\xfe bytes", "1")});
        mark =
            bytes.indexOf("{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"b");
    } else if (recipe == QLatin1String("events-count")) {
        bytes = listAround("EventList", event("a"), event("b", "1e300"), event("c"));
    } else if (recipe == QLatin1String("events-uint")) {
        bytes = listAround("EventList", event("a"), event("b", "18446744073709551615"), event("c"));
    } else if (recipe == QLatin1String("events-deep-item")) {
        bytes = kubeList("EventList",
                         {event("a"), QByteArray(300, '[') + QByteArray(300, ']'), event("c")});
    } else if (recipe == QLatin1String("events-scalar")) {
        bytes = listAround("EventList", event("a"), "\"just a string\"", event("c"));
    } else if (recipe == QLatin1String("events-empty-list")) {
        bytes = kubeList("EventList", {});
    } else if (recipe == QLatin1String("pods-corpus")) {
        return corpus("k8s/kubectl_get_pods_all_ns.json");
    } else if (recipe == QLatin1String("events-corpus")) {
        return corpus("k8s/cluster_info_dump_aks_2020_kube-system_events.json");
    } else if (recipe == QLatin1String("pods-restarts")) {
        bytes =
            kubeList("PodList", {kubePod("a", "1e20", "\"250m\""), kubePod("b", "3", "\"250m\"")});
        mark = 0;
        mark = bytes.indexOf(kubePod("a", "1e20", "\"250m\""));
    } else if (recipe == QLatin1String("pods-quantity")) {
        bytes = kubeList("PodList", {kubePod("a", "0", "\"99999999999999999999999999999999Ei\""),
                                     kubePod("b", "3", "\"250m\"")});
        mark = bytes.indexOf(kubePod("a", "0", "\"99999999999999999999999999999999Ei\""));
    } else if (recipe == QLatin1String("hpa-max")) {
        bytes = kubeList("List", {kubeHpa("a", "18446744073709551615"), kubeHpa("b", "4")});
        mark = bytes.indexOf(kubeHpa("a", "18446744073709551615"));
    } else if (recipe == QLatin1String("hpa-cut")) {
        const QByteArray whole = readAll(fixture("k8s/hpa_v2_list_20261120T101500Z.json"));
        bytes = whole.left(
            whole.indexOf("\"socket-gateway\"", whole.indexOf("\"socket-gateway\"") + 1));
    } else if (recipe.startsWith(QLatin1String("table-")) ||
               recipe.startsWith(QLatin1String("describe-"))) {
        path = dir + QStringLiteral("/input.txt");
        const QByteArray row1 =
            "58m         Normal    Scheduled   Pod/web-1      Successfully assigned\n";
        const QByteArray row2 =
            "3m          Warning   BackOff     Pod/web-1      Back-off restarting\n";
        if (recipe == QLatin1String("table-huge-line")) {
            const QByteArray huge = "2m          Warning   BackOff     Pod/web-1      " +
                                    QByteArray(2 << 20, 'y') + '\n';
            bytes = kubeEventsTableHeader() + row1 + huge;
            mark = bytes.indexOf(huge);
        } else if (recipe == QLatin1String("table-utf8")) {
            const QByteArray bad =
                "2m          Warning   BackOff     Pod/web-1      bad \xff bytes\n";
            bytes = kubeEventsTableHeader() + row1 + bad;
            mark = bytes.indexOf(bad);
        } else if (recipe == QLatin1String("table-ages")) {
            const QByteArray years = "99999999999y   Normal    Pulled      Pod/web-1      x\n";
            bytes = kubeEventsTableHeader() + years +
                    "3m (x99999999999999999999 over 58m)   Warning   BackOff     Pod/web-1      x\n"
                    "<invalid>   Normal    Pulled      Pod/web-1      x\n" +
                    row2;
            mark = bytes.indexOf(years);
        } else if (recipe == QLatin1String("table-binary")) {
            const QByteArray nul = "3m   " + QByteArray(5, '\0') + "\x01\x02   Pod/web-1\n";
            bytes = kubeEventsTableHeader() + row1 + nul + row2;
            mark = bytes.indexOf(nul);
        } else if (recipe == QLatin1String("table-none")) {
            bytes = "No events found in shop namespace.\n";
        } else if (recipe == QLatin1String("table-gz-cut") ||
                   recipe == QLatin1String("describe-gz-cut")) {
            QByteArray plain;
            if (recipe == QLatin1String("table-gz-cut")) {
                plain = kubeEventsTableHeader();
                for (int i = 0; i < 4000; ++i)
                    plain += i % 2 ? row1 : row2;
            } else {
                for (int i = 0; i < 40; ++i)
                    plain += readAll(fixture("k8s/hpa_describe_20261120T101500Z.txt")) + "\n\n";
            }
            QByteArray packed = gzipBytes(plain);
            packed.truncate(packed.size() / 2);
            path = dir + QStringLiteral("/input.txt.gz");
            writeAll(path, packed);
            return path;
        } else if (recipe == QLatin1String("describe-pod")) {
            return corpus("k8s/kubectl_describe_pod_oomkilled.txt"); // Apache-2.0 (HolmesGPT)
        }
    }
    writeAll(path, bytes);
    return path;
}
