#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>
#include <memory>

// The real parts the cluster tests run against, started on 127.0.0.1 and
// stopped with the fixture: an OpenSSH server with its own host keys and
// authorized keys, and the Kubernetes API stand-in (a stand-in because no
// cluster can run on these machines; see tests/fixtures/kube-apiserver).
// HOME is a private folder, so ~/.ssh/config and known_hosts are the test's.
class ClusterFixture
{
public:
    ClusterFixture();
    ~ClusterFixture();

    // Empty when everything started; else why not.
    QString start(const QString &denyFile = {});

    QString dir() const { return m_dir.path(); }
    QString home() const { return m_dir.path() + QStringLiteral("/home"); }
    QString sshDir() const { return home() + QStringLiteral("/.ssh"); }
    int sshPort() const { return m_sshPort; }
    int kubePort() const { return m_kubePort; }
    QString kubeconfig() const { return m_dir.path() + QStringLiteral("/kubeconfig"); }
    QString userKey(const QString &name) const
    {
        return m_dir.path() + QStringLiteral("/keys/") + name;
    }
    QString hostKey(const QString &type) const;
    // "SHA256:…" of a host key as `ssh-keygen -l` prints it.
    QString hostKeyFingerprint(const QString &type) const;
    QString user() const { return m_user; }
    QString target() const;

    // The environment perfcase runs in: HOME, KUBECONFIG, no agent.
    QProcessEnvironment environment() const;
    // Output of a command (for ssh-keygen -lf and friends).
    static QString run(const QString &program, const QStringList &arguments,
                       const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                       int *exitCode = nullptr);

    // known_hosts: empty, or holding the real host key (as ssh-keyscan
    // would have added it), or holding another key of the same type.
    void writeKnownHosts(const QString &text) const;
    QString knownHostsLine(const QString &type) const;
    void writeSshConfig(const QString &text) const;

    // Reads a case with plain SQLite, not through the code under test: one
    // string per column.
    static QList<QStringList> query(const QString &casePath, const QString &sql);

private:
    QString startSshd();
    QString startKubeServer(const QString &denyFile);

    QTemporaryDir m_dir;
    QString m_user;
    int m_sshPort = 0;
    int m_kubePort = 0;
    std::unique_ptr<QProcess> m_sshd, m_kube;
};

// Runs perfcase in env; stdout and stderr kept apart.
struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};
Run runPerfcase(const QStringList &arguments, const QProcessEnvironment &env,
                int timeoutMs = 180000);
