// The whole window as a user sees it, under a real X server (Xvfb): a case
// with every lane kind — a Chrome trace and a HAR (slices, instants), an API
// log (log histogram), metrics (counters) and Kubernetes events (instants) —
// opened by `perfcase --screenshot`, and the image checked for not being
// blank. Needs xvfb-run (packaging/install-deps.sh installs it).
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kBinary = QStringLiteral(PERFCASE_BINARY);
const QString kRecording = QStringLiteral(PERFCASE_FIXTURES "/recording");
// The recording's trace and HAR run from here for about 20 s (UTC).
const qint64 kStart = 1'795'360'371;

QString stamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Inputs for the lanes the recording has not: made here, in the recording's window.
bool writeInputs(const QString &dir)
{
    QByteArray log, metrics = "time,cpu_cores{pod=\"api-1\"},cpu_cores{pod=\"api-2\"}\n", events;
    for (int i = 0; i < 400; ++i) {
        const qint64 ms = kStart * 1000 + i * 50;
        const char *level = i % 17 == 0 ? "ERROR" : i % 5 == 0 ? "WARNING" : "INFO";
        log += stamp(ms).toLatin1() + " 2026-11-22 11:12:51,000 - app.api - " + level +
               " - rows batch " + QByteArray::number(i) + " sent\n";
    }
    for (int s = 0; s <= 20; ++s)
        metrics += QByteArray::number((kStart + s) * 1000) + ',' +
                   QByteArray::number(0.2 + s * 0.04) + ',' + QByteArray::number(0.9 - s * 0.02) +
                   '\n';
    events = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[";
    for (int e = 0; e < 4; ++e) {
        const QByteArray at = stamp((kStart + 3 + e * 4) * 1000).left(19).toLatin1() + 'Z';
        events +=
            QByteArray(e ? "," : "") +
            "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"api." +
            QByteArray::number(e) +
            "\",\"namespace\":\"shop\"},\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"api-1\"}," +
            "\"reason\":\"" + (e % 2 ? "Unhealthy" : "Pulled") + "\",\"message\":\"probe " +
            QByteArray::number(e) + "\",\"type\":\"" + (e % 2 ? "Warning" : "Normal") +
            "\",\"count\":1,\"firstTimestamp\":\"" + at + "\",\"lastTimestamp\":\"" + at + "\"}";
    }
    events += "]}";
    return write(dir + QStringLiteral("/api.log"), log) &&
           write(dir + QStringLiteral("/cpu.csv"), metrics) &&
           write(dir + QStringLiteral("/events.json"), events);
}

int run(const QString &program, const QStringList &arguments, QByteArray *output = nullptr)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    // The window must use Xvfb's display, not the tests' offscreen platform.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(120'000)) return -1;
    if (output) *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

// Distinct colours in a rectangle, counted on a coarse grid (cheap, and
// enough to tell a drawn plot from an empty panel).
int colours(const QImage &image, const QRect &area)
{
    QSet<QRgb> seen;
    for (int y = area.top(); y < area.bottom(); y += 2)
        for (int x = area.left(); x < area.right(); x += 2)
            seen.insert(image.pixel(x, y));
    return int(seen.size());
}

} // namespace

class TestScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLaneKindIsDrawn()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("xvfb-run")).isEmpty())
            QSKIP("xvfb-run is not installed (packaging/install-deps.sh installs it)");
        QTemporaryDir dir;
        QVERIFY(writeInputs(dir.path()));
        const QString casePath = dir.filePath(QStringLiteral("every-lane.perfcase"));
        QByteArray output;
        QCOMPARE(run(kBinary, {QStringLiteral("new"), casePath}, &output), 0);
        const QStringList inputs{
            kRecording + QStringLiteral("/table-lag.trace.json.gz"),
            kRecording + QStringLiteral("/table-lag.har"), dir.filePath(QStringLiteral("api.log")),
            dir.filePath(QStringLiteral("cpu.csv")), dir.filePath(QStringLiteral("events.json"))};
        QVERIFY2(run(kBinary, QStringList{QStringLiteral("import"), casePath} + inputs, &output) ==
                     0,
                 output.constData());
        // Every kind of track is in the case before we look at the picture.
        QVERIFY2(run(kBinary,
                     {QStringLiteral("query"), casePath,
                      QStringLiteral("SELECT DISTINCT kind FROM v_tracks ORDER BY kind")},
                     &output) == 0,
                 output.constData());
        QCOMPARE(output, QByteArray("kind\ncounter\ninstant\nlog\nslice\n"));

        const QString png = dir.filePath(QStringLiteral("window.png"));
        QVERIFY2(run(QStringLiteral("xvfb-run"),
                     {QStringLiteral("-a"), QStringLiteral("-s"),
                      QStringLiteral("-screen 0 1600x1000x24"), kBinary,
                      QStringLiteral("--screenshot"), png, casePath},
                     &output) == 0,
                 output.constData());
        const QImage image(png);
        QVERIFY2(!image.isNull(), "no screenshot written");
        QVERIFY(image.width() > 800 && image.height() > 500);
        if (qEnvironmentVariableIsSet("PERFCASE_KEEP_SCREENSHOT"))
            QFile::copy(png, qEnvironmentVariable("PERFCASE_KEEP_SCREENSHOT"));
        // The upper part holds the timeline's lanes, the lower the log table:
        // both drawn, with many colours (lines, markers, spans, level bars).
        const int upper = colours(image, QRect(0, 0, image.width(), image.height() / 2));
        const int lower =
            colours(image, QRect(0, image.height() / 2, image.width(), image.height() / 2));
        qInfo("distinct colours: upper half %d, lower half %d", upper, lower);
        QVERIFY2(upper >= 24, qPrintable(QStringLiteral("upper half has %1 colours").arg(upper)));
        QVERIFY2(lower >= 8, qPrintable(QStringLiteral("lower half has %1 colours").arg(lower)));
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
