// `perfcase collect` end to end: the real perfcase binary, the real kubectl
// (Debian's kubernetes-client in CI) pointed at the Kubernetes API stand-in
// (tests/fixtures/kube-apiserver: no cluster can run on these machines), run
// here (`--target local`) or on the real sshd of ClusterFixture.
#include "ClusterFixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <sqlite3.h>
#include <zlib.h>

namespace {

QByteArray blob(const QString &casePath, qint64 blobId)
{
    QByteArray data;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(casePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT data FROM blobs WHERE id = ?", -1, &statement, nullptr);
    sqlite3_bind_int64(statement, 1, blobId);
    if (sqlite3_step(statement) == SQLITE_ROW)
        data = QByteArray(static_cast<const char *>(sqlite3_column_blob(statement, 0)),
                          sqlite3_column_bytes(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return data;
}

QByteArray gunzip(const QByteArray &gz)
{
    z_stream stream{};
    inflateInit2(&stream, 15 + 16);
    QByteArray out;
    char buffer[65536];
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gz.data()));
    stream.avail_in = uInt(gz.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, int(sizeof buffer - stream.avail_out));
    }
    inflateEnd(&stream);
    return rc == Z_STREAM_END ? out : QByteArray();
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n'))
        if (!line.trimmed().isEmpty()) lines << QJsonDocument::fromJson(line).object();
    return lines;
}

} // namespace

class ClusterTest : public QObject
{
    Q_OBJECT

    ClusterFixture m_fixture;
    int m_case = 0;

    QString newCase()
    {
        const QString path = m_fixture.dir() + QStringLiteral("/case%1.perfcase").arg(++m_case);
        const Run made = runPerfcase({QStringLiteral("new"), path}, m_fixture.environment());
        return made.exitCode == 0 ? path : QString();
    }
    QStringList collectArguments(const QString &casePath, const QString &target) const
    {
        return {QStringLiteral("collect"),     casePath,
                QStringLiteral("--playbook"),  QStringLiteral("import-lag"),
                QStringLiteral("--target"),    target,
                QStringLiteral("--namespace"), QStringLiteral("shop"),
                QStringLiteral("--param"),     QStringLiteral("deployment=api"),
                QStringLiteral("--since"),     QStringLiteral("2h"),
                QStringLiteral("--json")};
    }
    int sourceCount(const QString &casePath) const
    {
        return ClusterFixture::query(casePath, QStringLiteral("SELECT count(*) FROM sources"))
            .value(0)
            .value(0)
            .toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = m_fixture.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void unknownHostKeyIsRefusedAndTheCaseUntouched()
    {
        m_fixture.writeKnownHosts(QString());
        m_fixture.writeSshConfig(QStringLiteral("Host *\n  IdentityFile %1\n")
                                     .arg(m_fixture.userKey(QStringLiteral("id_ed25519"))));
        const QString casePath = newCase();
        QVERIFY(!casePath.isEmpty());
        const Run run =
            runPerfcase(collectArguments(casePath, m_fixture.target()), m_fixture.environment());
        QCOMPARE(run.exitCode, 3);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.contains(QStringLiteral("unknown host key")) &&
                     err.contains(QStringLiteral("--accept-new-host-key")),
                 run.err.constData());
        // It names the fingerprint ssh-keygen gives for the server's key.
        const QString fingerprint = m_fixture.hostKeyFingerprint(QStringLiteral("ed25519"));
        QVERIFY2(err.contains(fingerprint), qPrintable(err + fingerprint));
        QCOMPARE(sourceCount(casePath), 0);
    }

    void collectOverSshFillsTheCase()
    {
        m_fixture.writeKnownHosts(QString());
        m_fixture.writeSshConfig(QStringLiteral("Host *\n  IdentityFile %1\n")
                                     .arg(m_fixture.userKey(QStringLiteral("id_ed25519"))));
        const QString casePath = newCase();
        QStringList arguments = collectArguments(casePath, m_fixture.target());
        arguments << QStringLiteral("--accept-new-host-key");
        const Run run = runPerfcase(arguments, m_fixture.environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());

        // One JSON line per command, each imported, each naming its command.
        QSet<QString> formats;
        for (const QJsonObject &line : jsonLines(run.out)) {
            QCOMPARE(line.value(QStringLiteral("status")).toString(), QStringLiteral("imported"));
            QCOMPARE(line.value(QStringLiteral("target")).toString(), m_fixture.target());
            QCOMPARE(line.value(QStringLiteral("transport")).toString(), QStringLiteral("libssh2"));
            QVERIFY(line.value(QStringLiteral("command"))
                        .toString()
                        .startsWith(QStringLiteral("kubectl ")));
            QVERIFY(!line.value(QStringLiteral("collected_at")).toString().isEmpty());
            formats << line.value(QStringLiteral("format")).toString();
        }
        const QSet<QString> expected{
            QStringLiteral("k8s-hpa-json"),     QStringLiteral("k8s-hpa-describe"),
            QStringLiteral("k8s-events-json"),  QStringLiteral("kubectl-top-pods"),
            QStringLiteral("k8s-pods-json"),    QStringLiteral("kubectl-logs"),
            QStringLiteral("kubectl-top-nodes")};
        QCOMPARE(formats, expected);

        // Provenance: the command and target as origin, the raw output as
        // a gzip blob whose bytes hash to the source's sha256, kubectl's
        // version kept beside it.
        const auto sources = ClusterFixture::query(
            casePath,
            QStringLiteral("SELECT s.id, s.origin, s.sha256, b.id FROM sources s JOIN blobs b "
                           "ON b.source_id = s.id AND b.name = 'stdout' ORDER BY s.id"));
        QVERIFY(sources.size() >= expected.size());
        for (const QStringList &row : sources) {
            QVERIFY2(row[1].startsWith(m_fixture.target() + QStringLiteral(": kubectl ")),
                     qPrintable(row[1]));
            const QByteArray raw = gunzip(blob(casePath, row[3].toLongLong()));
            QVERIFY(!raw.isEmpty());
            QCOMPARE(QString::fromLatin1(
                         QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex()),
                     row[2]);
        }
        QCOMPARE(ClusterFixture::query(casePath,
                                       QStringLiteral("SELECT count(DISTINCT source_id) FROM blobs "
                                                      "WHERE name = 'kubectl-version.json'"))
                     .value(0)
                     .value(0)
                     .toInt(),
                 sources.size());
        // Logs: one source per container of the deployment's pods, all
        // lines timestamped (the stand-in serves 3 api pods, 2 containers).
        const auto logs = ClusterFixture::query(
            casePath,
            QStringLiteral(
                "SELECT count(*), sum(records) FROM sources WHERE format = 'kubectl-logs'"));
        QCOMPARE(logs.value(0).value(0).toInt(), 6);
        QVERIFY(logs.value(0).value(1).toInt() > 100);
        // The checks ran again over the new data and were stored.
        QVERIFY(ClusterFixture::query(
                    casePath,
                    QStringLiteral("SELECT count(*) FROM checklist WHERE playbook = 'import-lag'"))
                    .value(0)
                    .value(0)
                    .toInt() >= 1);
        // The HPA step now has its data: not inconclusive for lack of it.
        const Run check = runPerfcase({QStringLiteral("check"), casePath,
                                       QStringLiteral("--playbook"), QStringLiteral("import-lag"),
                                       QStringLiteral("--json"), QStringLiteral("--no-save")},
                                      m_fixture.environment());
        QCOMPARE(check.exitCode, 0);
        // The steps that need the collected HPA and events tracks have them
        // now: nothing is missing for them, whatever their verdict.
        const QJsonObject result = QJsonDocument::fromJson(check.out).object();
        QStringList checked;
        for (const QJsonValue &step : result.value(QStringLiteral("steps")).toArray()) {
            const QString id = step.toObject().value(QStringLiteral("id")).toString();
            if (id != QStringLiteral("hpa-at-max") && id != QStringLiteral("hpa-cpu-over-target") &&
                id != QStringLiteral("probe-failures"))
                continue;
            QVERIFY2(step.toObject().value(QStringLiteral("missing")).toArray().isEmpty(),
                     qPrintable(id));
            checked << id;
        }
        QCOMPARE(checked.size(), 3);
    }

    void localTargetRunsKubectlHere()
    {
        const QString casePath = newCase();
        const Run run = runPerfcase(collectArguments(casePath, QStringLiteral("local")),
                                    m_fixture.environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        for (const QJsonObject &line : jsonLines(run.out)) {
            QCOMPARE(line.value(QStringLiteral("target")).toString(), QStringLiteral("local"));
            QCOMPARE(line.value(QStringLiteral("status")).toString(), QStringLiteral("imported"));
        }
        QVERIFY(sourceCount(casePath) >= 6);
    }

    void hostileValuesNeverReachAShell_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("namespace with a command") << QStringList{
            QStringLiteral("--namespace"), QStringLiteral("shop;touch /tmp/perfcase-pwned")};
        QTest::newRow("deployment with substitution") << QStringList{
            QStringLiteral("--param"), QStringLiteral("deployment=$(touch /tmp/perfcase-pwned)")};
        QTest::newRow("namespace that is an option")
            << QStringList{QStringLiteral("--namespace"), QStringLiteral("-A")};
        QTest::newRow("newline") << QStringList{QStringLiteral("--param"),
                                                QStringLiteral("deployment=api\nrm")};
        QTest::newRow("upper case")
            << QStringList{QStringLiteral("--namespace"), QStringLiteral("Shop")};
        QTest::newRow("since not a duration")
            << QStringList{QStringLiteral("--since"), QStringLiteral("1h;id")};
        QTest::newRow("context that is an option")
            << QStringList{QStringLiteral("--kube-context"), QStringLiteral("--kubeconfig=/etc/x")};
        QTest::newRow("target user that is an option") << QStringList{
            QStringLiteral("--target"), QStringLiteral("-oProxyCommand=touch /tmp/perfcase-pwned")};
    }
    void hostileValuesNeverReachAShell()
    {
        QFETCH(QStringList, extra);
        const QString casePath = newCase();
        // Later options win in QCommandLineParser? No: values are lists;
        // the command takes the last --namespace, so put the hostile last.
        const Run run = runPerfcase(collectArguments(casePath, QStringLiteral("local")) + extra,
                                    m_fixture.environment());
        QVERIFY2(run.exitCode == 2, run.err.constData());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/perfcase-pwned")));
        QCOMPARE(sourceCount(casePath), 0);
    }

    void missingRequiredParameterIsAUsageError()
    {
        const QString casePath = newCase();
        const Run run = runPerfcase({QStringLiteral("collect"), casePath,
                                     QStringLiteral("--playbook"), QStringLiteral("import-lag"),
                                     QStringLiteral("--target"), QStringLiteral("local")},
                                    m_fixture.environment());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("deployment"), run.err.constData());
    }

    void noTerminalForAPassphraseIsExit5()
    {
        m_fixture.writeKnownHosts(m_fixture.knownHostsLine(QStringLiteral("ed25519")));
        m_fixture.writeSshConfig(QStringLiteral("Host *\n  IdentityFile %1\n")
                                     .arg(m_fixture.userKey(QStringLiteral("id_locked"))));
        const QString casePath = newCase();
        const Run run =
            runPerfcase(collectArguments(casePath, m_fixture.target()), m_fixture.environment());
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains("terminal"), run.err.constData());
        QCOMPARE(sourceCount(casePath), 0);
    }

    void deniedPermissionsAreReportedPerSignal()
    {
        ClusterFixture restricted;
        const QString deny = restricted.dir() + QStringLiteral("/deny.json");
        QFile file(deny);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"([{"verb": "list", "resource": "pods", "group": "metrics.k8s.io"}])");
        file.close();
        const QString why = restricted.start(deny);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QString casePath = newCase();
        const Run run = runPerfcase(collectArguments(casePath, QStringLiteral("local")),
                                    restricted.environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        int denied = 0, imported = 0;
        for (const QJsonObject &line : jsonLines(run.out)) {
            const QString status = line.value(QStringLiteral("status")).toString();
            if (status == QStringLiteral("denied")) {
                ++denied;
                QCOMPARE(line.value(QStringLiteral("collector")).toString(),
                         QStringLiteral("top-pods"));
                QVERIFY(line.value(QStringLiteral("error"))
                            .toString()
                            .contains(QStringLiteral("list pods.metrics.k8s.io")));
            } else if (status == QStringLiteral("imported")) {
                ++imported;
            }
        }
        QCOMPARE(denied, 1);
        QVERIFY(imported >= 5);
        QVERIFY(run.err.contains("missing permission"));
    }

    void liveSamplingGrowsOneSourcePerSignal()
    {
        const QString casePath = newCase();
        QStringList arguments = collectArguments(casePath, QStringLiteral("local"));
        arguments << QStringLiteral("--live") << QStringLiteral("7s")
                  << QStringLiteral("--interval") << QStringLiteral("2");
        const Run run = runPerfcase(arguments, m_fixture.environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // Samples at 0, 2, 4, 6 s (kubectl permitting): each signal has one
        // growing source, its counters several samples per track.
        const auto live = ClusterFixture::query(
            casePath, QStringLiteral("SELECT format, count(*) FROM sources WHERE name LIKE "
                                     "'live %' GROUP BY format ORDER BY format"));
        QCOMPARE(live.size(), 4);
        for (const QStringList &row : live)
            QCOMPARE(row[1], QStringLiteral("1"));
        const int samples =
            ClusterFixture::query(
                casePath, QStringLiteral("SELECT min(n) FROM (SELECT count(DISTINCT ts) AS n "
                                         "FROM counters c JOIN tracks t ON t.id = c.track_id "
                                         "JOIN sources s ON s.id = t.source_id WHERE s.name LIKE "
                                         "'live top-pods%' GROUP BY t.id)"))
                .value(0)
                .value(0)
                .toInt();
        QVERIFY2(samples >= 3, qPrintable(QString::number(samples)));
        // Each sample kept its raw output.
        QVERIFY(
            ClusterFixture::query(
                casePath,
                QStringLiteral("SELECT count(*) FROM blobs b JOIN sources s ON s.id = b.source_id "
                               "WHERE s.name LIKE 'live top-pods%' AND b.name = 'stdout'"))
                .value(0)
                .value(0)
                .toInt() >= 3);
    }
};

QTEST_GUILESS_MAIN(ClusterTest)
#include "tst_cluster.moc"
