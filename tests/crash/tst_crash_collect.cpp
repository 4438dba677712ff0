// Crash safety of collection (issue 7): `perfcase collect --target local`
// with the real kubectl against the Kubernetes API stand-in
// (tests/fixtures/kube-apiserver: no cluster can run here), killed with
// SIGKILL at random points, then with --live sampling. After every kill the
// case opens, integrity_check is ok, each source is whole (exactly what an
// uninterrupted collection stores for it) or absent, no row lost its source,
// and the stored checklist is one whole run. CRASH_VERBOSE=1 prints each
// run.
#include "CrashSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace crash;

namespace {

// The records a source's fingerprint line holds.
qint64 recordsOf(const QString &fingerprint)
{
    static const QRegularExpression records(QStringLiteral(" records=(\\d+) "));
    return records.match(fingerprint).captured(1).toLongLong();
}

QString formatOf(const QString &fingerprint)
{
    return fingerprint.section(u' ', 0, 0);
}

} // namespace

class TestCrashCollect : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    KubeServer m_kube;
    QProcessEnvironment m_env;
    Fingerprints m_golden; // source name -> what a whole collection stores
    qint64 m_sources = 0;  // sources of a whole collection
    qint64 m_collectMs = 0;
    QList<qint64> m_readyMs; // when each source of a collection was ready (ms from start)
    int m_steps = 0;         // steps of the playbook
    int m_case = 0;

    QString m_empty; // an empty case, copied for each run

    QString newCase()
    {
        const QString path = m_dir.filePath(QStringLiteral("case%1.perfcase").arg(++m_case));
        if (m_empty.isEmpty()) {
            const Run made = cli({QStringLiteral("new"), path}, m_env);
            if (made.exitCode != 0) return {};
            m_empty = m_dir.filePath(QStringLiteral("empty.perfcase"));
            checkCase(path); // checkpointed: the file alone is the case
            if (!copyFile(path, m_empty)) return {};
            return path;
        }
        return copyFile(m_empty, path) ? path : QString();
    }

    static QStringList collectArguments(const QString &casePath)
    {
        return {QStringLiteral("collect"),     casePath,
                QStringLiteral("--playbook"),  QStringLiteral("import-lag"),
                QStringLiteral("--target"),    QStringLiteral("local"),
                QStringLiteral("--namespace"), QStringLiteral("shop"),
                QStringLiteral("--param"),     QStringLiteral("deployment=api"),
                QStringLiteral("--since"),     QStringLiteral("2h")};
    }

    // The checklist collect stores at its end: absent, or one whole run.
    QString checklistProblem(const QString &casePath) const
    {
        const QStringList rows = crash::rows(
            casePath, QStringLiteral("SELECT count(*), count(DISTINCT step), "
                                     "count(DISTINCT decided_at) FROM checklist WHERE "
                                     "playbook = 'import-lag' AND user_verdict IS NULL"));
        const QStringList counts = rows.value(0).split(u'|');
        if (counts.value(0) == QStringLiteral("0")) return {};
        if (counts.value(0).toInt() != m_steps || counts.value(1).toInt() != m_steps ||
            counts.value(2) != QStringLiteral("1"))
            return QStringLiteral("checklist of %1 rows, %2 steps, %3 run times (playbook: %4 "
                                  "steps)")
                .arg(counts.value(0), counts.value(1), counts.value(2))
                .arg(m_steps);
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString why = m_kube.start(m_dir.path());
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QDir().mkpath(m_dir.filePath(QStringLiteral("home")));
        m_env = environment(
            {{QStringLiteral("KUBECONFIG"), m_kube.kubeconfig()},
             {QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))},
             {QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data"))}});
        const Run playbooks = cli({QStringLiteral("playbooks"), QStringLiteral("--json")}, m_env);
        QCOMPARE(playbooks.exitCode, 0);
        for (const QJsonValue &playbook : QJsonDocument::fromJson(playbooks.out).array())
            if (playbook[QStringLiteral("id")].toString() == QStringLiteral("import-lag"))
                m_steps = int(playbook[QStringLiteral("steps")].toArray().size());
        QVERIFY(m_steps > 0);

        // The first collection fills kubectl's discovery cache; the second,
        // timed, is what the killed ones would do whole.
        for (int i = 0; i < 2; ++i) {
            const QString casePath = newCase();
            m_readyMs.clear();
            const Run run =
                cliTimed(collectArguments(casePath) << QStringLiteral("--json"), m_env, m_readyMs);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            m_collectMs = run.ms;
            const CaseReport report = checkCase(casePath);
            QVERIFY2(report.problem.isEmpty(), qPrintable(report.problem));
            QCOMPARE(checklistProblem(casePath), QString());
            for (auto it = report.fingerprints.begin(); it != report.fingerprints.end(); ++it)
                QVERIFY2(it.value().size() == 1, qPrintable(it.key())); // names are unique
            if (i == 1) QCOMPARE(report.fingerprints, m_golden);        // the same data each time
            m_golden = report.fingerprints;
            m_sources = report.sources;
        }
        QVERIFY(m_sources >= 7);
        QCOMPARE(m_readyMs.size(), m_sources);
        QStringList ready;
        for (qint64 ms : std::as_const(m_readyMs))
            ready << QString::number(ms);
        qInfo("one collection (%lld sources) takes %lld ms; sources ready at %s ms", m_sources,
              m_collectMs, qPrintable(ready.join(QStringLiteral(", "))));
        for (auto it = m_golden.begin(); it != m_golden.end(); ++it)
            qInfo("  %s: %s", qPrintable(it.key()), qPrintable(it.value().first()));
    }

    void killNineAtRandomPoints()
    {
        QRandomGenerator random(20261123);
        const int runs = 50;
        int finished = 0, none = 0, some = 0, all = 0, midImport = 0, run = 0;
        const auto covered = [&] { return some >= runs / 3 && midImport >= runs / 5; };
        for (; killAgain(run, runs, covered()); ++run) {
            const QString casePath = newCase();
            QVERIFY(!casePath.isEmpty());
            // Even runs: at a random time from start-up to the end of a
            // collection (mostly while kubectl runs: an import takes a few
            // ms of a collection's seconds). Odd runs: while a source chosen
            // at random is being written, as a second reader sees it.
            int delay = -1, target = 0;
            Run killed;
            if (run % 2 == 0) {
                delay = int(random.bounded(qint64(m_collectMs + 1)));
                killed = cliKilled(collectArguments(casePath), m_env, delay);
            } else {
                target = 1 + int(random.bounded(qint64(m_sources)));
                SourceWatch watch(casePath);
                QSet<qint64> seen;
                killed = cliKilledWhen(collectArguments(casePath), m_env, [&](qint64 ms) {
                    if (const qint64 id = watch.sourceBeingWritten()) seen.insert(id);
                    if (seen.size() < target) return false;
                    delay = int(ms);
                    return true;
                });
            }
            if (killed.finished) {
                ++finished;
                QVERIFY2(killed.exitCode == 0, killed.err.constData());
            }
            if (unreadySources(casePath) > 0) ++midImport;
            const CaseReport report = checkCase(casePath);
            const QString where = QStringLiteral("run %1, killed after %2 ms (source %3): ")
                                      .arg(run)
                                      .arg(delay)
                                      .arg(target);
            QVERIFY2(report.problem.isEmpty(), qPrintable(where + report.problem));
            for (auto it = report.fingerprints.begin(); it != report.fingerprints.end(); ++it) {
                QVERIFY2(m_golden.contains(it.key()), qPrintable(where + it.key()));
                QVERIFY2(it.value() == m_golden.value(it.key()),
                         qPrintable(where + it.key() + QStringLiteral(": ") +
                                    it.value().join(QStringLiteral(" / ")) +
                                    QStringLiteral(" instead of ") +
                                    m_golden.value(it.key()).join(QString())));
            }
            const QString checklist = checklistProblem(casePath);
            QVERIFY2(checklist.isEmpty(), qPrintable(where + checklist));
            if (killed.finished) QCOMPARE(report.sources, m_sources);
            if (qEnvironmentVariableIsSet("CRASH_VERBOSE"))
                qInfo("run %d: kill after %d ms (%s), %lld sources", run, delay,
                      killed.killed ? "killed" : "finished", report.sources);
            if (report.sources == 0)
                ++none;
            else if (report.sources < m_sources)
                ++some;
            else
                ++all;
            removeCase(casePath);
        }
        qInfo("%d kills: %d finished first; cases with no source %d, some %d, all %d; "
              "%d kills left a source half-imported (removed on open)",
              run, finished, none, some, all, midImport);
        // Most kills must land while commands ran and sources were written.
        QVERIFY2(some >= runs / 3, "too few kills landed mid-collection: calibration is off");
        QVERIFY2(midImport >= runs / 5, "too few kills landed while a source was being written");
    }

    void killNineDuringLiveSampling()
    {
        const int liveSeconds = 3;
        QRandomGenerator random(20261124);
        // What one sample of a signal stores: the whole collection's source of
        // the same format.
        QMap<QString, qint64> perSample;
        for (const QStringList &prints : std::as_const(m_golden))
            perSample[formatOf(prints.first())] = recordsOf(prints.first());
        const int runs = 4;
        int finished = 0, folded = 0, unfolded = 0, midImport = 0, liveRuns = 0;
        for (int run = 0; run < runs; ++run) {
            const QString casePath = newCase();
            QStringList arguments = collectArguments(casePath);
            arguments << QStringLiteral("--live") << QStringLiteral("%1s").arg(liveSeconds)
                      << QStringLiteral("--interval") << QStringLiteral("1");
            // Even runs: at a random time from the end of the first
            // collection to the end of sampling. Odd runs: while a sample
            // chosen at random is being written.
            int delay = -1, target = 0;
            Run killed;
            if (run % 2 == 0) {
                delay =
                    int(m_collectMs * 9 / 10 + random.bounded(qint64(liveSeconds * 1000 + 300)));
                killed = cliKilled(arguments, m_env, delay);
            } else {
                target = 1 + int(random.bounded(qint64(liveSeconds * 4)));
                SourceWatch watch(casePath);
                QSet<qint64> seen;
                killed = cliKilledWhen(arguments, m_env, [&](qint64 ms) {
                    if (const qint64 id = watch.sourceBeingWritten(); id > m_sources)
                        seen.insert(id);
                    if (seen.size() < target) return false;
                    delay = int(ms);
                    return true;
                });
            }
            if (killed.finished) {
                ++finished;
                QVERIFY2(killed.exitCode == 0, killed.err.constData());
            }
            if (unreadySources(casePath) > 0) ++midImport;
            const CaseReport report = checkCase(casePath);
            const QString where = QStringLiteral("live run %1, killed after %2 ms (sample %3): ")
                                      .arg(run)
                                      .arg(delay)
                                      .arg(target);
            QVERIFY2(report.problem.isEmpty(), qPrintable(where + report.problem));
            QVERIFY2(checklistProblem(casePath).isEmpty(), qPrintable(where));
            bool live = false;
            for (auto it = report.fingerprints.begin(); it != report.fingerprints.end(); ++it) {
                if (it.key().startsWith(QStringLiteral("live "))) {
                    live = true;
                    continue;
                }
                // A collected source, or a sample not yet folded into its
                // growing source (whole too).
                QVERIFY2(m_golden.contains(it.key()), qPrintable(where + it.key()));
                for (const QString &print : it.value())
                    QVERIFY2(print == m_golden.value(it.key()).first(),
                             qPrintable(where + it.key() + QStringLiteral(": ") + print));
                unfolded += int(it.value().size()) - 1;
            }
            liveRuns += live;
            // A growing source holds whole samples: its records are a
            // multiple of one sample's, one stdout blob per sample.
            const QStringList growing = rows(
                casePath, QStringLiteral("SELECT s.name, s.format, s.records, (SELECT count(*) "
                                         "FROM blobs WHERE source_id = s.id AND name = 'stdout') "
                                         "FROM sources s WHERE s.name LIKE 'live %'"));
            for (const QString &line : growing) {
                const QStringList field = line.split(u'|');
                const qint64 samples = field.value(3).toLongLong();
                QVERIFY2(perSample.contains(field.value(1)), qPrintable(where + line));
                QVERIFY2(samples >= 1 && field.value(2).toLongLong() ==
                                             perSample.value(field.value(1)) * samples,
                         qPrintable(where + line));
                folded += int(samples) - 1;
            }
            removeCase(casePath);
        }
        qInfo("%d kills during live sampling: %d finished first, %d with growing sources, "
              "%d samples folded, %d left unfolded (whole), %d kills mid-import",
              runs, finished, liveRuns, folded, unfolded, midImport);
        QVERIFY2(liveRuns - finished >= runs / 2, "too few kills landed while sampling");
    }
};

QTEST_GUILESS_MAIN(TestCrashCollect)
#include "tst_crash_collect.moc"
