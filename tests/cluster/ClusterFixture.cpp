#include "ClusterFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <sqlite3.h>
#include <unistd.h>

namespace {

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

QString fixtures()
{
    return QStringLiteral(PERFCASE_FIXTURES);
}

} // namespace

Run runPerfcase(const QStringList &arguments, const QProcessEnvironment &env, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(env);
    // setsid: no controlling terminal, as under CI, so nothing can be asked.
    process.start(QStringLiteral("setsid"),
                  QStringList{QStringLiteral("-w"), QStringLiteral(PERFCASE_BINARY)} + arguments);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

ClusterFixture::ClusterFixture()
{
    m_user = QString::fromLocal8Bit(qgetenv("USER"));
    if (m_user.isEmpty()) m_user = run(QStringLiteral("id"), {QStringLiteral("-un")}).trimmed();
}

ClusterFixture::~ClusterFixture()
{
    for (auto *process : {m_sshd.get(), m_kube.get()}) {
        if (!process) continue;
        process->terminate();
        if (!process->waitForFinished(3000)) {
            process->kill();
            process->waitForFinished();
        }
    }
}

QString ClusterFixture::run(const QString &program, const QStringList &arguments,
                            const QProcessEnvironment &env, int *exitCode)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    process.waitForFinished(60000);
    if (exitCode) *exitCode = process.exitCode();
    return QString::fromLocal8Bit(process.readAllStandardOutput());
}

QString ClusterFixture::hostKey(const QString &type) const
{
    return m_dir.path() + QStringLiteral("/hostkeys/ssh_host_%1_key").arg(type);
}

QString ClusterFixture::target() const
{
    return QStringLiteral("ssh://%1@127.0.0.1:%2").arg(m_user).arg(m_sshPort);
}

QString ClusterFixture::hostKeyFingerprint(const QString &type) const
{
    return run(QStringLiteral("ssh-keygen"),
               {QStringLiteral("-l"), QStringLiteral("-f"), hostKey(type) + QStringLiteral(".pub")})
        .section(QLatin1Char(' '), 1, 1);
}

QProcessEnvironment ClusterFixture::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home());
    env.insert(QStringLiteral("KUBECONFIG"), kubeconfig());
    env.remove(QStringLiteral("SSH_AUTH_SOCK"));
    return env;
}

QString ClusterFixture::start(const QString &denyFile)
{
    if (!m_dir.isValid()) return QStringLiteral("no temporary folder");
    for (const char *sub : {"home/.ssh", "keys", "hostkeys", "remote-home"})
        QDir(m_dir.path()).mkpath(QString::fromLatin1(sub));
    QFile::setPermissions(sshDir(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    int rc = 0;
    // Host keys of two types (so the type preference matters) and user keys
    // of every kind a test needs.
    for (const QString &type : {QStringLiteral("ed25519"), QStringLiteral("ecdsa")}) {
        run(QStringLiteral("ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-t"), type, QStringLiteral("-N"), QString(),
             QStringLiteral("-f"), hostKey(type)},
            QProcessEnvironment::systemEnvironment(), &rc);
        if (rc != 0) return QStringLiteral("ssh-keygen failed for the host key");
    }
    struct UserKey
    {
        const char *name, *type, *passphrase;
        bool authorized;
    };
    const UserKey keys[] = {{"id_ed25519", "ed25519", "", true},
                            {"id_ecdsa", "ecdsa", "", true},
                            {"id_locked", "ed25519", "correct horse", true},
                            {"id_rsa", "rsa", "", true},
                            {"id_stranger", "ed25519", "", false}};
    QByteArray authorized;
    for (const auto &key : keys) {
        run(QStringLiteral("ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-t"), QString::fromLatin1(key.type),
             QStringLiteral("-N"), QString::fromLatin1(key.passphrase), QStringLiteral("-C"),
             QString::fromLatin1(key.name), QStringLiteral("-f"),
             userKey(QString::fromLatin1(key.name))},
            QProcessEnvironment::systemEnvironment(), &rc);
        if (rc != 0) return QStringLiteral("ssh-keygen failed for a user key");
        if (!key.authorized) continue;
        QFile pub(userKey(QString::fromLatin1(key.name)) + QStringLiteral(".pub"));
        if (!pub.open(QIODevice::ReadOnly)) return QStringLiteral("no public key");
        authorized += pub.readAll();
    }
    if (!writeFile(m_dir.path() + QStringLiteral("/authorized_keys"), authorized))
        return QStringLiteral("cannot write authorized_keys");
    if (QString why = startKubeServer(denyFile); !why.isEmpty()) return why;
    return startSshd();
}

QString ClusterFixture::startKubeServer(const QString &denyFile)
{
    const QString portFile = m_dir.path() + QStringLiteral("/kube.port");
    QStringList arguments{fixtures() + QStringLiteral("/kube-apiserver/server.py"),
                          QStringLiteral("--port"),
                          QStringLiteral("0"),
                          QStringLiteral("--port-file"),
                          portFile,
                          QStringLiteral("--log"),
                          m_dir.path() + QStringLiteral("/kube.log")};
    if (!denyFile.isEmpty()) arguments << QStringLiteral("--deny") << denyFile;
    m_kube = std::make_unique<QProcess>();
    m_kube->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_kube->start(QStringLiteral("python3"), arguments);
    QElapsedTimer clock;
    clock.start();
    while (!QFile::exists(portFile)) {
        if (clock.elapsed() > 15000 || m_kube->state() == QProcess::NotRunning)
            return QStringLiteral("the Kubernetes API stand-in did not start");
        QThread::msleep(50);
    }
    QFile port(portFile);
    port.open(QIODevice::ReadOnly);
    m_kubePort = port.readAll().trimmed().toInt();
    int rc = 0;
    run(QStringLiteral("python3"),
        {fixtures() + QStringLiteral("/kube-apiserver/make_kubeconfig.py"),
         QString::number(m_kubePort), kubeconfig()},
        QProcessEnvironment::systemEnvironment(), &rc);
    return rc == 0 ? QString() : QStringLiteral("make_kubeconfig.py failed");
}

QString ClusterFixture::startSshd()
{
    m_sshPort = freePort();
    const QString d = m_dir.path();
    // sshd as root wants its privilege separation folder.
    if (::geteuid() == 0) QDir().mkpath(QStringLiteral("/run/sshd"));
    const QString config =
        QStringLiteral("Port %1\nListenAddress 127.0.0.1\n"
                       "HostKey %2/hostkeys/ssh_host_ed25519_key\n"
                       "HostKey %2/hostkeys/ssh_host_ecdsa_key\n"
                       "PidFile %2/sshd.pid\nAuthorizedKeysFile %2/authorized_keys\n"
                       "StrictModes no\nUsePAM no\nPasswordAuthentication no\n"
                       "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
                       "AllowTcpForwarding yes\nLogLevel VERBOSE\n"
                       "SetEnv KUBECONFIG=%3 HOME=%2/remote-home\n")
            .arg(m_sshPort)
            .arg(d, kubeconfig());
    if (!writeFile(d + QStringLiteral("/sshd_config"), config.toUtf8()))
        return QStringLiteral("cannot write sshd_config");
    m_sshd = std::make_unique<QProcess>();
    m_sshd->setStandardErrorFile(d + QStringLiteral("/sshd.log"));
    m_sshd->start(QStringLiteral("/usr/sbin/sshd"),
                  {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
                   d + QStringLiteral("/sshd_config")});
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 15000) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_sshPort));
        if (socket.waitForConnected(500) && socket.waitForReadyRead(2000) &&
            socket.readAll().startsWith("SSH-2.0"))
            return {};
        if (m_sshd->state() == QProcess::NotRunning) break;
        QThread::msleep(100);
    }
    QFile log(d + QStringLiteral("/sshd.log"));
    log.open(QIODevice::ReadOnly);
    return QStringLiteral("sshd did not start: ") + QString::fromLocal8Bit(log.readAll());
}

QString ClusterFixture::knownHostsLine(const QString &type) const
{
    QFile pub(hostKey(type) + QStringLiteral(".pub"));
    pub.open(QIODevice::ReadOnly);
    const QList<QByteArray> fields = pub.readAll().trimmed().split(' ');
    return QStringLiteral("[127.0.0.1]:%1 %2 %3\n")
        .arg(m_sshPort)
        .arg(QString::fromLatin1(fields.value(0)), QString::fromLatin1(fields.value(1)));
}

void ClusterFixture::writeKnownHosts(const QString &text) const
{
    writeFile(sshDir() + QStringLiteral("/known_hosts"), text.toUtf8());
}

void ClusterFixture::writeSshConfig(const QString &text) const
{
    writeFile(sshDir() + QStringLiteral("/config"), text.toUtf8());
}

QList<QStringList> ClusterFixture::query(const QString &casePath, const QString &sql)
{
    QList<QStringList> rows;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(casePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK)
        return rows;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW) {
            QStringList row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                const auto *text = sqlite3_column_blob(statement, i);
                row << QString::fromUtf8(static_cast<const char *>(text),
                                         sqlite3_column_bytes(statement, i));
            }
            rows << row;
        }
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return rows;
}
