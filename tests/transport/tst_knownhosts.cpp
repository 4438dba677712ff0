// Expectations come from the real OpenSSH tools (ssh-keygen -l, -H, -F) wherever they can
// answer, so the parser is checked against ssh's behaviour rather than against our reading of
// the manual page.
#include "transport/HostKey.h"
#include "transport/KnownHosts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <sys/stat.h>

using namespace perfcase;

Q_DECLARE_METATYPE(perfcase::KnownHosts::Verdict)

// Data tables hold QString (what `<< "literal"` produces); the code under test works on bytes.
#define FETCH_BYTES(name)                                                                          \
    const QByteArray name =                                                                        \
        static_cast<QString *>(QTest::qData(#name, ::qMetaTypeId<QString>()))->toUtf8()

namespace {

struct KeygenRun
{
    int exitCode = -1;
    QByteArray out;
};

KeygenRun keygen(const QList<QByteArray> &args)
{
    QStringList arguments;
    for (const QByteArray &arg : args)
        arguments << QString::fromUtf8(arg);
    QProcess process;
    process.start(QStringLiteral("ssh-keygen"), arguments);
    if (!process.waitForFinished(30000)) return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput()};
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One entry printed by `ssh-keygen -F`.
struct Found
{
    int line = 0;
    QByteArray marker; // "", "REVOKED" or "CA"
    QByteArray type;
    QByteArray blob;
};

QList<Found> keygenFind(const QByteArray &name, const QString &file)
{
    const KeygenRun run = keygen({"-F", name, "-f", QFile::encodeName(file)});
    QList<Found> found;
    if (run.exitCode != 0) return found;
    static const QRegularExpression header(QStringLiteral("^# Host .* found: line (\\d+) ?(\\S*)"));
    Found current;
    for (const QByteArray &line : run.out.split('\n')) {
        const QRegularExpressionMatch match = header.match(QString::fromUtf8(line));
        if (match.hasMatch()) {
            current = Found{match.captured(1).toInt(), match.captured(2).toUtf8(), {}, {}};
            continue;
        }
        QList<QByteArray> fields = line.simplified().split(' ');
        if (!fields.isEmpty() && fields.front().startsWith('@')) fields.removeFirst();
        if (fields.size() < 3) continue;
        current.type = fields[1];
        current.blob = QByteArray::fromBase64(fields[2]);
        found.append(current);
    }
    return found;
}

} // namespace

class TestKnownHosts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QMap<QByteArray, HostKey> m_keys;    // "A", "B" (ed25519), "C", "D" (ECDSA P-256)
    QMap<QByteArray, QString> m_pubFile; // name -> .pub path

    // "${A}" becomes "ssh-ed25519 AAAA..." (the key field of key A), "${A64}" its base64.
    QByteArray expand(QByteArray text) const
    {
        for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
            const QByteArray base64 = QByteArray::fromStdString(it->blob).toBase64();
            text.replace(QByteArray("${" + it.key() + "64}"), base64);
            text.replace(QByteArray("${" + it.key() + "}"),
                         QByteArray(QByteArray::fromStdString(it->type) + ' ' + base64));
        }
        return text;
    }

    HostKey keyFromPub(const QString &path)
    {
        const QList<QByteArray> fields = readFile(path).trimmed().split(' ');
        if (fields.size() < 2) return {};
        return {fields[0].toStdString(), QByteArray::fromBase64(fields[1]).toStdString()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
            QSKIP("OpenSSH ssh-keygen is needed to produce independent expectations");
        QVERIFY(m_dir.isValid());
        const QList<QPair<QByteArray, QList<QByteArray>>> specs = {
            {"A", {"-t", "ed25519"}},
            {"B", {"-t", "ed25519"}},
            {"C", {"-t", "ecdsa", "-b", "256"}},
            {"D", {"-t", "ecdsa", "-b", "256"}},
        };
        for (const auto &[name, type] : specs) {
            const QString path = m_dir.filePath(QStringLiteral("key") + QString::fromLatin1(name));
            QCOMPARE(keygen(QList<QByteArray>{"-q", "-N", "", "-C", "test", "-f",
                                              QFile::encodeName(path)} +
                            type)
                         .exitCode,
                     0);
            m_pubFile[name] = path + QStringLiteral(".pub");
            m_keys[name] = keyFromPub(m_pubFile[name]);
            QVERIFY(!m_keys[name].blob.empty());
        }
        QCOMPARE(m_keys["A"].type, std::string("ssh-ed25519"));
        QCOMPARE(m_keys["C"].type, std::string("ecdsa-sha2-nistp256"));
    }

    void fingerprint_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("ed25519") << "A";
        QTest::newRow("ecdsa") << "C";
    }

    void fingerprint()
    {
        FETCH_BYTES(key);
        const KeygenRun run =
            keygen({"-l", "-E", "sha256", "-f", QFile::encodeName(m_pubFile[key])});
        QCOMPARE(run.exitCode, 0);
        const QByteArray expected = run.out.split(' ').value(1);
        QVERIFY(expected.startsWith("SHA256:"));
        QCOMPARE(QByteArray::fromStdString(sha256Fingerprint(m_keys[key].blob)), expected);
    }

    void check_data()
    {
        using V = KnownHosts::Verdict;
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("key");
        QTest::addColumn<V>("verdict");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("knownType");

        QTest::newRow("plain") << "example.com ${A}\n"
                               << "example.com" << 22 << "A" << V::Match << 1 << "";
        QTest::newRow("case-insensitive") << "Example.COM ${A}\n"
                                          << "EXAMPLE.com" << 22 << "A" << V::Match << 1 << "";
        QTest::newRow("comment and blank lines")
            << "# known hosts\n\n   \t\nexample.com ${A} root@example\n"
            << "example.com" << 22 << "A" << V::Match << 4 << "";
        QTest::newRow("crlf") << "other.org ${B}\r\nexample.com ${A}\r\n"
                              << "example.com" << 22 << "A" << V::Match << 2 << "";
        QTest::newRow("no final newline") << "example.com ${A}"
                                          << "example.com" << 22 << "A" << V::Match << 1 << "";
        QTest::newRow("tabs") << "example.com\t${A}\n"
                              << "example.com" << 22 << "A" << V::Match << 1 << "";
        QTest::newRow("comma list") << "foo,example.com,10.0.0.1 ${A}\n"
                                    << "10.0.0.1" << 22 << "A" << V::Match << 1 << "";
        QTest::newRow("bracketed port") << "[example.com]:2222 ${A}\n"
                                        << "example.com" << 2222 << "A" << V::Match << 1 << "";
        QTest::newRow("bracketed port is not port 22")
            << "[example.com]:2222 ${A}\n"
            << "example.com" << 22 << "A" << V::Unknown << 0 << "";
        QTest::newRow("bare host is port 22 only")
            << "example.com ${A}\n"
            << "example.com" << 2222 << "A" << V::Unknown << 0 << "";
        QTest::newRow("bracketed 22 is not used by ssh")
            << "[example.com]:22 ${A}\n"
            << "example.com" << 22 << "A" << V::Unknown << 0 << "";
        QTest::newRow("star") << "*.example.com ${A}\n"
                              << "db.example.com" << 22 << "A" << V::Match << 1 << "";
        QTest::newRow("question mark") << "db?.example.com ${A}\n"
                                       << "db1.example.com" << 22 << "A" << V::Match << 1 << "";
        QTest::newRow("question mark is one character")
            << "db?.example.com ${A}\n"
            << "db12.example.com" << 22 << "A" << V::Unknown << 0 << "";
        QTest::newRow("negation vetoes the line")
            << "*.example.com,!bad.example.com ${A}\n"
            << "bad.example.com" << 22 << "A" << V::Unknown << 0 << "";
        QTest::newRow("negation leaves others")
            << "*.example.com,!bad.example.com ${A}\n"
            << "good.example.com" << 22 << "A" << V::Match << 1 << "";
        QTest::newRow("negation only matches nothing")
            << "!bad.example.com ${A}\n"
            << "good.example.com" << 22 << "A" << V::Unknown << 0 << "";
        QTest::newRow("wildcard inside brackets")
            << "[*.example.com]:2222 ${A}\n"
            << "db.example.com" << 2222 << "A" << V::Match << 1 << "";
        QTest::newRow("changed") << "example.com ${A}\n"
                                 << "example.com" << 22 << "B" << V::Changed << 1 << "ssh-ed25519";
        QTest::newRow("changed ecdsa")
            << "example.com ${A}\nexample.com ${C}\n"
            << "example.com" << 22 << "D" << V::Changed << 2 << "ecdsa-sha2-nistp256";
        QTest::newRow("any matching entry wins over a differing one")
            << "example.com ${A}\nexample.com ${B}\n"
            << "example.com" << 22 << "B" << V::Match << 2 << "";
        QTest::newRow("unknown type only") << "example.com ${A}\n"
                                           << "example.com" << 22 << "C" << V::Unknown << 0 << "";
        QTest::newRow("other host") << "example.com ${A}\n"
                                    << "example.org" << 22 << "A" << V::Unknown << 0 << "";
        QTest::newRow("revoked everywhere") << "@revoked * ${A}\nexample.com ${A}\n"
                                            << "example.com" << 22 << "A" << V::Revoked << 1 << "";
        QTest::newRow("revoked after match") << "example.com ${A}\n@revoked example.com ${A}\n"
                                             << "example.com" << 22 << "A" << V::Revoked << 2 << "";
        QTest::newRow("revoked for another host")
            << "@revoked other.org ${A}\nexample.com ${A}\n"
            << "example.com" << 22 << "A" << V::Match << 2 << "";
        QTest::newRow("revoked other key") << "@revoked * ${B}\nexample.com ${A}\n"
                                           << "example.com" << 22 << "A" << V::Match << 2 << "";
        QTest::newRow("revoked does not count as known")
            << "@revoked example.com ${B}\n"
            << "example.com" << 22 << "A" << V::Unknown << 0 << "";
        QTest::newRow("cert-authority is not a host key")
            << "@cert-authority *.example.com ${A}\n"
            << "db.example.com" << 22 << "A" << V::Unknown << 0 << "";
        QTest::newRow("malformed line before") << "example.com ssh-ed25519 !!!!\nexample.com ${A}\n"
                                               << "example.com" << 22 << "A" << V::Match << 2 << "";
        QTest::newRow("type label disagrees with key data")
            << "example.com ecdsa-sha2-nistp256 ${A64}\n"
            << "example.com" << 22 << "C" << V::Unknown << 0 << "";
        QTest::newRow("empty") << ""
                               << "example.com" << 22 << "A" << V::Unknown << 0 << "";
    }

    void check()
    {
        FETCH_BYTES(text);
        FETCH_BYTES(host);
        QFETCH(int, port);
        FETCH_BYTES(key);
        QFETCH(KnownHosts::Verdict, verdict);
        QFETCH(int, line);
        FETCH_BYTES(knownType);
        const KnownHosts hosts = KnownHosts::parse(expand(text).toStdString(), "kh");
        const KnownHosts::Result result = hosts.check(host.toStdString(), port, m_keys[key]);
        QCOMPARE(result.verdict, verdict);
        QCOMPARE(result.line, line);
        QCOMPARE(QByteArray::fromStdString(result.knownType), knownType);
    }

    // The same file, plain and hashed by ssh-keygen -H, against what ssh-keygen -F finds.
    void agreesWithKeygen_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("known"); // ssh-keygen -F finds something
        QTest::newRow("plain host") << "example.com" << 22 << true;
        QTest::newRow("second of list") << "alias.example.com" << 22 << true;
        QTest::newRow("ip") << "192.0.2.7" << 22 << true;
        QTest::newRow("port") << "example.com" << 2222 << true;
        QTest::newRow("wildcard") << "db7.internal" << 22 << true;
        QTest::newRow("negated") << "bastion.internal" << 22 << true;
        QTest::newRow("wildcard port") << "db7.internal" << 2222 << true;
        QTest::newRow("revoked") << "old.example.com" << 22 << true;
        QTest::newRow("cert authority") << "node.ca.example" << 22 << true;
        QTest::newRow("unknown host") << "nowhere.example" << 22 << false;
        QTest::newRow("unknown port") << "example.com" << 2200 << false;
    }

    void agreesWithKeygen()
    {
        FETCH_BYTES(host);
        QFETCH(int, port);
        QFETCH(bool, known);
        const QByteArray text = expand("# fixture\n"
                                       "example.com,alias.example.com,192.0.2.7 ${A}\n"
                                       "example.com ${C}\n"
                                       "[example.com]:2222 ${B}\n"
                                       "*.internal,!bastion.internal ${D}\n"
                                       "[db?.internal]:2222 ${A}\n"
                                       "bastion.internal ${B}\n"
                                       "old.example.com ${A}\n"
                                       "@revoked old.example.com ${A}\n"
                                       "@cert-authority *.ca.example ${C}\n");
        const QByteArray name = port == 22 ? host : "[" + host + "]:" + QByteArray::number(port);
        for (const bool hashed : {false, true}) {
            const QString path = m_dir.filePath(hashed ? QStringLiteral("agree_hashed")
                                                       : QStringLiteral("agree_plain"));
            QVERIFY(writeFile(path, text));
            if (hashed) {
                QCOMPARE(keygen({"-H", "-f", QFile::encodeName(path)}).exitCode, 0);
                QVERIFY(readFile(path).contains("|1|"));
            }
            const KnownHosts hosts = KnownHosts::load(path.toStdString());
            QVERIFY(hosts.notices().size() == 1); // the @cert-authority line
            const QList<Found> found = keygenFind(name, path);
            QCOMPARE(!found.isEmpty(), known);

            std::vector<std::string> expectedTypes;
            bool caFound = false;
            for (const Found &entry : found) {
                if (entry.marker == "CA") caFound = true;
                const std::string type = entry.type.toStdString();
                if (entry.marker.isEmpty() && std::find(expectedTypes.begin(), expectedTypes.end(),
                                                        type) == expectedTypes.end())
                    expectedTypes.push_back(type);
            }
            QCOMPARE(hosts.keyTypesFor(host.toStdString(), port), expectedTypes);
            QCOMPARE(!hosts.certAuthorityLinesFor(host.toStdString(), port).empty(), caFound);

            for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
                int firstLine = 0;
                bool revoked = false;
                for (const Found &entry : found) {
                    if (entry.blob.toStdString() != it->blob) continue;
                    if (entry.marker == "REVOKED")
                        revoked = true;
                    else if (entry.marker.isEmpty() && firstLine == 0)
                        firstLine = entry.line;
                }
                const KnownHosts::Result result = hosts.check(host.toStdString(), port, *it);
                const QByteArray where = name + " key " + it.key() + (hashed ? " hashed" : "");
                if (revoked) {
                    QVERIFY2(result.verdict == KnownHosts::Verdict::Revoked, where);
                } else if (firstLine != 0) {
                    QVERIFY2(result.verdict == KnownHosts::Verdict::Match, where);
                    QCOMPARE(result.line, firstLine);
                } else {
                    QVERIFY2(result.verdict != KnownHosts::Verdict::Match, where);
                }
            }
        }
    }

    void keyTypesInFileOrder()
    {
        const KnownHosts hosts = KnownHosts::parse(expand("example.com ${C}\n"
                                                          "@revoked example.com ${B}\n"
                                                          "@cert-authority example.com ${B}\n"
                                                          "*.com ${A}\n"
                                                          "example.com ${D}\n")
                                                       .toStdString(),
                                                   "kh");
        QCOMPARE(hosts.keyTypesFor("example.com", 22),
                 (std::vector<std::string>{"ecdsa-sha2-nistp256", "ssh-ed25519"}));
        QVERIFY(hosts.keyTypesFor("example.com", 2222).empty());
    }

    void certAuthorityNotice()
    {
        const KnownHosts hosts = KnownHosts::parse(
            expand("@cert-authority *.example.com ${A}\nexample.com ${A}\n").toStdString(),
            "/home/u/.ssh/known_hosts");
        QCOMPARE(hosts.notices().size(), size_t(1));
        QCOMPARE(hosts.notices()[0].line, 1);
        QVERIFY(QByteArray::fromStdString(hosts.notices()[0].message)
                    .startsWith("/home/u/.ssh/known_hosts:1: @cert-authority"));
        const auto lines = hosts.certAuthorityLinesFor("db.example.com", 22);
        QCOMPARE(lines.size(), size_t(1));
        QCOMPARE(lines[0].line, 1);
        QVERIFY(hosts.certAuthorityLinesFor("example.com", 22).empty());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("badLine");
        QTest::newRow("bad base64") << QByteArray("example.com ssh-ed25519 AAAA$$$$");
        QTest::newRow("base64 without padding") << QByteArray("example.com ssh-ed25519 AAAAC3");
        QTest::newRow("missing key") << QByteArray("example.com ssh-ed25519");
        QTest::newRow("host only") << QByteArray("example.com");
        QTest::newRow("marker only") << QByteArray("@revoked");
        QTest::newRow("marker without key") << QByteArray("@revoked example.com ssh-ed25519");
        QTest::newRow("unknown marker") << QByteArray("@trusted example.com ${A}");
        QTest::newRow("bad hash") << QByteArray("|1|abc|def ${A}");
        QTest::newRow("short salt") << QByteArray("|1|AAAA|AAAAAAAAAAAAAAAAAAAAAAAAAAA= ${A}");
        QTest::newRow("unknown hash kind")
            << QByteArray("|2|AAAAAAAAAAAAAAAAAAAAAAAAAAA=|AAAAAAAAAAAAAAAAAAAAAAAAAAA= ${A}");
        QTest::newRow("truncated key") << QByteArray("example.com ssh-ed25519 AAAA");
        QTest::newRow("length past end") << QByteArray("example.com ssh-ed25519 AAAA/3Nz");
        QTest::newRow("type mismatch") << QByteArray("example.com ssh-rsa ${A64}");
        QTest::newRow("ssh1 rsa") << QByteArray("example.com 2048 65537 1234567890");
        QByteArray garbage(4096, '\0');
        QRandomGenerator generator(42);
        for (char &c : garbage) {
            c = static_cast<char>(generator.bounded(256));
            if (c == '\n') c = 'x';
        }
        garbage[0] = '\x01'; // not a comment, not blank
        QTest::newRow("binary garbage") << garbage;
        QTest::newRow("huge line") << ("example.com ssh-ed25519 " + QByteArray(2 << 20, 'A'));
    }

    void malformed()
    {
        QFETCH(QByteArray, badLine);
        // Garbage is used as is: it is not valid text to substitute keys into.
        const QByteArray first = badLine.contains('\0') ? badLine : expand(badLine);
        const QByteArray input = first + expand("\nexample.com ${A}\n");
        const KnownHosts hosts = KnownHosts::parse(input.toStdString(), "kh");
        // Binary garbage may contain spaces that make it look like several fields; whatever it
        // is, it must be reported and must not stop the next line from being used.
        QCOMPARE(hosts.notices().size(), size_t(1));
        QCOMPARE(hosts.notices()[0].line, 1);
        QVERIFY(hosts.notices()[0].message.size() < 200);
        const KnownHosts::Result result = hosts.check("example.com", 22, m_keys["A"]);
        QCOMPARE(result.verdict, KnownHosts::Verdict::Match);
        QCOMPARE(result.line, 2);
    }

    void loadFiles()
    {
        const QString missing = m_dir.filePath(QStringLiteral("no/such/known_hosts"));
        const KnownHosts none = KnownHosts::load(missing.toStdString());
        QVERIFY(none.notices().empty());
        QCOMPARE(none.check("example.com", 22, m_keys["A"]).verdict, KnownHosts::Verdict::Unknown);

        const QString empty = m_dir.filePath(QStringLiteral("empty_known_hosts"));
        QVERIFY(writeFile(empty, {}));
        const KnownHosts emptyHosts = KnownHosts::load(empty.toStdString());
        QVERIFY(emptyHosts.notices().empty());
        QVERIFY(emptyHosts.keyTypesFor("example.com", 22).empty());

        // A directory where the file should be is worth telling the user about.
        const KnownHosts directory = KnownHosts::load(m_dir.path().toStdString());
        QCOMPARE(directory.notices().size(), size_t(1));
        QCOMPARE(directory.notices()[0].line, 0);
    }

    void appendHashed()
    {
        const QString path = m_dir.filePath(QStringLiteral("new/ssh dir/known_hosts"));
        KnownHosts::appendHashed(path.toStdString(), "Example.com", 22, m_keys["A"]);
        KnownHosts::appendHashed(path.toStdString(), "example.com", 2222, m_keys["C"]);

        struct stat info;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QCOMPARE(::stat(QFile::encodeName(QFileInfo(path).path()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0700));

        const QList<QByteArray> lines = readFile(path).split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("|1|"));
        QVERIFY(!lines[0].contains("example"));
        QCOMPARE(lines[2], QByteArray());

        const QList<Found> found = keygenFind("example.com", path);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].blob.toStdString(), m_keys["A"].blob);
        const QList<Found> foundPort = keygenFind("[example.com]:2222", path);
        QCOMPARE(foundPort.size(), 1);
        QCOMPARE(foundPort[0].blob.toStdString(), m_keys["C"].blob);
        QCOMPARE(foundPort[0].type.toStdString(), m_keys["C"].type);

        const KnownHosts hosts = KnownHosts::load(path.toStdString());
        QVERIFY(hosts.notices().empty());
        QCOMPARE(hosts.check("example.com", 22, m_keys["A"]).verdict, KnownHosts::Verdict::Match);
        QCOMPARE(hosts.check("example.com", 2222, m_keys["C"]).verdict, KnownHosts::Verdict::Match);
        QCOMPARE(hosts.check("example.com", 2222, m_keys["A"]).verdict,
                 KnownHosts::Verdict::Unknown);
    }

    void appendAfterMissingNewline()
    {
        const QString path = m_dir.filePath(QStringLiteral("no_newline_known_hosts"));
        QVERIFY(writeFile(path, expand("other.org ${B}")));
        KnownHosts::appendHashed(path.toStdString(), "example.com", 22, m_keys["A"]);
        const KnownHosts hosts = KnownHosts::load(path.toStdString());
        QVERIFY(hosts.notices().empty());
        QCOMPARE(hosts.check("other.org", 22, m_keys["B"]).line, 1);
        QCOMPARE(hosts.check("example.com", 22, m_keys["A"]).line, 2);
        QCOMPARE(keygenFind("example.com", path).size(), 1);
    }

    void appendFailures_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<QString>("type");
        QTest::newRow("parent is a file") << "keyA/known_hosts"
                                          << "ssh-ed25519";
        QTest::newRow("path is a directory") << "."
                                             << "ssh-ed25519";
        QTest::newRow("type with newline") << "fresh_known_hosts"
                                           << "ssh-ed25519\nevil.com";
        QTest::newRow("empty type") << "fresh_known_hosts"
                                    << "";
    }

    void appendFailures()
    {
        FETCH_BYTES(relativePath);
        FETCH_BYTES(type);
        const std::string path = m_dir.filePath(QString::fromUtf8(relativePath)).toStdString();
        HostKey key = m_keys["A"];
        key.type = type.toStdString();
        try {
            KnownHosts::appendHashed(path, "example.com", 22, key);
            QFAIL("appendHashed should have thrown");
        } catch (const std::runtime_error &error) {
            QVERIFY2(std::string(error.what()).find(path) != std::string::npos, error.what());
        }
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("fresh_known_hosts"))));
    }
};

QTEST_GUILESS_MAIN(TestKnownHosts)
#include "tst_knownhosts.moc"
