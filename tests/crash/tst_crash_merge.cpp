// Crash safety of merge (issue 7): `perfcase merge BASE THEIRS` killed with
// SIGKILL at random points. THEIRS is a teammate's copy of BASE (an export)
// with more sources (a large log, the browser trace, the HAR), a note, an
// override and an annotation of theirs. After every kill BASE opens with
// integrity ok and holds either nothing of THEIRS or all of it: every new
// source whole, every note, override and annotation.
#include "CaseFile.h"
#include "CrashSupport.h"
#include "playbook/ChecklistStore.h"
#include "timeline/AnnotationStore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>
#include <algorithm>

using namespace crash;

namespace {

// What a merge can bring in, as comparable text.
struct State
{
    Fingerprints sources;
    QStringList notes, overrides, annotations;

    bool operator==(const State &other) const
    {
        return sources == other.sources && notes == other.notes && overrides == other.overrides &&
               annotations == other.annotations;
    }
};

// Checks the case and reads its state; problem says what is wrong.
State stateOf(const QString &casePath, QString &problem)
{
    State state;
    const CaseReport report = checkCase(casePath);
    problem = report.problem;
    state.sources = report.fingerprints;
    state.notes =
        rows(casePath, QStringLiteral("SELECT uuid, step, text FROM notes ORDER BY uuid"));
    state.overrides =
        rows(casePath, QStringLiteral("SELECT uuid, step, user_verdict, justification FROM "
                                      "checklist WHERE user_verdict IS NOT NULL ORDER BY uuid"));
    state.annotations =
        rows(casePath, QStringLiteral("SELECT uuid, ts, text FROM annotations ORDER BY uuid"));
    return state;
}

QString describe(const State &state)
{
    return QStringLiteral("%1 sources, %2 notes, %3 overrides, %4 annotations")
        .arg(state.sources.size())
        .arg(state.notes.size())
        .arg(state.overrides.size())
        .arg(state.annotations.size());
}

} // namespace

class TestCrashMerge : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_base, m_theirs;
    State m_before, m_after; // BASE before and after a whole merge
    QByteArray m_theirsSha;
    qint64 m_mergeMs = 0;

    QStringList mergeArguments(const QString &casePath) const
    {
        return {QStringLiteral("merge"), casePath, m_theirs};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = environment(
            {{QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))},
             {QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data"))}});
        const QString scenario = QStringLiteral(PERFCASE_SCENARIOS "/backend/");
        m_base = m_dir.filePath(QStringLiteral("base.perfcase"));
        QCOMPARE(cli({QStringLiteral("new"), m_base}, m_env).exitCode, 0);
        const Run imported =
            cli({QStringLiteral("import"), m_base, scenario + QStringLiteral("api.jsonl"),
                 scenario + QStringLiteral("access.log")},
                m_env);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(cli({QStringLiteral("check"), m_base, QStringLiteral("--playbook"),
                      QStringLiteral("import-lag")},
                     m_env)
                     .exitCode,
                 0);
        {
            auto file = perfcase::CaseFile::open(m_base.toStdString(),
                                                 perfcase::CaseFile::Access::ReadWrite);
            perfcase::ChecklistStore(file->db())
                .addNote("import-lag", "api-log-errors", "The 504s line up with the lag.", "ana");
            file->checkpoint();
        }

        // The teammate's copy, and their work on it.
        m_theirs = m_dir.filePath(QStringLiteral("theirs.perfcase"));
        const Run exported =
            cli({QStringLiteral("export"), m_base, QStringLiteral("-o"), m_theirs}, m_env);
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        const QString bigLog = m_dir.filePath(QStringLiteral("api-large.log"));
        QVERIFY(writeKubectlLog(bigLog, 30'000));
        const Run theirs =
            cli({QStringLiteral("import"), m_theirs, bigLog,
                 scenario + QStringLiteral("trace.json.gz"), scenario + QStringLiteral("page.har")},
                m_env);
        QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
        {
            auto file = perfcase::CaseFile::open(m_theirs.toStdString(),
                                                 perfcase::CaseFile::Access::ReadWrite);
            perfcase::ChecklistStore store(file->db());
            store.addNote("import-lag", "dom-size", "Only 40 rows are in the DOM.", "ben");
            store.setOverride("import-lag", "slow-api-requests", "fail",
                              "p95 over 1 s in the HAR too.", "ben");
            perfcase::AnnotationStore::add(file->db(), 1'795'000'000'000'000'000LL, std::nullopt,
                                           QStringLiteral("scroll starts"), QStringLiteral("ben"));
            file->checkpoint();
        }
        m_theirsSha = sha256OfFile(m_theirs);

        QString problem;
        m_before = stateOf(m_base, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Calibrate on a copy, and learn what a whole merge brings. Three
        // times, the median: the first merge also checks THEIRS, a file not
        // seen before (quick_check); the next ones know it.
        const QString copy = m_dir.filePath(QStringLiteral("calibrate.perfcase"));
        QList<qint64> times;
        for (int i = 0; i < 3; ++i) {
            QVERIFY(copyFile(m_base, copy));
            const Run merged = cli(mergeArguments(copy), m_env);
            QVERIFY2(merged.exitCode == 0, merged.err.constData());
            times << merged.ms;
            const State after = stateOf(copy, problem);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            if (i > 0) QVERIFY(after == m_after);
            m_after = after;
        }
        std::sort(times.begin(), times.end());
        m_mergeMs = times.at(1);
        QCOMPARE(m_after.sources.size(), m_before.sources.size() + 3);
        QCOMPARE(m_after.notes.size(), m_before.notes.size() + 1);
        QCOMPARE(m_after.overrides.size(), m_before.overrides.size() + 1);
        QCOMPARE(m_after.annotations.size(), m_before.annotations.size() + 1);
        qInfo("one merge takes %lld ms: before %s, after %s", m_mergeMs,
              qPrintable(describe(m_before)), qPrintable(describe(m_after)));
    }

    void killNineAtRandomPoints()
    {
        QRandomGenerator random(20261128);
        const QString work = m_dir.filePath(QStringLiteral("work.perfcase"));
        const int runs = 50;
        int finished = 0, nothing = 0, everything = 0, midMerge = 0, run = 0;
        for (; killAgain(run, runs, midMerge >= runs / 4); ++run) {
            QVERIFY(copyFile(m_base, work));
            // Odd runs: after the merge opened BASE (its -shm appears),
            // while it copies.
            const auto [killed, delay] = killAtRandomPoint(
                mergeArguments(work), m_env, run, random, m_mergeMs,
                [&] { return QFile::exists(work + QStringLiteral("-shm")); }, m_mergeMs * 8 / 10);
            const bool opened = QFile::exists(work + QStringLiteral("-shm"));
            const QString where =
                QStringLiteral("run %1, killed after %2 ms: ").arg(run).arg(delay);
            if (killed.finished) {
                ++finished;
                QVERIFY2(killed.exitCode == 0, qPrintable(where + QString::fromUtf8(killed.err)));
            }
            QString problem;
            const State state = stateOf(work, problem);
            QVERIFY2(problem.isEmpty(), qPrintable(where + problem));
            if (state == m_before) {
                ++nothing;
                if (killed.killed && opened) ++midMerge; // after it opened BASE
            } else if (state == m_after) {
                ++everything;
            } else {
                QFAIL(qPrintable(where + QStringLiteral("part of THEIRS came in: ") +
                                 describe(state)));
            }
            if (killed.finished) QVERIFY(state == m_after);
            // THEIRS is only read.
            QVERIFY2(sha256OfFile(m_theirs) == m_theirsSha,
                     qPrintable(where + QStringLiteral("THEIRS changed")));
        }
        qInfo("%d kills: %d finished first; BASE holds nothing of THEIRS %d times (%d killed "
              "after the merge opened it), all of it %d times",
              run, finished, nothing, midMerge, everything);
        QVERIFY2(midMerge >= runs / 4, "too few kills landed while the merge ran");
    }
};

QTEST_GUILESS_MAIN(TestCrashMerge)
#include "tst_crash_merge.moc"
