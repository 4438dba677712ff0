#include "transport/SshConfig.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <pwd.h>
#include <unistd.h>

using namespace perfcase;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QStringList toQt(const std::vector<std::string> &list)
{
    QStringList result;
    for (const std::string &item : list)
        result << QString::fromStdString(item);
    return result;
}

} // namespace

class TestSshConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_home;

    QString expand(QString text) const { return text.replace(u"${HOME}"_s, m_home); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_home = m_dir.filePath(u"home"_s);
        QVERIFY(writeFile(m_home + u"/.ssh/conf.d/a.conf"_s, "Host srv\n  User from-a\n"));
        QVERIFY(
            writeFile(m_home + u"/.ssh/conf.d/b.conf"_s, "Host srv\n  User from-b\n  Port 2300\n"));
        QVERIFY(writeFile(m_home + u"/.ssh/conf.d/notes.txt"_s, "Host srv\n  User from-txt\n"));
        QVERIFY(writeFile(m_home + u"/.ssh/reset.conf"_s, "Host nomatch\n  User nope\n"));
        QVERIFY(writeFile(m_home + u"/.ssh/self.conf"_s, "Include self.conf\n"));
        QVERIFY(writeFile(m_home + u"/.ssh/nested1.conf"_s, "Include nested2.conf\n"));
        QVERIFY(writeFile(m_home + u"/.ssh/nested2.conf"_s, "Host srv\n  HostName deep.example\n"));
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("hostName");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QStringList>("identities");
        QTest::addColumn<QString>("proxyJump");
        QTest::addColumn<int>("connectTimeout"); // -1: not set
        QTest::addColumn<int>("serverAlive");    // -1: not set
        QTest::addColumn<QString>("knownHosts");
        QTest::addColumn<bool>("matched");
        QTest::addColumn<int>("warnings");

        const QStringList none;
        QTest::newRow("empty") << ""
                               << "srv"
                               << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 0;
        QTest::newRow("first value wins")
            << "Host srv\n  HostName 10.0.0.1\n  Port 2200\n  User alice\n"
               "Host *\n  HostName wrong\n  Port 9\n  User bob\n"
            << "srv"
            << "10.0.0.1" << 2200 << "alice" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("repeated keyword in block")
            << "Host srv\n  User first\n  User second\n"
            << "srv"
            << "srv" << 22 << "first" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("global lines before Host")
            << "User early\nHost srv\n  User late\n"
            << "srv"
            << "srv" << 22 << "early" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("star before specific")
            << "Host *\n  User star\nHost srv\n  User specific\n"
            << "srv"
            << "srv" << 22 << "star" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("star only is not a match")
            << "Host *\n  User star\n"
            << "srv"
            << "srv" << 22 << "star" << none << "" << -1 << -1 << "" << false << 0;
        QTest::newRow("question mark")
            << "Host web?\n  User web\n"
            << "web1"
            << "web1" << 22 << "web" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("question mark is one character")
            << "Host web?\n  User web\n"
            << "web10"
            << "web10" << 22 << "me" << none << "" << -1 << -1 << "" << false << 0;
        QTest::newRow("negation") << "Host web* !web9\n  User web\nHost *\n  User other\n"
                                  << "web9"
                                  << "web9" << 22 << "other" << none << "" << -1 << -1 << ""
                                  << false << 0;
        QTest::newRow("negation leaves others")
            << "Host web* !web9\n  User web\nHost *\n  User other\n"
            << "web1"
            << "web1" << 22 << "web" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("several patterns")
            << "Host a b srv c\n  Port 2022\n"
            << "srv"
            << "srv" << 2022 << "me" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("host patterns are case-sensitive")
            << "Host SRV\n  User upper\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 0;
        QTest::newRow("keywords are case-insensitive")
            << "HOST srv\n  HOSTNAME h.example\n  uSeR alice\n"
            << "srv"
            << "h.example" << 22 << "alice" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("%h in HostName")
            << "Host srv\n  HostName %h.corp.example\n"
            << "srv"
            << "srv.corp.example" << 22 << "me" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("identity files accumulate and expand")
            << "Host srv\n  HostName real.example\n  User alice\n  Port 2222\n"
               "  IdentityFile ~/.ssh/id_%r@%h:%p\n  IdentityFile %d/k_%u_%n_%%\n"
               "Host *\n  IdentityFile ~/.ssh/id_ed25519\n  IdentityFile ~/.ssh/id_ed25519\n"
            << "srv"
            << "real.example" << 2222 << "alice"
            << QStringList{m_home + u"/.ssh/id_alice@real.example:2222"_s,
                           m_home + u"/k_me_srv_%"_s, m_home + u"/.ssh/id_ed25519"_s}
            << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("unknown token is kept") << "IdentityFile /keys/%Z\n"
                                               << "srv"
                                               << "srv" << 22 << "me" << QStringList{u"/keys/%Z"_s}
                                               << "" << -1 << -1 << "" << false << 0;
        QTest::newRow("equals syntax")
            << "Host=srv\nPort=2201\nUser = alice\nHostName =h.example\nConnectTimeout= 15\n"
            << "srv"
            << "h.example" << 2201 << "alice" << none << "" << 15 << -1 << "" << true << 0;
        QTest::newRow("quotes") << "Host \"srv\"\n  IdentityFile \"~/my keys/id one\"\n"
                                   "  User 'al ice'\n"
                                << "srv"
                                << "srv" << 22 << "al ice"
                                << QStringList{m_home + u"/my keys/id one"_s} << "" << -1 << -1
                                << "" << true << 0;
        QTest::newRow("comments") << "# global\nHost srv # trailing\n  User alice # note\n"
                                     "  # Port 9\n"
                                  << "srv"
                                  << "srv" << 22 << "alice" << none << "" << -1 << -1 << "" << true
                                  << 0;
        QTest::newRow("proxyjump raw") << "Host srv\n  ProxyJump admin@jump1:2200,jump2\n"
                                       << "srv"
                                       << "srv" << 22 << "me" << none << "admin@jump1:2200,jump2"
                                       << -1 << -1 << "" << true << 0;
        QTest::newRow("proxyjump none")
            << "Host srv\n  ProxyJump none\nHost *\n  ProxyJump j\n"
            << "srv"
            << "srv" << 22 << "me" << none << "none" << -1 << -1 << "" << true << 0;
        QTest::newRow("proxycommand shadows proxyjump")
            << "Host srv\n  ProxyCommand nc %h %p\nHost *\n  ProxyJump j\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << true << 1;
        QTest::newRow("times") << "ConnectTimeout 1m30s\nServerAliveInterval 15\n"
                               << "srv"
                               << "srv" << 22 << "me" << none << "" << 90 << 15 << "" << false << 0;
        QTest::newRow("time none leaves it unset")
            << "Host srv\n  ConnectTimeout none\nHost *\n  ConnectTimeout 5\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << 5 << -1 << "" << true << 0;
        QTest::newRow("bad time") << "ConnectTimeout soon\nServerAliveInterval 10x\n"
                                  << "srv"
                                  << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false
                                  << 2;
        QTest::newRow("bad ports then good")
            << "Host srv\n  Port 70000\n  Port 0\n  Port abc\n  Port -1\nHost *\n  Port 2022\n"
            << "srv"
            << "srv" << 2022 << "me" << none << "" << -1 << -1 << "" << true << 4;
        QTest::newRow("bad port only")
            << "Port 65536\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 1;
        QTest::newRow("highest port")
            << "Port 65535\n"
            << "srv"
            << "srv" << 65535 << "me" << none << "" << -1 << -1 << "" << false << 0;
        QTest::newRow("match block skipped")
            << "Match host srv\n  User matched\nHost srv\n  User alice\n"
            << "srv"
            << "srv" << 22 << "alice" << none << "" << -1 << -1 << "" << true << 1;
        QTest::newRow("match ends a host block")
            << "Host srv\n  Port 2000\nMatch all\n  User x\n"
            << "srv"
            << "srv" << 2000 << "me" << none << "" << -1 << -1 << "" << true << 1;
        QTest::newRow("known hosts file") << "UserKnownHostsFile ~/.ssh/kh_%h %d/other\n"
                                          << "srv"
                                          << "srv" << 22 << "me" << none << "" << -1 << -1
                                          << m_home + u"/.ssh/kh_srv"_s << false << 0;
        QTest::newRow("include glob in order")
            << "Include conf.d/*.conf\nHost *\n  User fallback\n"
            << "srv"
            << "srv" << 2300 << "from-a" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("include tilde")
            << "Include ~/.ssh/conf.d/b.conf\n"
            << "srv"
            << "srv" << 2300 << "from-b" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("include from inactive block never matches")
            << "Host other\n  Include conf.d/a.conf\nHost srv\n  Port 2400\n"
            << "srv"
            << "srv" << 2400 << "me" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("include restores state")
            << "Host srv\n  Include ${HOME}/.ssh/reset.conf\n  Port 2500\n"
            << "srv"
            << "srv" << 2500 << "me" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("nested include")
            << "Include nested1.conf\n"
            << "srv"
            << "deep.example" << 22 << "me" << none << "" << -1 << -1 << "" << true << 0;
        QTest::newRow("missing include is ignored")
            << "Include does-not-exist*\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 0;
        QTest::newRow("include loop stops")
            << "Include self.conf\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 1;
        QTest::newRow("unterminated quote")
            << "User \"alice\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 1;
        QTest::newRow("missing argument")
            << "User\nUser =\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 2;
        QTest::newRow("extra argument")
            << "HostName a b\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 1;
        QTest::newRow("other keywords are ignored quietly")
            << "ForwardAgent yes\nCompression yes\n"
            << "srv"
            << "srv" << 22 << "me" << none << "" << -1 << -1 << "" << false << 0;
    }

    void resolve()
    {
        QFETCH(QString, config);
        QFETCH(QString, alias);
        QFETCH(QString, hostName);
        QFETCH(int, port);
        QFETCH(QString, user);
        QFETCH(QStringList, identities);
        QFETCH(QString, proxyJump);
        QFETCH(int, connectTimeout);
        QFETCH(int, serverAlive);
        QFETCH(QString, knownHosts);
        QFETCH(bool, matched);
        QFETCH(int, warnings);

        const SshConfig parsed =
            SshConfig::parse(expand(config).toStdString(), "cfg", m_home.toStdString());
        const SshHostConfig host = parsed.resolve(alias.toStdString(), "me");
        QCOMPARE(int(parsed.warnings().size()), warnings);
        QCOMPARE(QString::fromStdString(host.alias), alias);
        QCOMPARE(QString::fromStdString(host.hostName), hostName);
        QCOMPARE(host.port, port);
        QCOMPARE(QString::fromStdString(host.user), user);
        QCOMPARE(toQt(host.identityFiles), identities);
        QCOMPARE(QString::fromStdString(host.proxyJump), proxyJump);
        QCOMPARE(host.connectTimeoutSeconds.value_or(-1), connectTimeout);
        QCOMPARE(host.serverAliveIntervalSeconds.value_or(-1), serverAlive);
        QCOMPARE(QString::fromStdString(host.userKnownHostsFile), knownHosts);
        QCOMPARE(host.matched, matched);
    }

    void warningText()
    {
        const SshConfig parsed = SshConfig::parse("Host a\n\nMatch host a\nPort 99999\n",
                                                  "/home/u/.ssh/config", "/home/u");
        QCOMPARE(toQt(parsed.warnings()),
                 (QStringList{
                     u"/home/u/.ssh/config:3: unsupported keyword Match, its block is ignored"_s,
                     u"/home/u/.ssh/config:4: bad port '99999', ignored"_s}));
    }

    void loadFiles()
    {
        const SshConfig missing =
            SshConfig::load(m_dir.filePath(u"nothing/config"_s).toStdString());
        QVERIFY(missing.warnings().empty());
        QCOMPARE(missing.resolve("srv", "me").hostName, std::string("srv"));

        const QString path = m_dir.filePath(u"config"_s);
        QVERIFY(writeFile(path, "Host srv\n  Port 2600\n"));
        const SshConfig loaded = SshConfig::load(path.toStdString());
        QVERIFY(loaded.warnings().empty());
        QCOMPARE(loaded.resolve("srv", "me").port, 2600);
        QVERIFY(loaded.resolve("srv", "me").matched);
    }

    // The real ssh client's view of the same file (ssh -G prints the resolved configuration
    // without connecting), for the keywords both understand.
    void agreesWithSsh_data()
    {
        QTest::addColumn<QString>("alias");
        for (const char *alias : {"srv", "web1", "web9", "db.internal", "other", "jumpy"})
            QTest::newRow(alias) << alias;
    }

    void agreesWithSsh()
    {
        QFETCH(QString, alias);
        if (QStandardPaths::findExecutable(QStringLiteral("ssh")).isEmpty())
            QSKIP("OpenSSH ssh is not installed");
        const QString included = m_dir.filePath(u"oracle_included.conf"_s);
        QVERIFY(writeFile(included, "Host db.*\n  User dbadmin\n  Port 5022\n"));
        const QByteArray text = "# oracle\n"
                                "Host srv\n  HostName %h.corp.example\n  Port=2200\n"
                                "  ConnectTimeout 1m\n"
                                "Host web? !web9\n  User \"web user\"\n  ServerAliveInterval 30\n"
                                "Include " +
                                QFile::encodeName(included) +
                                "\n"
                                "Host jumpy\n  ProxyJump none\n"
                                "Host *\n  User everyone\n  Port 2022\n  ConnectTimeout 7\n";
        const QString path = m_dir.filePath(u"oracle_config"_s);
        QVERIFY(writeFile(path, text));

        QProcess ssh;
        ssh.start(u"ssh"_s, {u"-G"_s, u"-F"_s, path, alias});
        QVERIFY(ssh.waitForFinished(30000));
        QCOMPARE(ssh.exitCode(), 0);
        QMap<QString, QString> expected;
        for (const QString &line : QString::fromUtf8(ssh.readAllStandardOutput()).split(u'\n')) {
            const qsizetype space = line.indexOf(u' ');
            if (space > 0 && !expected.contains(line.left(space)))
                expected[line.left(space)] = line.mid(space + 1);
        }

        const passwd *me = getpwuid(getuid());
        QVERIFY(me);
        const SshConfig parsed = SshConfig::parse(text.toStdString(), path.toStdString(),
                                                  QDir::homePath().toStdString());
        QVERIFY(parsed.warnings().empty());
        const SshHostConfig host = parsed.resolve(alias.toStdString(), me->pw_name);
        QCOMPARE(QString::fromStdString(host.hostName), expected[u"hostname"_s]);
        QCOMPARE(QString::number(host.port), expected[u"port"_s]);
        QCOMPARE(QString::fromStdString(host.user), expected[u"user"_s]);
        QCOMPARE(host.connectTimeoutSeconds ? QString::number(*host.connectTimeoutSeconds)
                                            : u"none"_s,
                 expected[u"connecttimeout"_s]);
        QCOMPARE(QString::number(host.serverAliveIntervalSeconds.value_or(0)),
                 expected[u"serveraliveinterval"_s]);
        const QString proxy = QString::fromStdString(host.proxyJump);
        QCOMPARE(proxy.isEmpty() || proxy == u"none", !expected.contains(u"proxyjump"_s));
    }
};

QTEST_GUILESS_MAIN(TestSshConfig)
#include "tst_sshconfig.moc"
