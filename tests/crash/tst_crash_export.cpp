// Crash safety of save (issue 7): `perfcase export CASE -o OUT` and
// `export --share` killed with SIGKILL at random points. The case is never
// written (same bytes after every kill); OUT is absent or a whole case
// (integrity ok, every row of the case); whatever a kill leaves beside OUT
// (OUT.partial, OUT.redacting and their journals) does not break the next
// export to the same OUT, made from the other of two cases so that a stale
// file of the first cannot pass for part of the second.
#include "CrashSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace crash;

namespace {

// Rows per table: what a whole copy of a case holds (a share copy too:
// redaction rewrites text, never removes a row).
QString countsOf(const QString &casePath)
{
    QStringList parts;
    for (const char *table :
         {"sources", "tracks", "logs", "counters", "instants", "slices", "objects", "blobs",
          "import_errors", "checklist", "findings", "annotations", "notes", "log_templates"})
        parts << QStringLiteral("%1=%2").arg(
            QLatin1String(table),
            scalar(casePath, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))));
    return parts.join(u' ');
}

struct Source
{
    QString path, counts;
    QByteArray sha256;
    qint64 exportMs[2] = {0, 0}; // one export, plain and --share
};

} // namespace

class TestCrashExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    Source m_cases[2];

    QStringList exportArguments(const QString &casePath, const QString &out, bool share) const
    {
        QStringList arguments{QStringLiteral("export"), casePath, QStringLiteral("-o"), out};
        if (share) arguments << QStringLiteral("--share");
        return arguments;
    }

    // Files a run left beside OUT.
    QStringList strays(const QString &out) const
    {
        const QFileInfo info(out);
        QStringList found;
        for (const QString &name : QDir(info.absolutePath()).entryList(QDir::Files))
            if (name.startsWith(info.fileName()) && name != info.fileName()) found << name;
        return found;
    }

    QString buildCase(const QString &name, const QStringList &inputs)
    {
        const QString path = m_dir.filePath(name);
        if (cli({QStringLiteral("new"), path}, m_env).exitCode != 0) return {};
        const Run imported = cli(QStringList{QStringLiteral("import"), path} + inputs, m_env);
        if (imported.exitCode != 0) {
            qWarning("%s", imported.err.constData());
            return {};
        }
        const Run checked = cli({QStringLiteral("check"), path, QStringLiteral("--playbook"),
                                 QStringLiteral("import-lag")},
                                m_env);
        return checked.exitCode == 0 ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_dir.isValid());
        m_env = environment(
            {{QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))},
             {QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data"))}});
        const QString fixtures = QStringLiteral(PERFCASE_FIXTURES);
        const QString corpus = QStringLiteral(PERFCASE_CORPUS);
        // Two cases of real data: a larger one (the mixed scenario, the
        // table-lag recording and access and JSON logs from the corpus), and
        // a smaller one.
        m_cases[0].path = buildCase(
            QStringLiteral("large.perfcase"),
            {QStringLiteral(PERFCASE_SCENARIOS "/mixed/"),
             fixtures + QStringLiteral("/recording/table-lag.trace.json.gz"),
             fixtures + QStringLiteral("/recording/table-lag.har"),
             corpus + QStringLiteral("/nginx_access/"), corpus + QStringLiteral("/jsonlines/")});
        m_cases[1].path = buildCase(QStringLiteral("small.perfcase"),
                                    {QStringLiteral(PERFCASE_SCENARIOS "/frontend/")});
        for (Source &source : m_cases) {
            QVERIFY(!source.path.isEmpty());
            const CaseReport report = checkCase(source.path); // and checkpoint
            QVERIFY2(report.problem.isEmpty(), qPrintable(report.problem));
            source.counts = countsOf(source.path);
            source.sha256 = sha256OfFile(source.path);
            qInfo("%s: %lld bytes, %s", qPrintable(QFileInfo(source.path).fileName()),
                  QFileInfo(source.path).size(), qPrintable(source.counts));
        }
        QVERIFY(m_cases[0].counts != m_cases[1].counts);
        const QString out = m_dir.filePath(QStringLiteral("calibrate.perfcase"));
        for (Source &source : m_cases) {
            for (const bool share : {false, true}) {
                const Run run = cli(exportArguments(source.path, out, share), m_env);
                QVERIFY2(run.exitCode == 0, run.err.constData());
                QCOMPARE(countsOf(out), source.counts);
                source.exportMs[share] = run.ms;
                removeCase(out);
            }
            qInfo("one export of %s takes %lld ms, --share %lld ms",
                  qPrintable(QFileInfo(source.path).fileName()), source.exportMs[0],
                  source.exportMs[1]);
        }
        qInfo("set up in %lld ms", clock.elapsed());
    }

    void killNineAtRandomPoints_data()
    {
        QTest::addColumn<bool>("share");
        QTest::addColumn<int>("runs");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("export") << false << 25 << 20261126u;
        QTest::newRow("export --share") << true << 25 << 20261127u;
    }
    void killNineAtRandomPoints()
    {
        QFETCH(bool, share);
        QFETCH(int, runs);
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        const QString out = m_dir.filePath(share ? QStringLiteral("shared.perfcase")
                                                 : QStringLiteral("copy.perfcase"));
        int finished = 0, written = 0, absent = 0, leftStrays = 0;
        QStringList strayNames;
        int run = 0;
        const auto covered = [&] { return absent >= runs / 3 && leftStrays >= runs / 5; };
        for (; killAgain(run, runs, covered()); ++run) {
            const Source &source = m_cases[run % 2];
            const Source &other = m_cases[(run + 1) % 2];
            QFile::remove(out); // OUT, if there after the kill, is this run's
            // Odd runs: as soon as the copy shows beside OUT, whatever
            // start-up costs (three times as much under ASan).
            const auto [killed, delay] = killAtRandomPoint(
                exportArguments(source.path, out, share), m_env, run, random,
                source.exportMs[share], [&] { return !strays(out).isEmpty(); }, 0);
            const QString where = QStringLiteral("run %1 (%2), killed after %3 ms: ")
                                      .arg(run)
                                      .arg(QFileInfo(source.path).fileName())
                                      .arg(delay);
            if (killed.finished) {
                ++finished;
                QVERIFY2(killed.exitCode == 0, qPrintable(where + QString::fromUtf8(killed.err)));
            }
            // The case was only read.
            QVERIFY2(sha256OfFile(source.path) == source.sha256,
                     qPrintable(where + QStringLiteral("case changed")));
            // OUT is all or nothing.
            if (QFile::exists(out)) {
                ++written;
                const CaseReport report = checkCase(out);
                QVERIFY2(report.problem.isEmpty(), qPrintable(where + report.problem));
                QVERIFY2(countsOf(out) == source.counts, qPrintable(where + countsOf(out)));
            } else {
                ++absent;
            }
            const QStringList left = strays(out);
            if (!left.isEmpty()) {
                ++leftStrays;
                for (const QString &name : left)
                    if (!strayNames.contains(name)) strayNames << name;
            }
            // What the kill left does not break the next export to OUT.
            const Run again = cli(exportArguments(other.path, out, share), m_env);
            QVERIFY2(again.exitCode == 0,
                     qPrintable(where + QStringLiteral("the next export failed: ") +
                                QString::fromUtf8(again.err) + QStringLiteral(" (left: ") +
                                left.join(u' ') + u')'));
            if (!left.isEmpty()) {
                const CaseReport report = checkCase(out);
                QVERIFY2(report.problem.isEmpty(),
                         qPrintable(where + QStringLiteral("the next export: ") + report.problem));
            }
            QVERIFY2(countsOf(out) == other.counts,
                     qPrintable(where + QStringLiteral("the next export holds ") + countsOf(out) +
                                QStringLiteral(" instead of ") + other.counts));
            QVERIFY2(sha256OfFile(other.path) == other.sha256,
                     qPrintable(where + QStringLiteral("case changed")));
            QVERIFY2(strays(out).isEmpty(),
                     qPrintable(where + QStringLiteral("a whole export left ") +
                                strays(out).join(u' ')));
            removeCase(out);
        }
        qInfo("%d kills: %d finished first; OUT written %d times, absent %d times; %d kills left "
              "files beside OUT (%s), each cleared by the next export",
              run, finished, written, absent, leftStrays, qPrintable(strayNames.join(u' ')));
        QVERIFY2(absent >= runs / 3, "too few kills landed before OUT was written");
        QVERIFY2(leftStrays >= runs / 5, "too few kills landed while the copy was written");
    }
};

QTEST_GUILESS_MAIN(TestCrashExport)
#include "tst_crash_export.moc"
