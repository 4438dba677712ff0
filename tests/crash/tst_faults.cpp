// Faults other than a kill (issue 7): a full disk and a read-only case file.
// The disk is a small tmpfs mounted in a mount namespace of this test's own
// (so no mount outlives it): as root, or as the user's root in a user
// namespace; else the disk-full tests skip, saying why. A read-only case sits
// on a tmpfs remounted read-only (root ignores chmod), or is chmod-ed when
// no mount is possible (CRASH_NO_MOUNTS=1 tries these fallbacks).
//
// Expected: a non-zero exit with one clear error line naming the file, and
// the case afterwards opens with integrity ok and holds exactly what it held
// before; no partial output left. Read-only: every writing command exits 4
// saying "read-only", info and query work, the file keeps its bytes.
#include "CrashSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace crash;

// Disk-full tests need a tmpfs of their own: without a mount namespace they
// skip and say why.
#define REQUIRE_MOUNTS()                                                                           \
    if (!g_namespace.isEmpty()) QSKIP(qPrintable(QStringLiteral("no tmpfs: ") + g_namespace))

namespace {

QString g_namespace; // why this test has no mount namespace ("" = it has one)

bool writeProcFile(const char *path, const QByteArray &text)
{
    const int fd = ::open(path, O_WRONLY);
    if (fd < 0) return false;
    const bool ok = ::write(fd, text.constData(), size_t(text.size())) == text.size();
    ::close(fd);
    return ok;
}

// Before any thread starts (a user namespace needs a single thread): a
// private mount namespace, so the test's mounts are its own and vanish with
// it.
QString enterMountNamespace()
{
    // To try the fallbacks (chmod, skips) where mounts would work.
    if (qEnvironmentVariableIsSet("CRASH_NO_MOUNTS"))
        return QStringLiteral("CRASH_NO_MOUNTS is set");
    if (::geteuid() == 0) {
        if (::unshare(CLONE_NEWNS) != 0)
            return QStringLiteral("unshare(CLONE_NEWNS): ") +
                   QString::fromLocal8Bit(strerror(errno));
    } else {
        const uid_t uid = ::getuid();
        const gid_t gid = ::getgid();
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return QStringLiteral("not root, and no user namespace: ") +
                   QString::fromLocal8Bit(strerror(errno));
        if (!writeProcFile("/proc/self/setgroups", "deny") ||
            !writeProcFile("/proc/self/uid_map", "0 " + QByteArray::number(uid) + " 1") ||
            !writeProcFile("/proc/self/gid_map", "0 " + QByteArray::number(gid) + " 1"))
            return QStringLiteral("cannot map the user into its namespace");
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return QStringLiteral("cannot make the mounts private: ") +
               QString::fromLocal8Bit(strerror(errno));
    return {};
}

QString mountTmpfs(const QString &dir, int megabytes)
{
    QDir().mkpath(dir);
    const QByteArray options = "size=" + QByteArray::number(megabytes) + "m,mode=0755";
    if (::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", 0, options.constData()) != 0)
        return QStringLiteral("mount -t tmpfs: ") + QString::fromLocal8Bit(strerror(errno));
    return {};
}

QString remountReadOnly(const QString &dir)
{
    if (::mount(nullptr, QFile::encodeName(dir).constData(), nullptr,
                MS_REMOUNT | MS_RDONLY | MS_BIND, nullptr) != 0 &&
        ::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", MS_REMOUNT | MS_RDONLY,
                nullptr) != 0)
        return QStringLiteral("mount -o remount,ro: ") + QString::fromLocal8Bit(strerror(errno));
    return {};
}

void unmount(const QString &dir)
{
    ::umount2(QFile::encodeName(dir).constData(), MNT_DETACH);
}

qint64 freeBytes(const QString &dir)
{
    struct statvfs info
    {
    };
    if (::statvfs(QFile::encodeName(dir).constData(), &info) != 0) return -1;
    return qint64(info.f_bavail) * qint64(info.f_frsize);
}

// Fills the file system of dir but for `leave` bytes.
bool fill(const QString &dir, qint64 leave)
{
    QFile filler(dir + QStringLiteral("/filler"));
    if (!filler.open(QIODevice::WriteOnly)) return false;
    const QByteArray block(64 * 1024, 'x');
    while (freeBytes(dir) > leave + block.size())
        if (filler.write(block) != block.size()) return false;
    const qint64 rest = freeBytes(dir) - leave;
    if (rest > 0) filler.write(block.left(int(rest)));
    return filler.flush();
}

// The one error line of a failed command, or why there is not exactly one.
QString errorLine(const Run &run)
{
    QStringList errors;
    for (const QByteArray &line : run.err.split('\n'))
        if (line.startsWith("perfcase: error: ")) errors << QString::fromUtf8(line);
    if (errors.size() != 1)
        return QStringLiteral("%1 error lines: %2")
            .arg(errors.size())
            .arg(QString::fromUtf8(run.err));
    return errors.first();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    KubeServer m_kube;
    QString m_bigLog, m_smallLog, m_otherLog;
    QString m_bigCase;   // larger than the small disks, on the real one
    QString m_otherCase; // a teammate's, to merge
    QStringList m_mounts;

    // A small disk of its own, or "" (why: the reason).
    QString disk(const QString &name, int megabytes, QString &why)
    {
        const QString dir = m_dir.filePath(name);
        why = mountTmpfs(dir, megabytes);
        if (!why.isEmpty()) return {};
        m_mounts << dir;
        return dir;
    }

    QStringList collectArguments(const QString &casePath) const
    {
        return {QStringLiteral("collect"),     casePath,
                QStringLiteral("--playbook"),  QStringLiteral("import-lag"),
                QStringLiteral("--target"),    QStringLiteral("local"),
                QStringLiteral("--namespace"), QStringLiteral("shop"),
                QStringLiteral("--param"),     QStringLiteral("deployment=api"),
                QStringLiteral("--since"),     QStringLiteral("2h")};
    }

    // A case at path holding the small log.
    bool smallCase(const QString &path)
    {
        return cli({QStringLiteral("new"), path}, m_env).exitCode == 0 &&
               cli({QStringLiteral("import"), path, m_smallLog}, m_env).exitCode == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!g_namespace.isEmpty()) qInfo("no mount namespace: %s", qPrintable(g_namespace));
        const QString why = m_kube.start(m_dir.path());
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QDir().mkpath(m_dir.filePath(QStringLiteral("home")));
        m_env = environment(
            {{QStringLiteral("KUBECONFIG"), m_kube.kubeconfig()},
             {QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))},
             {QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data"))}});
        m_smallLog = QStringLiteral(PERFCASE_FIXTURES "/kubectl_logs_timestamps.log");
        m_otherLog = QStringLiteral(PERFCASE_FIXTURES "/python_logging_app.log");
        m_bigLog = m_dir.filePath(QStringLiteral("big.log")); // ~13 MB
        QVERIFY(writeKubectlLog(m_bigLog, 160'000));
        m_otherCase = m_dir.filePath(QStringLiteral("other.perfcase"));
        QVERIFY(cli({QStringLiteral("new"), m_otherCase}, m_env).exitCode == 0);
        QVERIFY(cli({QStringLiteral("import"), m_otherCase, m_otherLog}, m_env).exitCode == 0);
        m_bigCase = m_dir.filePath(QStringLiteral("big.perfcase"));
        QVERIFY(smallCase(m_bigCase));
        const Run big = cli({QStringLiteral("import"), m_bigCase, m_bigLog}, m_env);
        QVERIFY2(big.exitCode == 0, big.err.constData());
        qInfo("a case of %lld bytes to export", QFileInfo(m_bigCase).size());
    }

    void cleanupTestCase()
    {
        for (const QString &dir : std::as_const(m_mounts))
            unmount(dir);
    }

    // A file larger than the disk: the import fails, the case keeps what it
    // had and stays usable.
    void importIntoAFullDisk()
    {
        REQUIRE_MOUNTS();
        QString why;
        const QString dir = disk(QStringLiteral("full-import"), 8, why);
        QVERIFY2(!dir.isEmpty(), qPrintable(why));
        const QString casePath = dir + QStringLiteral("/case.perfcase");
        QVERIFY(smallCase(casePath));
        const CaseReport before = checkCase(casePath);
        QVERIFY2(before.problem.isEmpty(), qPrintable(before.problem));

        const Run run = cli({QStringLiteral("import"), casePath, m_bigLog}, m_env);
        qInfo("import into a full disk: exit %d, %s", run.exitCode, run.err.trimmed().constData());
        QCOMPARE(run.exitCode, 4);
        const QString error = errorLine(run);
        QVERIFY2(error.startsWith(QStringLiteral("perfcase: error: ") + casePath + u':'),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("full")), qPrintable(error));

        const CaseReport after = checkCase(casePath);
        QVERIFY2(after.problem.isEmpty(), qPrintable(after.problem));
        QCOMPARE(after.fingerprints, before.fingerprints);
        // Still usable, on the same disk.
        const Run more = cli({QStringLiteral("import"), casePath, m_otherLog}, m_env);
        QVERIFY2(more.exitCode == 0, more.err.constData());
        QCOMPARE(checkCase(casePath).sources, before.sources + 1);
    }

    void exportToAFullDisk_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("export") << QStringList();
        QTest::newRow("export --share") << QStringList{QStringLiteral("--share")};
    }
    void exportToAFullDisk()
    {
        QFETCH(QStringList, options);
        REQUIRE_MOUNTS();
        QString why;
        const QString dir =
            disk(QStringLiteral("full-export-%1").arg(options.size()), 4, why); // the case: ~20 MB
        QVERIFY2(!dir.isEmpty(), qPrintable(why));
        const QString out = dir + QStringLiteral("/shared.perfcase");
        const QByteArray sha = sha256OfFile(m_bigCase);
        const Run run = cli(
            QStringList{QStringLiteral("export"), m_bigCase, QStringLiteral("-o"), out} + options,
            m_env);
        qInfo("export to a full disk: exit %d, %s", run.exitCode, run.err.trimmed().constData());
        QCOMPARE(run.exitCode, 4);
        const QString error = errorLine(run);
        QVERIFY2(error.startsWith(QStringLiteral("perfcase: error: ") + out + u':'),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("full")), qPrintable(error));
        QCOMPARE(filesIn(dir), QStringList()); // no OUT, nothing partial
        QCOMPARE(sha256OfFile(m_bigCase), sha);
    }

    // The disk fills up while a command writes into a case holding a log
    // and a stored check: collected output, a check's run, a teammate's
    // sources. Nothing of it stays; with room again, the same command works.
    void writeIntoAFullDisk_data()
    {
        QTest::addColumn<QStringList>("arguments"); // CASE stands for the case
        QTest::newRow("collect") << collectArguments(QStringLiteral("CASE"));
        QTest::newRow("check") << QStringList{QStringLiteral("check"), QStringLiteral("CASE"),
                                              QStringLiteral("--playbook"),
                                              QStringLiteral("import-lag")};
        QTest::newRow("merge") << QStringList{QStringLiteral("merge"), QStringLiteral("CASE"),
                                              m_otherCase};
    }
    void writeIntoAFullDisk()
    {
        QFETCH(QStringList, arguments);
        REQUIRE_MOUNTS();
        QString why;
        const QString dir =
            disk(QStringLiteral("full-") + QString::fromLatin1(QTest::currentDataTag()), 8, why);
        QVERIFY2(!dir.isEmpty(), qPrintable(why));
        const QString casePath = dir + QStringLiteral("/case.perfcase");
        QVERIFY(smallCase(casePath));
        QCOMPARE(cli({QStringLiteral("check"), casePath, QStringLiteral("--playbook"),
                      QStringLiteral("import-lag"), QStringLiteral("--json")},
                     m_env)
                     .exitCode,
                 0);
        const CaseReport before = checkCase(casePath);
        QVERIFY2(before.problem.isEmpty(), qPrintable(before.problem));
        const QString checklistSql = QStringLiteral(
            "SELECT step, auto_verdict, user_verdict, decided_at FROM checklist ORDER BY id");
        const QStringList checklist = rows(casePath, checklistSql);
        QVERIFY(!checklist.isEmpty());
        QVERIFY(fill(dir, 32 * 1024));

        arguments.replaceInStrings(QRegularExpression(QStringLiteral("^CASE$")), casePath);
        const Run run = cli(arguments, m_env);
        qInfo("%s into a full disk: exit %d, %s", QTest::currentDataTag(), run.exitCode,
              run.err.trimmed().constData());
        QCOMPARE(run.exitCode, 4);
        const QString error = errorLine(run);
        QVERIFY2(error.startsWith(QStringLiteral("perfcase: error: ") + casePath + u':'),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("full")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("cannot read")), qPrintable(error)); // it wrote

        const CaseReport after = checkCase(casePath);
        QVERIFY2(after.problem.isEmpty(), qPrintable(after.problem));
        QCOMPARE(after.fingerprints, before.fingerprints);
        QCOMPARE(rows(casePath, checklistSql), checklist);
        // With room again, the same command goes through.
        QFile::remove(dir + QStringLiteral("/filler"));
        const Run again = cli(arguments, m_env);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const CaseReport done = checkCase(casePath);
        QVERIFY2(done.problem.isEmpty(), qPrintable(done.problem));
        QVERIFY(done.fingerprints != before.fingerprints ||
                rows(casePath, checklistSql) != checklist);
    }

    void readOnlyCase_data()
    {
        QTest::addColumn<QStringList>("arguments"); // CASE stands for the case
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says"); // on stderr (exit 4) or stdout (exit 0)
        QTest::newRow("import") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"),
                                               m_otherLog}
                                << 4 << QStringLiteral("read-only");
        QTest::newRow("check") << QStringList{QStringLiteral("check"), QStringLiteral("CASE"),
                                              QStringLiteral("--playbook"),
                                              QStringLiteral("import-lag")}
                               << 4 << QStringLiteral("read-only");
        QTest::newRow("collect") << collectArguments(QStringLiteral("CASE")) << 4
                                 << QStringLiteral("read-only");
        QTest::newRow("remove") << QStringList{QStringLiteral("remove"), QStringLiteral("CASE"),
                                               QStringLiteral("1")}
                                << 4 << QStringLiteral("read-only");
        QTest::newRow("merge") << QStringList{QStringLiteral("merge"), QStringLiteral("CASE"),
                                              m_otherCase}
                               << 4 << QStringLiteral("read-only");
        QTest::newRow("info") << QStringList{QStringLiteral("info"), QStringLiteral("CASE")} << 0
                              << QStringLiteral("kubectl_logs_timestamps.log");
        QTest::newRow("info --json")
            << QStringList{QStringLiteral("info"), QStringLiteral("CASE"), QStringLiteral("--json")}
            << 0 << QStringLiteral("\"sources\"");
        QTest::newRow("query") << QStringList{QStringLiteral("query"), QStringLiteral("CASE"),
                                              QStringLiteral("SELECT 'rows: ' || count(*) AS n "
                                                             "FROM v_logs")}
                               << 0 << QStringLiteral("rows: 20");
        QTest::newRow("check --no-save")
            << QStringList{QStringLiteral("check"), QStringLiteral("CASE"),
                           QStringLiteral("--playbook"), QStringLiteral("import-lag"),
                           QStringLiteral("--no-save")}
            << 0 << QStringLiteral("import-lag");
    }
    void readOnlyCase()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        QString dir = m_dir.filePath(QStringLiteral("ro-") + tag);
        QString why = g_namespace;
        if (why.isEmpty()) why = mountTmpfs(dir, 16);
        const bool mounted = why.isEmpty();
        if (mounted) m_mounts << dir;
        QDir().mkpath(dir);
        const QString casePath = dir + QStringLiteral("/case.perfcase");
        QVERIFY(smallCase(casePath));
        QCOMPARE(cli({QStringLiteral("check"), casePath, QStringLiteral("--playbook"),
                      QStringLiteral("import-lag")},
                     m_env)
                     .exitCode,
                 0);
        const QStringList files = filesIn(dir);
        if (mounted) {
            const QString why = remountReadOnly(dir);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        } else {
            // Root writes through file modes: only a read-only mount will do.
            QVERIFY2(::geteuid() != 0,
                     qPrintable(QStringLiteral("root, and no read-only mount: ") + why));
            QFile::setPermissions(casePath, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
            QFile::setPermissions(dir, QFile::ReadOwner | QFile::ExeOwner);
        }
        const QByteArray sha = sha256OfFile(casePath);

        arguments.replaceInStrings(QRegularExpression(QStringLiteral("^CASE$")), casePath);
        const Run run = cli(arguments, m_env);
        if (!mounted)
            QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY2(
            run.exitCode == exitCode,
            qPrintable(
                QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));
        if (exitCode == 0) {
            QVERIFY2(run.out.contains(says.toUtf8()), run.out.left(2000).constData());
        } else {
            const QString error = errorLine(run);
            QVERIFY2(error.startsWith(QStringLiteral("perfcase: error: ") + casePath + u':') &&
                         error.contains(says),
                     qPrintable(error));
        }
        QCOMPARE(sha256OfFile(casePath), sha);
        QCOMPARE(filesIn(dir), files);
        if (mounted) {
            unmount(dir);
            m_mounts.removeAll(dir);
        }
    }
};

int main(int argc, char **argv)
{
    g_namespace = enterMountNamespace();
    QCoreApplication app(argc, argv);
    TestFaults test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_faults.moc"
