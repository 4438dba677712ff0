// `perfcase export` and `export --share` (core/share/CaseExporter) over a
// case filled by the real importers: a log with secrets in it, a HAR from
// the corpus whose credential headers were redacted at import, a pod list
// from a real cluster dump (container env values), raw output in blobs, an
// annotation and a note. The output file is read as bytes: no secret may be
// anywhere in it, not in free pages, not in the full-text index.
#include "CaseFile.h"
#include "Gzip.h"
#include "ImportTestSupport.h"
#include "import/FileImporter.h"
#include "import/ImporterRegistry.h"
#include "share/CaseExporter.h"
#include "sqlite/Statement.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace perfcase;

namespace {

const char *const kSecrets[] = {
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "AKIAZ3MSJV4WWNKWW5FG",
    "hunter2-very-secret",
    "s3cr3tPassw0rd",
    "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12",
};

// A JWT keeps its header and claims; its signature is the secret.
const char *const kJwtSignature = "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

// What must not be left anywhere: each secret as the rules define it.
QList<QByteArray> vanished()
{
    QList<QByteArray> list{kJwtSignature};
    for (std::size_t i = 1; i < std::size(kSecrets); ++i)
        list << kSecrets[i];
    return list;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray sha256(const QString &path)
{
    return QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256);
}

std::int64_t scalar(CaseFile &file, const std::string &sql)
{
    return file.db().scalarInt(sql);
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("perfcase-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_export"));
        QVERIFY(m_dir.isValid());
        m_case = m_dir.filePath(QStringLiteral("case.perfcase"));
        auto file = CaseFile::create(m_case.toStdString(), "export", "tester");
        const QString log = m_dir.filePath(QStringLiteral("app.log"));
        QFile out(log);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QStringLiteral(
                      "2026-11-20T10:00:00Z INFO login ok Authorization: Bearer %1\n"
                      "2026-11-20T10:00:01Z WARN aws key %2 used from 10.0.0.1\n"
                      "2026-11-20T10:00:02Z ERROR db connect failed password=%3\n"
                      "2026-11-20T10:00:03Z INFO clone https://deploy:%4@git.example.com/r.git\n"
                      "2026-11-20T10:00:04Z INFO github token %5 rotated\n"
                      "2026-11-20T10:00:05Z INFO again Authorization: Bearer %1\n"
                      "2026-11-20T10:00:06Z INFO nothing secret here\n")
                      .arg(QString::fromLatin1(kSecrets[0]), QString::fromLatin1(kSecrets[1]),
                           QString::fromLatin1(kSecrets[2]), QString::fromLatin1(kSecrets[3]),
                           QString::fromLatin1(kSecrets[4]))
                      .toUtf8());
        out.close();
        const ImporterRegistry importers;
        FileImporter importer(*file, importers);
        CancelToken token;
        ImportOptions options;
        // The raw output kept as a collector keeps it, with a secret in it.
        options.blobs.push_back(
            {"stdout", "gzip", "x", gzipCompress(std::string("token: ") + kSecrets[4] + "\n")});
        // The access log's request slices keep their args in the order the
        // importer wrote them: a share must not rewrite them.
        for (const QString &path :
             {log, testing::corpus("har/mitmproxy_har_files_chrome.har"),
              testing::corpus("k8s/cluster_info_dump_aks_2020_kube-system_pods.json"),
              QStringLiteral(PERFCASE_SCENARIOS "/backend/access.log")}) {
            const ImportOutcome outcome = importer.import(path.toStdString(), "", options, token);
            QVERIFY2(outcome.status == ImportOutcome::Status::Imported, outcome.error.c_str());
            options.blobs.clear();
        }
        file->db().exec("INSERT INTO annotations(uuid, ts, text, author, created_at) VALUES "
                        "('a1', 1, 'tried password=" +
                        std::string(kSecrets[2]) + " on staging', 'tester', 1)");
        file->db().exec("INSERT INTO notes(uuid, playbook, step, author, created_at, text) VALUES "
                        "('n1', 'import-lag', 'hpa-at-max', 'tester', 1, 'key " +
                        std::string(kSecrets[1]) + "')");
        // What the HAR import redacted, under this case's key.
        m_caseMarkers = scalar(*file, "SELECT count(*) FROM slices WHERE args LIKE '%REDACTED:%'");
        QVERIFY(m_caseMarkers > 0);
        m_envValue = "arena-clus-arena-acr-aks-b563ff-57d86a25.hcp.centralus.azmk8s.io";
        QVERIFY(scalar(*file,
                       "SELECT count(*) FROM objects WHERE json LIKE '%" + m_envValue + "%'") > 0);
        file->checkpoint();
    }

    void shareLeavesNoSecretAnywhere()
    {
        const QByteArray before = sha256(m_case);
        const QString out = m_dir.filePath(QStringLiteral("share.perfcase"));
        CaseExporter::Options options;
        options.share = true;
        options.mappingDir = m_dir.filePath(QStringLiteral("maps")).toStdString();
        const ExportSummary summary =
            CaseExporter::run(m_case.toStdString(), out.toStdString(), options);
        // The case itself is never written.
        QCOMPARE(sha256(m_case), before);
        // Not a byte of any secret, the env value included, in the file.
        const QByteArray bytes = fileBytes(out);
        QVERIFY(bytes.size() > 0);
        QCOMPARE(qint64(bytes.size()), qint64(summary.bytes));
        for (const QByteArray &secret : vanished())
            QVERIFY2(!bytes.contains(secret), secret.constData());
        QVERIFY(!bytes.contains(QByteArray::fromStdString(m_envValue)));
        QVERIFY(!bytes.contains("hunter2"));
        for (const char *suffix : {".partial", ".redacting", "-wal"})
            QVERIFY(!QFile::exists(out + QLatin1String(suffix)));

        // Counted per rule.
        for (const char *rule :
             {"jwt", "aws-access-key", "password", "url-password", "github-token", "k8s-env"})
            QVERIFY2(summary.redacted.count(rule) && summary.redacted.at(rule) > 0, rule);
        QCOMPARE(summary.redacted.at("jwt"), 2);
        QVERIFY(summary.rekeyed >= m_caseMarkers);

        auto shared = CaseFile::open(out.toStdString(), CaseFile::Access::ReadOnly);
        {
            Statement check = shared->db().prepare("PRAGMA integrity_check");
            QVERIFY(check.step());
            QCOMPARE(check.text(0), std::string("ok"));
        }
        // The same secret twice: the same marker twice.
        Statement bearer = shared->db().prepare(
            "SELECT count(DISTINCT substr(message, instr(message, '\u27E6'))) FROM logs WHERE "
            "message LIKE '%Authorization: Bearer%'");
        QVERIFY(bearer.step());
        QCOMPARE(bearer.int64(0), 1);
        // The index knows the markers, not the secrets.
        QCOMPARE(scalar(*shared, "SELECT count(*) FROM logs_fts WHERE logs_fts MATCH 'hunter2'"),
                 0);
        QCOMPARE(scalar(*shared, "SELECT count(*) FROM logs_fts WHERE logs_fts MATCH 'REDACTED'"),
                 6);
        QCOMPARE(scalar(*shared, "SELECT count(*) FROM logs_fts WHERE logs_fts MATCH 'nothing'"),
                 1);
        // Markers made at import were re-keyed: none of the case's hashes
        // is in the shared file.
        auto original = CaseFile::open(m_case.toStdString(), CaseFile::Access::ReadOnly);
        Statement markers = original->db().prepare(
            "SELECT DISTINCT substr(args, instr(args, 'REDACTED:'), 40) FROM slices WHERE args "
            "LIKE '%REDACTED:%:%'");
        int hashed = 0;
        while (markers.step()) {
            const QByteArray marker =
                QByteArray::fromStdString(markers.text(0))
                    .left(QByteArray::fromStdString(markers.text(0)).indexOf("\xE2\x9F\xA7"));
            if (marker.count(':') < 2) continue; // a password marker has no hash
            ++hashed;
            QVERIFY2(!bytes.contains(marker), marker.constData());
        }
        QVERIFY(hashed > 0);
        // The blob went through too, and is still gzip.
        Statement blob = shared->db().prepare("SELECT compression, data FROM blobs");
        QVERIFY(blob.step());
        QCOMPARE(blob.text(0), std::string("gzip"));
        const std::string raw = gzipDecompress(blob.blob(1), 1 << 20);
        QVERIFY2(raw.find("REDACTED") != std::string::npos, raw.c_str());

        // The originals stay with the sender, readable by them alone.
        QVERIFY(!summary.mappingPath.empty());
        QFile map(QString::fromStdString(summary.mappingPath));
        QCOMPARE(map.permissions() &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        QVERIFY(map.open(QIODevice::ReadOnly));
        const QJsonObject mapping = QJsonDocument::fromJson(map.readAll())
                                        .object()
                                        .value(QStringLiteral("markers"))
                                        .toObject();
        QStringList originals;
        for (auto it = mapping.begin(); it != mapping.end(); ++it) {
            originals << it.value().toString();
            QVERIFY2(bytes.contains(it.key().toUtf8()), qPrintable(it.key()));
        }
        for (const QByteArray &secret : vanished())
            QVERIFY2(originals.contains(QString::fromLatin1(secret)), secret.constData());
        QVERIFY(originals.contains(QString::fromStdString(m_envValue)));
        QVERIFY(!summary.samples.empty());
        for (const auto &sample : summary.samples)
            for (const QByteArray &secret : vanished())
                QVERIFY(sample.text.find(secret.toStdString()) == std::string::npos);
        // Only cells that really changed count and are shown: a JSON
        // document without a secret keeps its bytes (not re-serialised).
        for (const auto &sample : summary.samples)
            QVERIFY2(sample.text.find("REDACTED") != std::string::npos, sample.where.c_str());
        Statement plain = original->db().prepare(
            "SELECT id, args FROM slices WHERE args IS NOT NULL AND args NOT LIKE '%REDACTED%'");
        Statement same = shared->db().prepare("SELECT args FROM slices WHERE id = ?");
        int unchanged = 0;
        while (plain.step()) {
            same.reset();
            QVERIFY(same.bindInt64(1, plain.int64(0)).step());
            if (same.text(0).find("REDACTED") != std::string::npos) continue; // a secret found
            QCOMPARE(same.text(0), plain.text(1));
            ++unchanged;
        }
        QVERIFY(unchanged > 0);
    }

    void plainExportIsACompactCopy()
    {
        const QString out = m_dir.filePath(QStringLiteral("copy.perfcase"));
        const ExportSummary summary =
            CaseExporter::run(m_case.toStdString(), out.toStdString(), {});
        QVERIFY(summary.redacted.empty());
        QVERIFY(summary.mappingPath.empty());
        auto copy = CaseFile::open(out.toStdString(), CaseFile::Access::ReadOnly);
        auto original = CaseFile::open(m_case.toStdString(), CaseFile::Access::ReadOnly);
        for (const char *table : {"logs", "slices", "objects", "blobs", "annotations", "notes"}) {
            const std::string sql = std::string("SELECT count(*) FROM ") + table;
            QCOMPARE(scalar(*copy, sql), scalar(*original, sql));
        }
        QVERIFY(fileBytes(out).contains(kSecrets[2])); // not a share: the data as it is
    }

    void refusals()
    {
        // The case itself as OUT.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 CaseExporter::run(m_case.toStdString(), m_case.toStdString(), {}));
        // Cancelled: nothing written, nothing left behind.
        const QString out = m_dir.filePath(QStringLiteral("cancelled.perfcase"));
        CaseExporter::Options options;
        options.share = true;
        QVERIFY_THROWS_EXCEPTION(CaseExporter::Cancelled,
                                 CaseExporter::run(m_case.toStdString(), out.toStdString(), options,
                                                   [] { return true; }));
        const QStringList left = QDir(m_dir.path()).entryList({QStringLiteral("cancelled*")});
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u' ')));
        // Not a case.
        QVERIFY_THROWS_EXCEPTION(
            std::exception,
            CaseExporter::run(m_dir.filePath(QStringLiteral("app.log")).toStdString(),
                              out.toStdString(), options));
        QVERIFY(!QFile::exists(out));
    }

private:
    QTemporaryDir m_dir;
    QString m_case;
    std::int64_t m_caseMarkers = 0;
    std::string m_envValue;
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
