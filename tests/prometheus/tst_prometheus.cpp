// collectors/prometheus against a real Prometheus (Debian's /usr/bin/prometheus)
// started here on 127.0.0.1, scraping itself every second. Every expected
// value comes from the same query sent to the server's API by the test's own
// QNetworkAccessManager (PrometheusProcess::get), never through the code under
// test. What a real server cannot show (the Authorization header sent, a
// server that never answers, a proxy's error page) comes from FakeHttpServer.
#include "CaseFile.h"
#include "FakeHttpServer.h"
#include "PrometheusProcess.h"
#include "TimeUtil.h"
#include "import/ImporterRegistry.h"
#include "playbook/CollectPlan.h"
#include "playbook/PlaybookCatalog.h"
#include "prometheus/PrometheusClient.h"
#include "prometheus/PrometheusCollector.h"
#include "prometheus/PrometheusStep.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <cmath>
#include <csignal>
#include <map>
#include <zlib.h>

using namespace perfcase;
using perfcase::testing::FakeHttpServer;
using perfcase::testing::PrometheusProcess;

namespace {

// qint64, the type of the data columns (std::int64_t is long here).
constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kMs = 1'000'000;

// One series as the case should hold it.
struct Series
{
    qint64 count = 0;
    double sum = 0;
    qint64 first = 0;
};
using SeriesMap = std::map<QString, Series>; // "name labels-json" -> series

QString key(const QString &name, const QJsonObject &labels)
{
    return name + QLatin1Char(' ') +
           QString::fromUtf8(QJsonDocument(labels).toJson(QJsonDocument::Compact));
}

// The series of an API answer, counted the way the importer should store
// them: the metric name (or the query, for an expression without one),
// the other labels, finite values only.
SeriesMap expectedSeries(const QJsonObject &answer, const QString &query)
{
    SeriesMap map;
    const QJsonArray result =
        answer.value(QLatin1String("data")).toObject().value(QLatin1String("result")).toArray();
    for (const QJsonValue &element : result) {
        QJsonObject metric = element.toObject().value(QLatin1String("metric")).toObject();
        const QString name = metric.contains(QLatin1String("__name__"))
                                 ? metric.value(QLatin1String("__name__")).toString()
                                 : query;
        metric.remove(QLatin1String("__name__"));
        Series series;
        series.first = std::numeric_limits<qint64>::max();
        for (const QJsonValue &point :
             element.toObject().value(QLatin1String("values")).toArray()) {
            const double value = point.toArray().at(1).toString().toDouble();
            if (!std::isfinite(value)) continue;
            ++series.count;
            series.sum += value;
            series.first = std::min(
                series.first, qint64(std::llround(point.toArray().at(0).toDouble() * 1000)) * kMs);
        }
        map[key(name, metric)] = series;
    }
    return map;
}

SeriesMap storedSeries(CaseFile &file, std::int64_t sourceId)
{
    SeriesMap map;
    Statement st = file.db().prepare(
        "SELECT t.name, t.labels, count(c.ts), total(c.value), min(c.ts) FROM tracks t "
        "LEFT JOIN counters c ON c.track_id = t.id WHERE t.source_id = ? GROUP BY t.id");
    st.bind(1, sourceId);
    while (st.step()) {
        const QJsonObject labels =
            QJsonDocument::fromJson(QByteArray::fromStdString(st.text(1))).object();
        map[key(QString::fromStdString(st.text(0)), labels)] = {st.int64(2), st.real(3),
                                                                st.isNull(4) ? 0 : st.int64(4)};
    }
    return map;
}

qint64 sourceCount(CaseFile &file)
{
    Statement st = file.db().prepare("SELECT count(*) FROM sources");
    st.step();
    return st.int64(0);
}

QByteArray gunzip(std::string_view packed)
{
    QByteArray out;
    z_stream stream{};
    inflateInit2(&stream, 15 + 16);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(packed.data()));
    stream.avail_in = uInt(packed.size());
    char buffer[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
    }
    inflateEnd(&stream);
    return out;
}

// Every byte the case holds: the file, its WAL, and the blobs unpacked
// (a secret inside a gzip blob would not show in the file's bytes).
QByteArray everyByte(CaseFile &file)
{
    file.checkpoint();
    QByteArray bytes;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")}) {
        QFile part(QString::fromStdString(file.path()) + suffix);
        if (part.open(QIODevice::ReadOnly)) bytes += part.readAll();
    }
    Statement st = file.db().prepare("SELECT compression, data FROM blobs");
    while (st.step())
        bytes += st.text(0) == "gzip" ? gunzip(st.blob(1))
                                      : QByteArray(st.blob(1).data(), qsizetype(st.blob(1).size()));
    return bytes;
}

quint16 closedPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

const QByteArray kMatrix = R"({"status":"success","data":{"resultType":"matrix","result":[
{"metric":{"__name__":"up","job":"fake"},"values":[[1700000000,"1"],[1700000001,"1"]]}]}})";

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

QString seconds(std::int64_t ns)
{
    return QString::number(ns / kSecond);
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out, err;
};

} // namespace

class PrometheusTest : public QObject
{
    Q_OBJECT

public:
    ~PrometheusTest() override { m_prometheus.stop(); }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void stepRules_data();
    void stepRules();
    void stepParse_data();
    void stepParse();
    void stepText_data();
    void stepText();
    void defaultName_data();
    void defaultName();
    void noSeriesBody_data();
    void noSeriesBody();
    void baseUrl_data();
    void baseUrl();

    void rangeMatchesApi_data();
    void rangeMatchesApi();
    void prometheusError_data();
    void prometheusError();
    void maximumResolution_data();
    void maximumResolution();
    void noSeries();
    void playbookQueriesParse_data();
    void playbookQueriesParse();
    void connectionRefused();
    void httpError_data();
    void httpError();
    void credentials_data();
    void credentials();
    void cancel();
    void timeout();
    void responseCap();
    void workerThread();

    void commandLine_data();
    void commandLine();
    void commandLineJson();
    void commandLineCredentials();
    void commandLineInterrupt();

private:
    std::unique_ptr<CaseFile> newCase();
    PrometheusRange window(const QString &query, std::int64_t step) const;
    CliRun cli(const QStringList &arguments, const QProcessEnvironment &environment = {});

    PrometheusProcess m_prometheus;
    std::int64_t m_start = 0, m_end = 0;
    QTemporaryDir m_dir;
    int m_cases = 0;
    ImporterRegistry m_importers;
};

void PrometheusTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_prometheus.start(20'000), qPrintable(m_prometheus.error()));
    // 12 scrapes: a 10 s window in the past that is full of samples.
    QVERIFY2(m_prometheus.waitForSamples(12, 30'000), qPrintable(m_prometheus.error()));
    // The window ends 2 s ago on a whole second: every scrape stamped inside
    // it has been stored, so the server's answer for it no longer changes.
    m_end = (nowNs() / kSecond - 2) * kSecond;
    m_start = m_end - 10 * kSecond;
}

void PrometheusTest::cleanupTestCase()
{
    m_prometheus.stop();
}

void PrometheusTest::cleanup()
{
    qunsetenv("PERFCASE_PROMETHEUS_TOKEN");
    qunsetenv("PERFCASE_PROMETHEUS_USER");
    qunsetenv("PERFCASE_PROMETHEUS_PASSWORD");
}

std::unique_ptr<CaseFile> PrometheusTest::newCase()
{
    const QString path = m_dir.filePath(QStringLiteral("case%1.perfcase").arg(++m_cases));
    return CaseFile::create(path.toStdString(), "prometheus test", "tester");
}

PrometheusRange PrometheusTest::window(const QString &query, std::int64_t step) const
{
    return {query.toStdString(), m_start, m_end, step};
}

// ---- the step ---------------------------------------------------------------

void PrometheusTest::stepRules_data()
{
    QTest::addColumn<qint64>("width"); // seconds
    QTest::addColumn<int>("pixels");   // 0: the CLI default
    QTest::addColumn<qint64>("expected");
    const qint64 hour = 3600 * kSecond, day = 24 * hour;
    // CLI.md: max(1 s, (end - start) / 1000).
    QTest::newRow("default, empty window") << qint64(0) << 0 << kSecond;
    QTest::newRow("default, 10 min -> 1 s floor") << 600 * kSecond << 0 << kSecond;
    QTest::newRow("default, 1 h -> 3.6 s") << hour << 0 << 3600 * kMs;
    QTest::newRow("default, 1 d -> 86.4 s") << day << 0 << 86'400 * kMs;
    QTest::newRow("default, 7 d -> 604.8 s") << 7 * day << 0 << 604'800 * kMs;
    QTest::newRow("default, 1001 s -> 1.001 s") << 1001 * kSecond << 0 << 1001 * kMs;
    QTest::newRow("default, 1 ns over 1000 s -> rounded up to ms")
        << 1000 * kSecond + 1 << 0 << 1001 * kMs;
    // GUI: max(1 s, width / pixels) rounded up to a whole second.
    QTest::newRow("pixels, 1 h over 1000 px -> 4 s") << hour << 1000 << 4 * kSecond;
    QTest::newRow("pixels, 1 h over 3600 px -> 1 s") << hour << 3600 << kSecond;
    QTest::newRow("pixels, 1 h over 100 px -> 36 s") << hour << 100 << 36 * kSecond;
    QTest::newRow("pixels, 10 min over 1920 px -> 1 s floor") << 600 * kSecond << 1920 << kSecond;
    QTest::newRow("pixels, 1 d over 1920 px -> 45 s") << day << 1920 << 45 * kSecond;
    QTest::newRow("pixels, zero pixels read as one") << hour << 0 << hour;
    // More pixels than Prometheus returns points: ceil(604800 s / 11000) = 55 s.
    QTest::newRow("pixels, 7 d over 100000 px -> 11000-point cap")
        << 7 * day << 100'000 << 55 * kSecond;
}

void PrometheusTest::stepRules()
{
    QFETCH(qint64, width);
    QFETCH(int, pixels);
    QFETCH(qint64, expected);
    const std::int64_t start = 1'700'000'000 * kSecond;
    const bool cli = QByteArray(QTest::currentDataTag()).startsWith("default");
    const std::int64_t step = cli ? PrometheusStep::defaultFor(start, start + width)
                                  : PrometheusStep::forPixels(start, start + width, pixels);
    QCOMPARE(qint64(step), expected);
    QVERIFY(PrometheusStep::check(step, start, start + width).empty());
    QVERIFY(width == 0 || width / step <= PrometheusStep::kMaxPoints);
}

void PrometheusTest::stepParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: refused
    QTest::newRow("15s") << "15s" << 15 * kSecond;
    QTest::newRow("1m") << "1m" << 60 * kSecond;
    QTest::newRow("0.5 seconds") << "0.5" << 500 * kMs;
    QTest::newRow("15 seconds") << "15" << 15 * kSecond;
    QTest::newRow("1h30m") << "1h30m" << 5400 * kSecond;
    QTest::newRow("500ms") << "500ms" << 500 * kMs;
    QTest::newRow("1m30s500ms") << "1m30s500ms" << 90'500 * kMs;
    QTest::newRow("2d") << "2d" << 2 * 86'400 * kSecond;
    QTest::newRow("1w") << "1w" << 7 * 86'400 * kSecond;
    QTest::newRow("1y") << "1y" << 365 * 86'400 * kSecond;
    QTest::newRow(".25") << ".25" << 250 * kMs;
    QTest::newRow("0.001") << "0.001" << kMs;
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("zero") << "0" << qint64(-1);
    QTest::newRow("0s") << "0s" << qint64(-1);
    QTest::newRow("negative") << "-1" << qint64(-1);
    QTest::newRow("fraction with unit") << "1.5h" << qint64(-1);
    QTest::newRow("units out of order") << "30m1h" << qint64(-1);
    QTest::newRow("unit twice") << "1h1h" << qint64(-1);
    QTest::newRow("unknown unit") << "5x" << qint64(-1);
    QTest::newRow("space") << "1 h" << qint64(-1);
    QTest::newRow("no number") << "s" << qint64(-1);
    QTest::newRow("overflow") << "99999999999999999999s" << qint64(-1);
}

void PrometheusTest::stepParse()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto step = PrometheusStep::parse(text.toStdString());
    QCOMPARE(qint64(step.value_or(-1)), expected);
}

void PrometheusTest::stepText_data()
{
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("duration");
    QTest::newRow("15 s") << 15 * kSecond << "15"
                          << "15s";
    QTest::newRow("3.6 s") << 3600 * kMs << "3.6"
                           << "3s600ms";
    QTest::newRow("90 min") << 5400 * kSecond << "5400"
                            << "1h30m";
    QTest::newRow("0.5 s") << 500 * kMs << "0.5"
                           << "500ms";
    QTest::newRow("2 d in hours") << 2 * 86'400 * kSecond << "172800"
                                  << "48h";
    QTest::newRow("sub-ms") << qint64(327'272'728) << "0.327272728"
                            << "0.327272728";
}

void PrometheusTest::stepText()
{
    QFETCH(qint64, step);
    QFETCH(QString, api);
    QFETCH(QString, duration);
    QCOMPARE(QString::fromStdString(PrometheusStep::apiText(step)), api);
    QCOMPARE(QString::fromStdString(PrometheusStep::durationText(step)), duration);
    // What we print can be given back to --step.
    QCOMPARE(qint64(PrometheusStep::parse(duration.toStdString()).value_or(-1)), step);
    QCOMPARE(qint64(PrometheusStep::parse(api.toStdString()).value_or(-1)), step);
}

void PrometheusTest::defaultName_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short") << "up"
                           << "up";
    QTest::newRow("spaces collapsed") << "  sum by (pod)\n\t(rate(x[5m]))  "
                                      << "sum by (pod) (rate(x[5m]))";
    QTest::newRow("long") << QString(QStringLiteral("a").repeated(100))
                          << QString(QStringLiteral("a").repeated(60) + QStringLiteral("..."));
    QTest::newRow("utf-8 not cut")
        << QString(QStringLiteral("a").repeated(59) + QStringLiteral("é").repeated(5))
        << QString(QStringLiteral("a").repeated(59) + QStringLiteral("..."));
}

void PrometheusTest::defaultName()
{
    QFETCH(QString, query);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(PrometheusCollector::defaultName(query.toStdString())),
             expected);
}

void PrometheusTest::noSeriesBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("empty");
    QTest::newRow("compact empty")
        << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[]}})") << true;
    QTest::newRow("spaced empty")
        << QByteArray("{\"status\": \"success\", \"data\": {\"resultType\": \"matrix\",\n"
                      " \"result\" : [ \n ] }}")
        << true;
    QTest::newRow("one series") << kMatrix << false;
    QTest::newRow("label named result")
        << QByteArray(
               R"({"data":{"resultType":"matrix","result":[{"metric":{"result":"x"},"values":[]}]}})")
        << false;
}

void PrometheusTest::noSeriesBody()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, empty);
    QCOMPARE(PrometheusCollector::hasNoSeries(body.toStdString()), empty);
}

void PrometheusTest::baseUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("target"); // empty: refused
    QTest::newRow("http") << "http://127.0.0.1:9090"
                          << "http://127.0.0.1:9090";
    QTest::newRow("https with prefix") << "https://prom.example.com/prometheus/"
                                       << "https://prom.example.com/prometheus";
    QTest::newRow("ftp") << "ftp://prom.example.com"
                         << "";
    QTest::newRow("no scheme") << "prom.example.com:9090"
                               << "";
    QTest::newRow("no host") << "http://"
                             << "";
    QTest::newRow("credentials") << "http://ops:s3cretPw@prom.example.com"
                                 << "";
    QTest::newRow("query") << "http://prom.example.com/?x=1"
                           << "";
}

void PrometheusTest::baseUrl()
{
    QFETCH(QString, text);
    QFETCH(QString, target);
    std::string error;
    const QUrl url = PrometheusClient::parseBaseUrl(text, error);
    if (target.isEmpty()) {
        QVERIFY(url.isEmpty());
        QVERIFY(!error.empty());
        QVERIFY2(error.find("s3cretPw") == std::string::npos, error.c_str());
        return;
    }
    QVERIFY2(error.empty(), error.c_str());
    QCOMPARE(QString::fromStdString(PrometheusClient(url).target()), target);
}

// ---- against the real server --------------------------------------------------

void PrometheusTest::rangeMatchesApi_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<qint64>("step");
    QTest::newRow("up") << "up" << kSecond;
    QTest::newRow("rate over 5s") << "rate(prometheus_http_requests_total[5s])" << kSecond;
    QTest::newRow("sum by handler")
        << "sum by (handler) (prometheus_http_requests_total)" << 2 * kSecond;
    // '+' must reach the server as a plus, not as a form-encoded space.
    QTest::newRow("plus, no metric name") << "up + 1" << kSecond;
    QTest::newRow("half-second step") << "prometheus_tsdb_head_series" << 500 * kMs;
    QTest::newRow("regex matcher")
        << R"(prometheus_http_requests_total{handler=~"/api/.+"})" << 3 * kSecond;
}

void PrometheusTest::rangeMatchesApi()
{
    QFETCH(QString, query);
    QFETCH(qint64, step);
    const PrometheusProcess::Answer answer = m_prometheus.get(
        QStringLiteral("/api/v1/query_range"),
        QUrlQuery{{QStringLiteral("query"), query},
                  {QStringLiteral("start"), seconds(m_start)},
                  {QStringLiteral("end"), seconds(m_end)},
                  {QStringLiteral("step"), QString::number(double(step) / kSecond)}});
    QCOMPARE(answer.status, 200);
    const SeriesMap expected = expectedSeries(answer.json, query);
    QVERIFY2(!expected.empty(), "the query should match series in the window");
    qint64 total = 0;
    for (const auto &[name, series] : expected)
        total += series.count;

    auto file = newCase();
    const PrometheusClient client(m_prometheus.url());
    PrometheusCollector collector(client, *file, m_importers);
    CancelToken token;
    const PrometheusOutcome outcome = collector.collect(window(query, step), "", token);
    QVERIFY2(outcome.imported(), outcome.import.error.c_str());
    QCOMPARE(qint64(outcome.import.records), total);
    QCOMPARE(qint64(outcome.import.rejected), qint64(0));
    QCOMPARE(outcome.httpStatus, 200);
    QVERIFY(outcome.collectedAt >= m_end);

    const SeriesMap stored = storedSeries(*file, outcome.import.sourceId);
    QCOMPARE(stored.size(), expected.size());
    for (const auto &[name, series] : expected) {
        const auto found = stored.find(name);
        QVERIFY2(found != stored.end(), qPrintable(QStringLiteral("no track ") + name));
        QCOMPARE(found->second.count, series.count);
        QCOMPARE(found->second.first, series.first);
        QVERIFY2(std::abs(found->second.sum - series.sum) <=
                     1e-9 * std::max(1.0, std::abs(series.sum)),
                 qPrintable(name));
    }

    // Provenance: the URL and the command, readable and without secrets.
    Statement source =
        file->db().prepare("SELECT name, origin, format, kind FROM sources WHERE id = ?");
    source.bind(1, outcome.import.sourceId);
    QVERIFY(source.step());
    QCOMPARE(QString::fromStdString(source.text(0)),
             QString::fromStdString(PrometheusCollector::defaultName(query.toStdString())));
    const QString origin = QString::fromStdString(source.text(1));
    QCOMPARE(origin, m_prometheus.url().toString() + QStringLiteral(": ") +
                         QString::fromStdString(outcome.command));
    QVERIFY2(origin.contains(QStringLiteral("query_range query=")) &&
                 origin.contains(QStringLiteral("start=") +
                                 QString::fromStdString(formatRfc3339(m_start))) &&
                 origin.contains(QStringLiteral("step=")),
             qPrintable(origin));
    QCOMPARE(QString::fromStdString(source.text(2)), QStringLiteral("prometheus-json"));
    QCOMPARE(QString::fromStdString(source.text(3)), QStringLiteral("metrics"));
    // The answer is kept: Prometheus' bytes after the added "query" member.
    Statement blob =
        file->db().prepare("SELECT data FROM blobs WHERE source_id = ? AND name = 'stdout'");
    blob.bind(1, outcome.import.sourceId);
    QVERIFY(blob.step());
    const QJsonObject kept = QJsonDocument::fromJson(gunzip(blob.blob(0))).object();
    QCOMPARE(kept.value(QLatin1String("query")).toString(), query);
    QCOMPARE(kept.value(QLatin1String("data")).toObject().value(QLatin1String("result")),
             answer.json.value(QLatin1String("data")).toObject().value(QLatin1String("result")));
}

void PrometheusTest::prometheusError_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("unclosed brace") << "up{";
    QTest::newRow("unclosed parenthesis") << "rate(up[5s]";
    QTest::newRow("unknown function") << "no_such_function(up)";
    QTest::newRow("instant vector to rate") << "rate(up)";
    QTest::newRow("junk") << "up up";
}

void PrometheusTest::prometheusError()
{
    QFETCH(QString, query);
    const PrometheusProcess::Answer answer =
        m_prometheus.get(QStringLiteral("/api/v1/query_range"),
                         QUrlQuery{{QStringLiteral("query"), query},
                                   {QStringLiteral("start"), seconds(m_start)},
                                   {QStringLiteral("end"), seconds(m_end)},
                                   {QStringLiteral("step"), QStringLiteral("1")}});
    QCOMPARE(answer.json.value(QLatin1String("status")).toString(), QStringLiteral("error"));
    const QString said = answer.json.value(QLatin1String("errorType")).toString() +
                         QStringLiteral(": ") +
                         answer.json.value(QLatin1String("error")).toString();

    auto file = newCase();
    const PrometheusClient client(m_prometheus.url());
    PrometheusCollector collector(client, *file, m_importers);
    CancelToken token;
    const PrometheusOutcome outcome = collector.collect(window(query, kSecond), "", token);
    QVERIFY(!outcome.imported());
    QCOMPARE(QString::fromStdString(outcome.import.error), said);
    QCOMPARE(outcome.httpStatus, answer.status);
    QCOMPARE(sourceCount(*file), qint64(0));
}

void PrometheusTest::maximumResolution_data()
{
    QTest::addColumn<qint64>("width");
    QTest::newRow("110 s") << 110 * kSecond;
    QTest::newRow("1 h") << 3600 * kSecond;
    QTest::newRow("7 d") << 7 * 86'400 * kSecond;
}

// PrometheusStep::minimum keeps within the server's own limit (it answers),
// and the limit is 11,000 points: at 11,002 it refuses, and so does check().
void PrometheusTest::maximumResolution()
{
    QFETCH(qint64, width);
    const PrometheusClient client(m_prometheus.url());
    CancelToken token;
    const std::int64_t start = m_end - width;
    const std::int64_t minimum = PrometheusStep::minimum(start, m_end);
    const PrometheusResponse fine = client.queryRange({"up", start, m_end, minimum}, token);
    QVERIFY2(fine.ok(), fine.error.c_str());
    QVERIFY(PrometheusStep::check(minimum, start, m_end).empty());

    const std::int64_t tooFineStep = width / (PrometheusStep::kMaxPoints + 2);
    const PrometheusResponse tooFine = client.queryRange({"up", start, m_end, tooFineStep}, token);
    QVERIFY(!tooFine.ok());
    QVERIFY2(QString::fromStdString(tooFine.error)
                 .startsWith(QStringLiteral("bad_data: exceeded maximum resolution of 11,000")),
             tooFine.error.c_str());
    QVERIFY(!PrometheusStep::check(tooFineStep, start, m_end).empty());
}

void PrometheusTest::noSeries()
{
    auto file = newCase();
    const PrometheusClient client(m_prometheus.url());
    PrometheusCollector collector(client, *file, m_importers);
    CancelToken token;
    const PrometheusOutcome outcome = collector.collect(
        window(QStringLiteral("perfcase_no_such_metric{job=\"x\"}"), kSecond), "", token);
    QVERIFY(!outcome.imported());
    QVERIFY2(outcome.import.error.find("no series matched") == 0 &&
                 outcome.import.error.find("perfcase_no_such_metric") != std::string::npos,
             outcome.import.error.c_str());
    QCOMPARE(sourceCount(*file), qint64(0));
}

// The bundled playbooks' suggested queries are PromQL the real server
// accepts (parses and evaluates; this one has none of their metrics, so the
// answers hold no series).
void PrometheusTest::playbookQueriesParse_data()
{
    QTest::addColumn<QString>("promql");
    PlaybookCatalog catalog;
    int rows = 0;
    for (const auto &playbook : catalog.playbooks()) {
        if (!playbook.builtin) continue;
        for (const auto &query :
             CollectPlan::queries(playbook, {{"namespace", "shop"}, {"deployment", "api"}})) {
            QTest::addRow("%s/%s", playbook.id.c_str(), query.id.c_str())
                << QString::fromStdString(query.promql);
            ++rows;
        }
    }
    QVERIFY(rows >= 10);
}

void PrometheusTest::playbookQueriesParse()
{
    QFETCH(QString, promql);
    const PrometheusClient client(m_prometheus.url());
    CancelToken token;
    const PrometheusResponse response = client.queryRange(window(promql, kSecond), token);
    QVERIFY2(response.ok(), response.error.c_str());
    QVERIFY(PrometheusCollector::hasNoSeries(response.body));
}

void PrometheusTest::connectionRefused()
{
    const quint16 port = closedPort();
    QVERIFY(port);
    const PrometheusClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    CancelToken token;
    QElapsedTimer timer;
    timer.start();
    const PrometheusResponse response =
        client.queryRange(window(QStringLiteral("up"), kSecond), token);
    QVERIFY(timer.elapsed() < 5000);
    QCOMPARE(response.httpStatus, 0);
    QCOMPARE(QString::fromStdString(response.error), QStringLiteral("Connection refused"));
}

void PrometheusTest::httpError_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("proxy page") << 502 << QByteArray("<html><body>\n  Bad gateway\n</body></html>")
                                << "HTTP 502 Error: <html><body> Bad gateway </body></html>";
    QTest::newRow("empty 404") << 404 << QByteArray() << "HTTP 404 Error";
    QTest::newRow("prometheus 422")
        << 422
        << QByteArray(R"({"status":"error","errorType":"execution","error":"query timed out"})")
        << "execution: query timed out";
    QTest::newRow("prometheus 503")
        << 503 << QByteArray(R"({"status":"error","errorType":"unavailable","error":"x"})")
        << "unavailable: x";
}

void PrometheusTest::httpError()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.answer(status, body);
    const PrometheusClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
    CancelToken token;
    const PrometheusResponse response =
        client.queryRange(window(QStringLiteral("up"), kSecond), token);
    QCOMPARE(response.httpStatus, status);
    QCOMPARE(QString::fromStdString(response.error), expected);
}

void PrometheusTest::credentials_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("header");
    const QByteArray token = "tok-5ecret-ABC123xyz", user = "alice", password = "pa55-w0rd-XYZ987";
    const QByteArray basic = "Basic " + QByteArray(user + ':' + password).toBase64();
    QTest::newRow("bearer") << token << QByteArray() << QByteArray() << "Bearer " + token;
    QTest::newRow("basic") << QByteArray() << user << password << basic;
    QTest::newRow("token wins") << token << user << password << "Bearer " + token;
    QTest::newRow("none") << QByteArray() << QByteArray() << QByteArray() << QByteArray();
}

void PrometheusTest::credentials()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, user);
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, header);
    if (!token.isEmpty()) qputenv("PERFCASE_PROMETHEUS_TOKEN", token);
    if (!user.isEmpty()) qputenv("PERFCASE_PROMETHEUS_USER", user);
    if (!password.isEmpty()) qputenv("PERFCASE_PROMETHEUS_PASSWORD", password);
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.answer(200, kMatrix);
    auto file = newCase();
    const PrometheusClient client(
        QUrl(QStringLiteral("http://127.0.0.1:%1/prom").arg(server.port())));
    PrometheusCollector collector(client, *file, m_importers);
    CancelToken cancel;
    const PrometheusOutcome outcome =
        collector.collect(window(QStringLiteral("up + 1"), kSecond), "up", cancel);
    QVERIFY2(outcome.imported(), outcome.import.error.c_str());
    QCOMPARE(qint64(outcome.import.records), qint64(2));

    QCOMPARE(int(server.requests().size()), 1);
    const FakeHttpServer::Request &request = server.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/prom/api/v1/query_range"));
    QCOMPARE(request.header("authorization"), header);
    QCOMPARE(request.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY2(request.body.startsWith(
                 QByteArray("query=up%20%2B%201&start=" + seconds(m_start).toLatin1() +
                            "&end=" + seconds(m_end).toLatin1() + "&step=1")),
             request.body.constData());

    // Sent, and nowhere in the case: not the origin, not a blob, not a page.
    const QByteArray everything = everyByte(*file);
    QVERIFY(everything.contains("query_range query='up + 1'"));
    for (const QByteArray &secret : {token, password, header.mid(header.indexOf(' ') + 1)})
        if (!secret.isEmpty()) QVERIFY2(!everything.contains(secret), secret.constData());
}

void PrometheusTest::cancel()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setSilent(true);
    auto file = newCase();
    const PrometheusClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
    PrometheusCollector collector(client, *file, m_importers);
    CancelToken token;
    QTimer::singleShot(300, [&token] { token.cancel(); });
    QElapsedTimer timer;
    timer.start();
    bool cancelled = false;
    try {
        collector.collect(window(QStringLiteral("up"), kSecond), "", token);
    } catch (const Cancelled &) {
        cancelled = true;
    }
    QVERIFY(cancelled);
    QVERIFY2(timer.elapsed() >= 250 && timer.elapsed() < 2000,
             qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(int(server.requests().size()), 1); // it was asked, then abandoned
    QCOMPARE(sourceCount(*file), qint64(0));
}

void PrometheusTest::timeout()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setSilent(true);
    PrometheusClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
    client.setTimeout(std::chrono::milliseconds(500));
    CancelToken token;
    QElapsedTimer timer;
    timer.start();
    const PrometheusResponse response =
        client.queryRange(window(QStringLiteral("up"), kSecond), token);
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(QString::fromStdString(response.error),
             QStringLiteral("no answer from http://127.0.0.1:%1 within 0.5 s").arg(server.port()));
}

void PrometheusTest::responseCap()
{
    PrometheusClient client(m_prometheus.url());
    client.setMaxBytes(200);
    CancelToken token;
    const PrometheusResponse response =
        client.queryRange(window(QStringLiteral("prometheus_http_requests_total"), kSecond), token);
    QVERIFY(!response.ok());
    QVERIFY(response.body.empty());
    QVERIFY2(response.error.find("larger than 200 bytes") != std::string::npos,
             response.error.c_str());
}

// The GUI runs collectors on a worker thread: no event loop there but ours.
void PrometheusTest::workerThread()
{
    const PrometheusClient client(m_prometheus.url());
    PrometheusResponse response;
    CancelToken token;
    const PrometheusRange range = window(QStringLiteral("up"), kSecond);
    std::unique_ptr<QThread> thread(
        QThread::create([&] { response = client.queryRange(range, token); }));
    thread->start();
    QVERIFY(thread->wait(15'000));
    QVERIFY2(response.ok(), response.error.c_str());
    QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(response.body))
                 .object()
                 .value(QLatin1String("data"))
                 .toObject()
                 .value(QLatin1String("resultType"))
                 .toString(),
             QStringLiteral("matrix"));
}

// ---- the command line ---------------------------------------------------------

CliRun PrometheusTest::cli(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    if (!environment.isEmpty()) process.setProcessEnvironment(environment);
    process.start(QStringLiteral(PERFCASE_BINARY), arguments);
    if (!process.waitForStarted(10'000)) return {};
    // Spun here rather than waitForFinished: a FakeHttpServer lives in this
    // thread's event loop.
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < 60'000)
        QTest::qWait(20);
    process.waitForFinished(1000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

void PrometheusTest::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments"); // after CASE; {url} {start} {end} {refused}
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");
    const QStringList window = list({"--start", "{start}", "--end", "{end}"});
    QTest::newRow("imported") << list({"--url", "{url}", "--query", "up"}) + window << 0 << "";
    QTest::newRow("imported with step and name")
        << list({"--url", "{url}", "--query", "up", "--step", "2s", "--name", "up 2s"}) + window
        << 0 << "";
    QTest::newRow("missing --url") << list({"--query", "up"}) + window << 2 << "--url is required";
    QTest::newRow("missing --end") << list({"--url", "{url}", "--query", "up", "--start", "now-1h"})
                                   << 2 << "--end is required";
    QTest::newRow("bad time") << list({"--url", "{url}", "--query", "up", "--start", "yesterday",
                                       "--end", "now"})
                              << 2 << "--start takes";
    QTest::newRow("end before start")
        << list({"--url", "{url}", "--query", "up", "--start", "now", "--end", "now-1h"}) << 2
        << "--end is before --start";
    QTest::newRow("bad step") << list({"--url", "{url}", "--query", "up", "--step", "1x"}) + window
                              << 2 << "--step takes";
    QTest::newRow("step over 11000 points") << list({"--url", "{url}", "--query", "up", "--start",
                                                     "now-1h", "--end", "now", "--step", "100ms"})
                                            << 2 << "at least 328ms";
    QTest::newRow("credentials in url")
        << list({"--url", "http://ops:s3cretPw@127.0.0.1:1", "--query", "up"}) + window << 2
        << "must not hold credentials";
    QTest::newRow("unknown option")
        << list({"--url", "{url}", "--query", "up", "--bogus"}) + window << 2 << "bogus";
    QTest::newRow("missing case") << list({"--url", "{url}", "--query", "up", "{nocase}"}) + window
                                  << 4 << "";
    QTest::newRow("bad PromQL") << list({"--url", "{url}", "--query", "up{"}) + window << 5
                                << "bad_data: ";
    QTest::newRow("no series") << list({"--url", "{url}", "--query", "perfcase_absent"}) + window
                               << 5 << "no series matched perfcase_absent";
    QTest::newRow("connection refused")
        << list({"--url", "{refused}", "--query", "up"}) + window << 5 << "Connection refused";
}

void PrometheusTest::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    QString casePath = m_dir.filePath(QStringLiteral("cli%1.perfcase").arg(++m_cases));
    CaseFile::create(casePath.toStdString(), "cli", "tester");
    const int missing = int(arguments.indexOf(QStringLiteral("{nocase}")));
    if (missing >= 0) {
        arguments.removeAt(missing);
        casePath = m_dir.filePath(QStringLiteral("absent.perfcase"));
    }
    for (QString &argument : arguments) {
        argument.replace(QStringLiteral("{url}"), m_prometheus.url().toString());
        argument.replace(QStringLiteral("{start}"), seconds(m_start));
        argument.replace(QStringLiteral("{end}"), seconds(m_end));
        argument.replace(QStringLiteral("{refused}"),
                         QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
    }
    const CliRun run = cli(QStringList{QStringLiteral("prometheus"), casePath} + arguments);
    QVERIFY2(run.exitCode == exitCode, run.err.constData());
    QVERIFY2(run.err.contains(stderrHas.toUtf8()), run.err.constData());
    QVERIFY2(!run.err.contains("s3cretPw"), run.err.constData());
    if (exitCode == 0) {
        QVERIFY2(run.out.startsWith("imported "), run.out.constData());
        auto file = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
        QCOMPARE(sourceCount(*file), qint64(1));
    }
}

void PrometheusTest::commandLineJson()
{
    const QString casePath = m_dir.filePath(QStringLiteral("json.perfcase"));
    CaseFile::create(casePath.toStdString(), "cli", "tester");
    const QString url = m_prometheus.url().toString();
    const QString query = QStringLiteral("rate(prometheus_http_requests_total[5s])");
    const CliRun run = cli({QStringLiteral("prometheus"), casePath, QStringLiteral("--url"), url,
                            QStringLiteral("--query"), query, QStringLiteral("--start"),
                            QString::fromStdString(formatRfc3339(m_start)), QStringLiteral("--end"),
                            seconds(m_end), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(int(run.out.count('\n')), 1);
    const QJsonObject line = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(line.value(QLatin1String("status")).toString(), QStringLiteral("imported"));
    QCOMPARE(line.value(QLatin1String("format")).toString(), QStringLiteral("prometheus-json"));
    QCOMPARE(line.value(QLatin1String("kind")).toString(), QStringLiteral("metrics"));
    QCOMPARE(line.value(QLatin1String("path")).toString(), query);
    QCOMPARE(line.value(QLatin1String("target")).toString(), url);
    QCOMPARE(line.value(QLatin1String("command")).toString(),
             QStringLiteral("query_range query='%1' start=%2 end=%3 step=1s")
                 .arg(query, QString::fromStdString(formatRfc3339(m_start)),
                      QString::fromStdString(formatRfc3339(m_end))));
    QVERIFY(line.value(QLatin1String("source_id")).toInteger() > 0);
    QVERIFY(line.value(QLatin1String("collected_at_ns")).toInteger() >= m_end);
    QCOMPARE(line.value(QLatin1String("collected_at")).toString(),
             QString::fromStdString(
                 formatRfc3339(line.value(QLatin1String("collected_at_ns")).toInteger())));

    // The same records the server gives for the query.
    const PrometheusProcess::Answer answer =
        m_prometheus.get(QStringLiteral("/api/v1/query_range"),
                         QUrlQuery{{QStringLiteral("query"), query},
                                   {QStringLiteral("start"), seconds(m_start)},
                                   {QStringLiteral("end"), seconds(m_end)},
                                   {QStringLiteral("step"), QStringLiteral("1")}});
    qint64 total = 0;
    for (const auto &[name, series] : expectedSeries(answer.json, query))
        total += series.count;
    QCOMPARE(line.value(QLatin1String("records")).toInteger(), total);
}

void PrometheusTest::commandLineCredentials()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.answer(200, kMatrix);
    const QString casePath = m_dir.filePath(QStringLiteral("secret.perfcase"));
    CaseFile::create(casePath.toStdString(), "cli", "tester");
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PERFCASE_PROMETHEUS_USER"), QStringLiteral("bob"));
    environment.insert(QStringLiteral("PERFCASE_PROMETHEUS_PASSWORD"),
                       QStringLiteral("hunter2-Zq9"));
    const CliRun run =
        cli({QStringLiteral("prometheus"), casePath, QStringLiteral("--url"),
             QStringLiteral("http://127.0.0.1:%1").arg(server.port()), QStringLiteral("--query"),
             QStringLiteral("up"), QStringLiteral("--start"), seconds(m_start),
             QStringLiteral("--end"), seconds(m_end)},
            environment);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(int(server.requests().size()), 1);
    QCOMPARE(server.requests().first().header("authorization"),
             "Basic " + QByteArray("bob:hunter2-Zq9").toBase64());
    auto file = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadWrite);
    const QByteArray everything = everyByte(*file);
    QVERIFY(!everything.contains("hunter2-Zq9"));
    QVERIFY(!everything.contains(QByteArray("bob:hunter2-Zq9").toBase64()));
}

void PrometheusTest::commandLineInterrupt()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setSilent(true);
    const QString casePath = m_dir.filePath(QStringLiteral("interrupted.perfcase"));
    CaseFile::create(casePath.toStdString(), "cli", "tester");
    QProcess process;
    process.start(QStringLiteral(PERFCASE_BINARY),
                  {QStringLiteral("prometheus"), casePath, QStringLiteral("--url"),
                   QStringLiteral("http://127.0.0.1:%1").arg(server.port()),
                   QStringLiteral("--query"), QStringLiteral("up"), QStringLiteral("--start"),
                   seconds(m_start), QStringLiteral("--end"), seconds(m_end)});
    QVERIFY(process.waitForStarted(10'000));
    QTRY_COMPARE_WITH_TIMEOUT(int(server.requests().size()), 1, 10'000);
    ::kill(pid_t(process.processId()), SIGINT);
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 5000);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    auto file = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
    QCOMPARE(sourceCount(*file), qint64(0));
}

QTEST_GUILESS_MAIN(PrometheusTest)
#include "tst_prometheus.moc"
