// The SSH transport against a real OpenSSH server on 127.0.0.1 (Debian's
// sshd, started by ClusterFixture with generated keys): host-key policy,
// authentication, quoting through the remote shell, timeouts, cancel,
// ProxyJump and the OpenSSH fallback.
#include "ClusterFixture.h"
#include "transport/KnownHosts.h"
#include "transport/SshPrompter.h"
#include "transport/SshTarget.h"
#include "transport/SshTransport.h"

#include <QFile>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <thread>

using namespace perfcase;

namespace {

// Answers as a person at the window would, and counts what was asked.
class ScriptedPrompter : public SshPrompter
{
public:
    bool acceptHostKey = false;
    std::optional<std::string> passphraseAnswer;
    int hostKeyQuestions = 0, passphraseQuestions = 0;
    std::string offeredFingerprint;

    bool acceptNewHostKey(const std::string &, int, const HostKey &key) override
    {
        ++hostKeyQuestions;
        offeredFingerprint = sha256Fingerprint(key.blob);
        return acceptHostKey;
    }
    std::optional<std::string> passphrase(const std::string &) override
    {
        ++passphraseQuestions;
        return passphraseAnswer;
    }
    std::optional<std::vector<std::string>> answer(const std::string &, const std::string &,
                                                   const std::vector<Prompt> &) override
    {
        return std::nullopt;
    }
};

} // namespace

class TransportTest : public QObject
{
    Q_OBJECT

    ClusterFixture m_fixture;
    QByteArray m_savedHome, m_savedAgent;

    SshEndpoint endpoint(const QString &identity = QStringLiteral("id_ed25519")) const
    {
        SshEndpoint e;
        e.host = "127.0.0.1";
        e.port = m_fixture.sshPort();
        e.user = m_fixture.user().toStdString();
        if (!identity.isEmpty()) e.identityFiles = {m_fixture.userKey(identity).toStdString()};
        e.knownHostsFile =
            QString(m_fixture.sshDir() + QStringLiteral("/known_hosts")).toStdString();
        e.connectTimeoutSeconds = 5;
        return e;
    }
    void trustHost() const
    {
        m_fixture.writeKnownHosts(m_fixture.knownHostsLine(QStringLiteral("ed25519")));
    }
    CommandResult runOn(SshTransport &transport, const std::vector<std::string> &argv)
    {
        CancelToken token;
        return transport.run(argv, RunLimits{20}, token);
    }
    QString fingerprintOf(const QString &publicKeyFile) const
    {
        // "256 SHA256:xxxx comment (ED25519)"
        return ClusterFixture::run(QStringLiteral("ssh-keygen"),
                                   {QStringLiteral("-l"), QStringLiteral("-f"), publicKeyFile})
            .section(QLatin1Char(' '), 1, 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = m_fixture.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        m_savedHome = qgetenv("HOME");
        m_savedAgent = qgetenv("SSH_AUTH_SOCK");
        qputenv("HOME", m_fixture.home().toLocal8Bit());
        qunsetenv("SSH_AUTH_SOCK");
    }
    void cleanupTestCase()
    {
        qputenv("HOME", m_savedHome);
        if (!m_savedAgent.isEmpty()) qputenv("SSH_AUTH_SOCK", m_savedAgent);
    }
    void init() { m_fixture.writeSshConfig(QString()); }

    void argumentsReachTheRemoteCommandIntact_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::newRow("space") << QStringLiteral("a b");
        QTest::newRow("single quote") << QStringLiteral("it's");
        QTest::newRow("command substitution") << QStringLiteral("$(touch /tmp/perfcase-pwned)");
        QTest::newRow("backticks") << QStringLiteral("`id`");
        QTest::newRow("separator") << QStringLiteral("a;b && c | d");
        QTest::newRow("double quotes") << QStringLiteral("\"q\" \\ \\\\");
        QTest::newRow("newline") << QStringLiteral("first\nsecond");
        QTest::newRow("glob") << QStringLiteral("* ? [a]");
        QTest::newRow("tilde and variable") << QStringLiteral("~ $HOME ${PATH}");
        QTest::newRow("empty") << QString();
        QTest::newRow("option-like") << QStringLiteral("-n");
        QTest::newRow("utf-8") << QStringLiteral("naïve ☃");
    }
    void argumentsReachTheRemoteCommandIntact()
    {
        QFETCH(QString, argument);
        trustHost();
        ScriptedPrompter prompter;
        SshTransport transport(m_fixture.target().toStdString(), endpoint(), prompter, false);
        // printf prints its second argument byte for byte: what the remote
        // shell handed it is what we sent.
        const CommandResult result = runOn(transport, {"printf", "%s", argument.toStdString()});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QString::fromStdString(result.out), argument);
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/perfcase-pwned")));
        QCOMPARE(QString::fromStdString(transport.kind()), QStringLiteral("libssh2"));
    }

    void exitCodesAndStderrPassThrough()
    {
        trustHost();
        ScriptedPrompter prompter;
        SshTransport transport(m_fixture.target().toStdString(), endpoint(), prompter, false);
        const CommandResult result =
            runOn(transport, {"sh", "-c", "echo out; echo err >&2; exit 7"});
        QCOMPARE(result.exitCode, 7);
        QCOMPARE(QString::fromStdString(result.out), QStringLiteral("out\n"));
        QCOMPARE(QString::fromStdString(result.err), QStringLiteral("err\n"));
        // The connection is kept for the next command.
        QCOMPARE(runOn(transport, {"true"}).exitCode, 0);
    }

    void unknownHostKeyIsAskedAndRemembered()
    {
        m_fixture.writeKnownHosts(QString());
        ScriptedPrompter refusing;
        {
            SshTransport transport(m_fixture.target().toStdString(), endpoint(), refusing, false);
            try {
                runOn(transport, {"true"});
                QFAIL("an unknown host key was not refused");
            } catch (const TransportError &error) {
                QCOMPARE(error.kind(), TransportError::Kind::HostKey);
                QVERIFY2(
                    QString::fromUtf8(error.what()).contains(QStringLiteral("unknown host key")),
                    error.what());
            }
        }
        QCOMPARE(refusing.hostKeyQuestions, 1);
        // The fingerprint shown is the one ssh-keygen gives for the host's key.
        QCOMPARE(
            QString::fromStdString(refusing.offeredFingerprint),
            fingerprintOf(m_fixture.hostKey(QStringLiteral("ed25519")) + QStringLiteral(".pub")));

        ScriptedPrompter accepting;
        accepting.acceptHostKey = true;
        {
            SshTransport transport(m_fixture.target().toStdString(), endpoint(), accepting, false);
            QCOMPARE(runOn(transport, {"true"}).exitCode, 0);
        }
        // Saved hashed, as ssh-keygen finds it; the next connection asks nothing.
        int rc = -1;
        const QString found = ClusterFixture::run(
            QStringLiteral("ssh-keygen"),
            {QStringLiteral("-F"), QStringLiteral("[127.0.0.1]:%1").arg(m_fixture.sshPort()),
             QStringLiteral("-f"), m_fixture.sshDir() + QStringLiteral("/known_hosts")},
            QProcessEnvironment::systemEnvironment(), &rc);
        QCOMPARE(rc, 0);
        QVERIFY(found.contains(QStringLiteral("|1|")));
        ScriptedPrompter again;
        SshTransport transport(m_fixture.target().toStdString(), endpoint(), again, false);
        QCOMPARE(runOn(transport, {"true"}).exitCode, 0);
        QCOMPARE(again.hostKeyQuestions, 0);
    }

    void refusedHostKeys_data()
    {
        QTest::addColumn<QString>("knownHosts");
        QTest::addColumn<QString>("message");
        // Another ed25519 key under the host's name: a changed key.
        const QString other = ClusterFixture::run(
            QStringLiteral("cat"),
            {m_fixture.userKey(QStringLiteral("id_stranger")) + QStringLiteral(".pub")});
        const QString otherLine = QStringLiteral("[127.0.0.1]:%1 %2\n")
                                      .arg(m_fixture.sshPort())
                                      .arg(other.section(QLatin1Char(' '), 0, 1));
        QTest::newRow("changed") << otherLine << QStringLiteral("HOST KEY CHANGED");
        QTest::newRow("revoked")
            << m_fixture.knownHostsLine(QStringLiteral("ed25519")) + QStringLiteral("@revoked * ") +
                   m_fixture.knownHostsLine(QStringLiteral("ed25519")).section(QLatin1Char(' '), 1)
            << QStringLiteral("@revoked");
    }
    void refusedHostKeys()
    {
        QFETCH(QString, knownHosts);
        QFETCH(QString, message);
        m_fixture.writeKnownHosts(knownHosts);
        ScriptedPrompter prompter;
        prompter.acceptHostKey = true; // must not even be asked
        SshTransport transport(m_fixture.target().toStdString(), endpoint(), prompter, true);
        try {
            runOn(transport, {"true"});
            QFAIL("the host key was not refused");
        } catch (const TransportError &error) {
            QCOMPARE(error.kind(), TransportError::Kind::HostKey);
            QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
        }
        QCOMPARE(prompter.hostKeyQuestions, 0);
    }

    void knownKeyTypeIsPreferred()
    {
        // The server has ed25519 and ECDSA keys; known_hosts only the ECDSA
        // one. Without the preference libssh2 would negotiate ed25519 and
        // the host would look changed.
        m_fixture.writeKnownHosts(m_fixture.knownHostsLine(QStringLiteral("ecdsa")));
        ScriptedPrompter prompter;
        SshTransport transport(m_fixture.target().toStdString(), endpoint(), prompter, false);
        QCOMPARE(runOn(transport, {"true"}).exitCode, 0);
        QCOMPARE(prompter.hostKeyQuestions, 0);
    }

    void keyAuthentication_data()
    {
        QTest::addColumn<QString>("identity");
        QTest::addColumn<QString>("passphrase"); // "-": nobody answers
        QTest::addColumn<bool>("works");
        QTest::addColumn<int>("failure"); // TransportError::Kind when it does not
        QTest::newRow("ed25519") << QStringLiteral("id_ed25519") << QStringLiteral("-") << true
                                 << 0;
        QTest::newRow("ecdsa") << QStringLiteral("id_ecdsa") << QStringLiteral("-") << true << 0;
        QTest::newRow("passphrase given")
            << QStringLiteral("id_locked") << QStringLiteral("correct horse") << true << 0;
        QTest::newRow("wrong passphrase") << QStringLiteral("id_locked") << QStringLiteral("wrong")
                                          << false << int(TransportError::Kind::Authentication);
        QTest::newRow("no terminal for the passphrase")
            << QStringLiteral("id_locked") << QStringLiteral("-") << false
            << int(TransportError::Kind::NeedsTerminal);
        QTest::newRow("key the server does not know")
            << QStringLiteral("id_stranger") << QStringLiteral("-") << false
            << int(TransportError::Kind::Authentication);
    }
    void keyAuthentication()
    {
        QFETCH(QString, identity);
        QFETCH(QString, passphrase);
        QFETCH(bool, works);
        QFETCH(int, failure);
        trustHost();
        ScriptedPrompter prompter;
        if (passphrase != QStringLiteral("-")) prompter.passphraseAnswer = passphrase.toStdString();
        SshTransport transport(m_fixture.target().toStdString(), endpoint(identity), prompter,
                               false);
        try {
            QCOMPARE(runOn(transport, {"true"}).exitCode, 0);
            QVERIFY(works);
        } catch (const TransportError &error) {
            QVERIFY2(!works, error.what());
            QCOMPARE(int(error.kind()), failure);
        }
    }

    void agentAuthentication()
    {
        trustHost();
        const QString socket = m_fixture.dir() + QStringLiteral("/agent.sock");
        QProcess agent;
        agent.start(QStringLiteral("ssh-agent"),
                    {QStringLiteral("-D"), QStringLiteral("-a"), socket});
        QVERIFY(agent.waitForStarted());
        for (int i = 0; i < 100 && !QFile::exists(socket); ++i)
            QThread::msleep(50);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SSH_AUTH_SOCK"), socket);
        int rc = -1;
        ClusterFixture::run(QStringLiteral("ssh-add"),
                            {m_fixture.userKey(QStringLiteral("id_ecdsa"))}, env, &rc);
        QCOMPARE(rc, 0);
        qputenv("SSH_AUTH_SOCK", socket.toLocal8Bit());
        ScriptedPrompter prompter;
        // No key file at all: only the agent can authenticate.
        SshTransport transport(m_fixture.target().toStdString(), endpoint(QString()), prompter,
                               false);
        const CommandResult result = runOn(transport, {"true"});
        qunsetenv("SSH_AUTH_SOCK");
        agent.terminate();
        agent.waitForFinished();
        QCOMPARE(result.exitCode, 0);
        bool viaAgent = false;
        for (const auto &notice : transport.notices())
            viaAgent = viaAgent || notice.find("ssh-agent") != std::string::npos;
        QVERIFY(viaAgent);
    }

    void rsaKeyFallsBackToOpenSsh()
    {
        trustHost();
        ScriptedPrompter prompter;
        SshTransport transport(m_fixture.target().toStdString(), endpoint(QStringLiteral("id_rsa")),
                               prompter, false);
        const CommandResult result = runOn(transport, {"printf", "%s", "it's $(rsa)"});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QString::fromStdString(result.out), QStringLiteral("it's $(rsa)"));
        QCOMPARE(QString::fromStdString(transport.kind()), QStringLiteral("openssh"));
    }

    void silentServerTimesOut()
    {
        // Accepts the TCP connection and never says a word.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        SshEndpoint e = endpoint();
        e.port = silent.serverPort();
        e.connectTimeoutSeconds = 2;
        ScriptedPrompter prompter;
        SshTransport transport("ssh://127.0.0.1", e, prompter, false);
        QElapsedTimer clock;
        clock.start();
        CancelToken token;
        auto attempt = QtConcurrent::run([&] {
            try {
                transport.run({"true"}, RunLimits{20}, token);
            } catch (const TransportError &error) {
                return int(error.kind());
            }
            return -1;
        });
        while (!attempt.isFinished())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QCOMPARE(attempt.result(), int(TransportError::Kind::Timeout));
        QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
    }

    void refusedConnectionIsAConnectionError()
    {
        SshEndpoint e = endpoint();
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        e.port = probe.serverPort();
        probe.close();
        ScriptedPrompter prompter;
        SshTransport transport("ssh://127.0.0.1", e, prompter, false);
        try {
            runOn(transport, {"true"});
            QFAIL("connected to a closed port");
        } catch (const TransportError &error) {
            QCOMPARE(error.kind(), TransportError::Kind::Connection);
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("refused")),
                     error.what());
        }
    }

    void cancelStopsALongCommand()
    {
        trustHost();
        ScriptedPrompter prompter;
        SshTransport transport(m_fixture.target().toStdString(), endpoint(), prompter, false);
        CancelToken token;
        QElapsedTimer clock;
        clock.start();
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            token.cancel();
        });
        bool cancelled = false;
        try {
            transport.run({"sleep", "30"}, RunLimits{60}, token);
        } catch (const Cancelled &) {
            cancelled = true;
        }
        canceller.join();
        QVERIFY(cancelled);
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    }

    void proxyJumpFromSshConfig()
    {
        trustHost();
        // The alias reaches the server through itself: a direct-tcpip
        // channel of a first session carries the second.
        m_fixture.writeSshConfig(
            QStringLiteral("Host cluster\n  HostName 127.0.0.1\n  Port %1\n"
                           "  User %2\n  ProxyJump %2@127.0.0.1:%1\n"
                           "Host *\n  IdentityFile %3\n")
                .arg(m_fixture.sshPort())
                .arg(m_fixture.user(), m_fixture.userKey(QStringLiteral("id_ed25519"))));
        const SshTarget target = SshTarget::parse("cluster");
        SshEndpoint e = target.resolveForUser();
        QCOMPARE(e.jumps.size(), std::size_t(1));
        ScriptedPrompter prompter;
        SshTransport transport("cluster", e, prompter, false);
        const CommandResult result = runOn(transport, {"printf", "%s", "through the jump"});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QString::fromStdString(result.out), QStringLiteral("through the jump"));
        // A second command over the same tunnelled session.
        QCOMPARE(QString::fromStdString(runOn(transport, {"printf", "%s", "again"}).out),
                 QStringLiteral("again"));
    }
};

QTEST_GUILESS_MAIN(TransportTest)
#include "tst_transport.moc"
