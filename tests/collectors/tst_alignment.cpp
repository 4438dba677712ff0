// End to end: a real recorded Chrome trace (whose metadata gives only a
// 1-second wall time) and the HAR of the same run. The anchor aligner must
// put the trace on the wall clock as the browser itself did: the truth is
// recording/table-lag.clock.json, the CDP timestamps (monotonic and wall) of
// each request, captured in the same run.
#include "ImportTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

using namespace perfcase;
using namespace perfcase::testing;

class TestAlignment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alignsRecordedTraceWithItsHar_data()
    {
        QTest::addColumn<bool>("harFirst");
        QTest::newRow("trace, then HAR") << false;
        QTest::newRow("HAR, then trace") << true;
    }
    void alignsRecordedTraceWithItsHar()
    {
        QFETCH(bool, harFirst);
        const QString dir = QStringLiteral(PERFCASE_FIXTURES "/recording/");
        // The truth: the median of wall - monotonic over the CDP anchors.
        QFile clock(dir + QStringLiteral("table-lag.clock.json"));
        QVERIFY(clock.open(QIODevice::ReadOnly));
        std::vector<double> offsets;
        for (const QJsonValue &anchor : QJsonDocument::fromJson(clock.readAll())
                                            .object()
                                            .value(QStringLiteral("anchors"))
                                            .toArray()) {
            const QJsonObject a = anchor.toObject();
            offsets.push_back(a.value(QStringLiteral("wall_s")).toDouble() -
                              a.value(QStringLiteral("monotonic_s")).toDouble());
        }
        QVERIFY(offsets.size() >= 5);
        std::nth_element(offsets.begin(), offsets.begin() + long(offsets.size() / 2),
                         offsets.end());
        const double truthSeconds = offsets[offsets.size() / 2];

        TempCase c;
        const std::string trace =
            QString(dir + QStringLiteral("table-lag.trace.json.gz")).toStdString();
        const std::string har = QString(dir + QStringLiteral("table-lag.har")).toStdString();
        ImportBatch::Summary summary;
        auto outcomes = c.run(harFirst ? std::vector<std::string>{har, trace}
                                       : std::vector<std::string>{trace, har},
                              {}, &summary);
        QCOMPARE(outcomes.size(), std::size_t(2));
        for (const ImportOutcome &o : outcomes)
            QCOMPARE(QString::fromLatin1(statusText(o.status)), QStringLiteral("imported"));
        QCOMPARE(summary.aligned.size(), std::size_t(1));

        Statement source = c.db().prepare("SELECT clock_origin, clock_offset_ns, clock_residual_ns "
                                          "FROM sources WHERE format = 'chrome-trace'");
        QVERIFY(source.step());
        QCOMPARE(source.text(0), std::string("anchor"));
        const double errorMs = std::abs(double(source.int64(1)) / 1e9 - truthSeconds) * 1e3;
        QVERIFY2(errorMs < 5, qPrintable(QStringLiteral("off by %1 ms").arg(errorMs)));
        // Better than the 1-second metadata it replaced.
        QVERIFY(source.int64(2) < 1'000'000'000);
    }
};

QTEST_GUILESS_MAIN(TestAlignment)
#include "tst_alignment.moc"
