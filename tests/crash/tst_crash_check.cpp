// Crash safety of analysis (issue 7): `perfcase check --playbook import-lag`
// stores the run in the case. Killed with SIGKILL at random points on a case
// of real data (resources/scenarios/backend) that already holds an
// earlier run of the same playbook, a user override and a note: the case
// opens with integrity ok, its data is untouched, and the stored checklist
// is the earlier run or the new one, each whole (every step, the findings
// that go with it), never a mix; the override and the note always survive.
#include "CaseFile.h"
#include "CrashSupport.h"
#include "playbook/ChecklistStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <algorithm>

using namespace crash;

namespace {

const char *const kPlaybook = "import-lag";

// The checklist state of a case, as comparable text.
struct Checklist
{
    QStringList autoRows;  // step | verdict | evidence, by step
    QStringList findings;  // by step, severity, title, time
    QStringList overrides; // every user row, as stored
    QStringList notes;
    QStringList runTimes; // distinct decided_at of the automatic rows
    QString checkedAt;    // meta checked_at

    bool sameRun(const Checklist &other) const
    {
        return autoRows == other.autoRows && findings == other.findings;
    }
};

Checklist checklistOf(const QString &casePath)
{
    Checklist c;
    c.autoRows = rows(casePath, QStringLiteral("SELECT step, auto_verdict, evidence FROM "
                                               "checklist WHERE playbook = 'import-lag' AND "
                                               "user_verdict IS NULL ORDER BY step, id"));
    c.findings = rows(casePath, QStringLiteral("SELECT step, severity, title, ts, end_ts, detail, "
                                               "evidence FROM findings WHERE playbook = "
                                               "'import-lag' ORDER BY step, severity, title, ts"));
    c.overrides = rows(casePath, QStringLiteral("SELECT uuid, step, user_verdict, justification, "
                                                "author, decided_at FROM checklist WHERE "
                                                "user_verdict IS NOT NULL ORDER BY id"));
    c.notes = rows(casePath, QStringLiteral("SELECT uuid, step, author, created_at, text FROM "
                                            "notes ORDER BY id"));
    c.runTimes = rows(casePath, QStringLiteral("SELECT DISTINCT decided_at FROM checklist WHERE "
                                               "playbook = 'import-lag' AND user_verdict IS NULL"));
    c.checkedAt =
        scalar(casePath, QStringLiteral("SELECT value FROM meta WHERE key = 'checked_at'"));
    return c;
}

} // namespace

class TestCrashCheck : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_base;      // data + the earlier run + override + note, checkpointed
    Checklist m_earlier; // what m_base holds
    Checklist m_new;     // what a whole check of m_base stores
    Fingerprints m_data; // m_base's sources
    qint64 m_checkMs = 0;
    int m_steps = 0;

    QStringList checkArguments(const QString &casePath) const
    {
        return {QStringLiteral("check"), casePath, QStringLiteral("--playbook"),
                QString::fromLatin1(kPlaybook)};
    }

    // Checks one case after a check ran on a copy of m_base; "" when fine.
    // which: 0 earlier run, 1 new run.
    QString verify(const QString &casePath, int &which) const
    {
        const CaseReport report = checkCase(casePath);
        if (!report.problem.isEmpty()) return report.problem;
        if (report.fingerprints != m_data) return QStringLiteral("the case's sources changed");
        const Checklist now = checklistOf(casePath);
        if (now.overrides != m_earlier.overrides)
            return QStringLiteral("the override changed: ") + now.overrides.join(u';');
        if (now.notes != m_earlier.notes) return QStringLiteral("the note changed");
        if (now.autoRows.size() != m_steps)
            return QStringLiteral("%1 automatic rows for %2 steps")
                .arg(now.autoRows.size())
                .arg(m_steps);
        if (now.runTimes.size() != 1 || now.runTimes.first() != now.checkedAt)
            return QStringLiteral("rows of several runs: %1 (checked_at %2)")
                .arg(now.runTimes.join(u','), now.checkedAt);
        if (now.sameRun(m_earlier) && now.runTimes == m_earlier.runTimes) {
            which = 0;
            return {};
        }
        if (now.sameRun(m_new) && now.runTimes != m_earlier.runTimes) {
            which = 1;
            return {};
        }
        return QStringLiteral("neither the earlier run nor the new one: ") +
               now.autoRows.join(u';').left(400);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = environment(
            {{QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))},
             {QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data"))}});
        const Run playbooks = cli({QStringLiteral("playbooks"), QStringLiteral("--json")}, m_env);
        QCOMPARE(playbooks.exitCode, 0);
        for (const QJsonValue &playbook : QJsonDocument::fromJson(playbooks.out).array())
            if (playbook[QStringLiteral("id")].toString() == QLatin1String(kPlaybook))
                m_steps = int(playbook[QStringLiteral("steps")].toArray().size());
        QVERIFY(m_steps > 0);

        // The earlier run saw the API's logs only; the new one sees the
        // browser trace, the HAR and the cluster too, so the two differ.
        const QString scenario = QStringLiteral(PERFCASE_SCENARIOS "/backend/");
        m_base = m_dir.filePath(QStringLiteral("base.perfcase"));
        QCOMPARE(cli({QStringLiteral("new"), m_base}, m_env).exitCode, 0);
        const Run logs =
            cli({QStringLiteral("import"), m_base, scenario + QStringLiteral("api.jsonl"),
                 scenario + QStringLiteral("access.log")},
                m_env);
        QVERIFY2(logs.exitCode == 0, logs.err.constData());
        const Run earlier = cli(checkArguments(m_base), m_env);
        QVERIFY2(earlier.exitCode == 0, earlier.err.constData());
        {
            // An override and a note, as the checklist window stores them.
            auto file = perfcase::CaseFile::open(m_base.toStdString(),
                                                 perfcase::CaseFile::Access::ReadWrite);
            perfcase::ChecklistStore store(file->db());
            store.setOverride(kPlaybook, "dom-size", "fail",
                              "The grid renders every row: seen in the React profiler.", "ana");
            store.addNote(kPlaybook, "hpa-at-max", "Ask the platform team for the HPA limits.",
                          "ana");
            file->checkpoint();
        }
        const Run rest = cli({QStringLiteral("import"), m_base, scenario}, m_env);
        QVERIFY2(rest.exitCode == 0, rest.err.constData());
        m_earlier = checklistOf(m_base);
        QCOMPARE(m_earlier.autoRows.size(), m_steps);
        QCOMPARE(m_earlier.overrides.size(), 1);
        QCOMPARE(m_earlier.notes.size(), 1);
        const CaseReport base = checkCase(m_base); // also checkpoints
        QVERIFY2(base.problem.isEmpty(), qPrintable(base.problem));
        m_data = base.fingerprints;
        QVERIFY(base.sources >= 10);

        // Calibrate (the median of five), and learn what a whole new run
        // stores; five times, to be sure the same data gives the same run.
        QList<qint64> times;
        for (int i = 0; i < 5; ++i) {
            const QString copy = m_dir.filePath(QStringLiteral("calibrate%1.perfcase").arg(i));
            QVERIFY(copyFile(m_base, copy));
            const Run run = cli(checkArguments(copy), m_env);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            times << run.ms;
            const Checklist stored = checklistOf(copy);
            removeCase(copy);
            if (i > 0) QVERIFY2(stored.sameRun(m_new), "two checks of the same data differ");
            m_new = stored;
        }
        std::sort(times.begin(), times.end());
        m_checkMs = times.at(times.size() / 2);
        m_new.runTimes.clear();
        QVERIFY2(!m_new.sameRun(m_earlier), "the new run cannot be told from the earlier one");
        qInfo("one check takes %lld ms; earlier run %lld findings, new run %lld", m_checkMs,
              qint64(m_earlier.findings.size()), qint64(m_new.findings.size()));
    }

    // The checks above can fail: each kind of damage they look for, made on
    // purpose, is seen.
    void verifierSeesDamage_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("a log row not in the full-text index")
            << QStringLiteral("INSERT INTO logs(track_id, ts, level, message) SELECT track_id, ts, "
                              "level, 'never indexed' FROM logs LIMIT 1");
        QTest::newRow("an index entry whose log row is gone")
            << QStringLiteral("DELETE FROM logs WHERE id = (SELECT max(id) FROM logs)");
        QTest::newRow("rows whose source is gone")
            << QStringLiteral("DELETE FROM sources WHERE id = (SELECT min(id) FROM sources)");
        QTest::newRow("a track's row count off") << QStringLiteral(
            "UPDATE tracks SET row_count = row_count + 1 WHERE id = (SELECT min(id) FROM tracks)");
        QTest::newRow("a counter row lost") << QStringLiteral(
            "DELETE FROM counters WHERE rowid = (SELECT max(rowid) FROM counters)");
        QTest::newRow("a step of the run missing") << QStringLiteral(
            "DELETE FROM checklist WHERE id = (SELECT max(id) FROM checklist WHERE "
            "user_verdict IS NULL)");
        QTest::newRow("a finding missing")
            << QStringLiteral("DELETE FROM findings WHERE id = (SELECT max(id) FROM findings)");
        QTest::newRow("the override gone")
            << QStringLiteral("DELETE FROM checklist WHERE user_verdict IS NOT NULL");
        QTest::newRow("steps of two runs") << QStringLiteral(
            "UPDATE checklist SET decided_at = decided_at + 1 WHERE id = (SELECT max(id) FROM "
            "checklist WHERE user_verdict IS NULL)");
    }
    void verifierSeesDamage()
    {
        QFETCH(QString, sql);
        const QString damaged = m_dir.filePath(QStringLiteral("damaged.perfcase"));
        QVERIFY(copyFile(m_base, damaged));
        int which = -1;
        QCOMPARE(verify(damaged, which), QString()); // whole before
        QCOMPARE(execSql(damaged, sql), QString());
        QVERIFY(!verify(damaged, which).isEmpty());
        removeCase(damaged);
    }

    void killNineAtRandomPoints()
    {
        QRandomGenerator random(20261125);
        const QString work = m_dir.filePath(QStringLiteral("work.perfcase"));
        const int runs = 50;
        int finished = 0, earlier = 0, newer = 0, midCheck = 0, run = 0;
        const auto covered = [&] { return midCheck >= runs / 4 && newer > finished; };
        for (; killAgain(run, runs, covered()); ++run) {
            QVERIFY(copyFile(m_base, work));
            // Odd runs: after the check opened the case (its -shm appears),
            // while it analyses.
            const auto [killed, delay] = killAtRandomPoint(
                checkArguments(work), m_env, run, random, m_checkMs,
                [&] { return QFile::exists(work + QStringLiteral("-shm")); }, m_checkMs / 2);
            if (killed.finished) {
                ++finished;
                QVERIFY2(killed.exitCode == 0, killed.err.constData());
            }
            const bool opened = QFile::exists(work + QStringLiteral("-shm"));
            int which = -1;
            const QString problem = verify(work, which);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("run %1, killed after %2 ms: %3")
                                                       .arg(run)
                                                       .arg(delay)
                                                       .arg(problem)));
            if (killed.finished) QCOMPARE(which, 1);
            (which == 0 ? earlier : newer) += 1;
            // Killed after it opened the case (its -shm is there) and before
            // it stored the run: mid-analysis.
            if (killed.killed && which == 0 && opened) ++midCheck;
        }
        qInfo("%d kills: %d finished first; the case holds the earlier run %d times (%d killed "
              "after the case was opened), the new run %d times",
              run, finished, earlier, midCheck, newer);
        QVERIFY2(midCheck >= runs / 4, "too few kills landed while the check ran");
        QVERIFY2(newer > finished, "no kill landed after the run was stored");
    }
};

QTEST_GUILESS_MAIN(TestCrashCheck)
#include "tst_crash_check.moc"
