// Clock alignment by anchors: the same requests in a monotonic trace and in
// wall-clock sources vote for the offset.
#include "CaseFile.h"
#include "ClockAligner.h"
#include "SourceWriter.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace perfcase;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kWall = 1'795'168'800'000'000'000; // 2026-11-20T10:00:00Z

struct Request
{
    std::int64_t ts;
    const char *method;
    std::string url;
};

std::int64_t addSource(CaseFile &file, const char *format, const char *clockDomain,
                       const char *track, const std::vector<Request> &requests)
{
    SourceSpec spec;
    spec.kind = std::string(format) == "chrome-trace" ? "trace" : "har";
    spec.name = format;
    spec.origin = format;
    spec.format = format;
    spec.clockDomain = clockDomain;
    SourceWriter writer(file.db(), spec);
    const std::int64_t id = writer.sourceId();
    const std::int64_t t = writer.addTrack("slice", track, "ns");
    for (const Request &r : requests)
        writer.addSlice(t, r.ts, 5 * kMs, std::string(r.method) + " " + r.url, "http", 0,
                        std::string(R"({"method":")") + r.method + R"(","url":")" + r.url + "\"}");
    SourceSummary summary;
    summary.records = std::int64_t(requests.size());
    summary.sha256 = format;
    summary.dedupKey = format;
    summary.clockDomain = clockDomain;
    writer.finish(summary);
    return id;
}

} // namespace

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alignsByAnchors_data()
    {
        QTest::addColumn<QString>("reference");    // har | access
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("jitterMs");          // reference times scatter this much
        QTest::addColumn<bool>("aligned");
        QTest::addColumn<qint64>("toleranceMs");
        QTest::newRow("HAR, 40 requests, 3 ms jitter") << QStringLiteral("har") << 40 << 3 << true << qint64(3);
        QTest::newRow("access log, 1 s precision") << QStringLiteral("access") << 30 << 0 << true << qint64(1000);
        QTest::newRow("too few requests") << QStringLiteral("har") << 2 << 1 << false << qint64(0);
    }
    void alignsByAnchors()
    {
        QFETCH(QString, reference);
        QFETCH(int, requests);
        QFETCH(int, jitterMs);
        QFETCH(bool, aligned);
        QFETCH(qint64, toleranceMs);
        QTemporaryDir dir;
        auto file = CaseFile::create(dir.filePath(QStringLiteral("c.perfcase")).toStdString(), "t", "me");
        // The trace: monotonic µs since boot, requests every ~250 ms.
        const std::int64_t boot = 114'479'089'337'000; // raw ns of the first request
        const std::int64_t trueOffset = kWall - boot;
        QRandomGenerator random(7);
        std::vector<Request> trace, wall;
        for (int i = 0; i < requests; ++i) {
            std::string url = "https://app.example.test/api/tables/42/rows?offset=" + std::to_string(i * 100);
            std::int64_t raw = boot + i * 250 * kMs + std::int64_t(random.bounded(50)) * kMs;
            trace.push_back({raw, "GET", url});
            std::int64_t when = raw + trueOffset + (jitterMs ? std::int64_t(random.bounded(2 * jitterMs + 1) - jitterMs) * kMs : 0);
            if (reference == QLatin1String("access")) // access logs keep whole seconds and the path only
                wall.push_back({when / 1'000'000'000 * 1'000'000'000, "GET", url.substr(url.find("/api"))});
            else
                wall.push_back({when, "GET", url});
        }
        // Noise: requests the trace never made.
        wall.push_back({kWall + 9'000 * kMs, "POST", "/api/login"});
        const std::int64_t traceId = addSource(*file, "chrome-trace", "monotonic", "browser.network_requests", trace);
        addSource(*file, reference == QLatin1String("har") ? "har" : "access-combined", "wall", "http.requests", wall);

        auto applied = ClockAligner::alignUnaligned(file->db(), "tester");
        Statement source = file->db().prepare(
            "SELECT clock_offset_ns, clock_origin, clock_residual_ns FROM sources WHERE id = ?");
        source.bind(1, traceId);
        QVERIFY(source.step());
        if (!aligned) {
            QVERIFY(applied.empty());
            QCOMPARE(source.text(1), std::string("none"));
            QCOMPARE(source.int64(0), std::int64_t(0));
            return;
        }
        QCOMPARE(applied.size(), std::size_t(1));
        QCOMPARE(source.text(1), std::string("anchor"));
        const std::int64_t error = std::llabs(source.int64(0) - trueOffset);
        QVERIFY2(error <= toleranceMs * kMs, qPrintable(QStringLiteral("off by %1 ms").arg(error / kMs)));
        QVERIFY(!source.isNull(2));
        QVERIFY(source.int64(2) <= std::max<std::int64_t>(toleranceMs, 1) * kMs);
        QVERIFY(applied[0].matches >= requests * 9 / 10);
        // The change is on record, and the views now show wall-clock times.
        QCOMPARE(file->db().scalarInt("SELECT count(*) FROM clock_changes WHERE origin = 'anchor'"), std::int64_t(1));
        Statement first = file->db().prepare("SELECT first_ts FROM v_sources WHERE id = ?");
        first.bind(1, traceId);
        QVERIFY(first.step());
        QVERIFY(std::llabs(first.int64(0) - kWall) < 60 * kMs + toleranceMs * kMs);
        // Aligned sources are not aligned again.
        QVERIFY(ClockAligner::alignUnaligned(file->db(), "tester").empty());
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
