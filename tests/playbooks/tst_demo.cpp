// The bundled demo case (app/DemoCase.h) through the real binary: its
// report, every bundled playbook run against it, reuse of the case, a broken
// one set aside, and the command's errors. XDG_DATA_HOME points at a
// temporary folder, so the user's own demo case is never touched.
#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void report_data();
    void report();
    void everyBundledPlaybookRunsOnTheDemo();
    void reusedThenRebuiltWhenBroken();
    void badArguments_data();
    void badArguments();
    void windowWithoutDisplay();

private:
    QString demoCase() const
    {
        return m_data.filePath(QStringLiteral("perfcase/perfcase/demo/import-lag-demo.perfcase"));
    }
    QTemporaryDir m_data, m_out;
};

void TestDemo::initTestCase()
{
    QVERIFY(m_data.isValid() && m_out.isValid());
    qputenv("XDG_DATA_HOME", m_data.path().toUtf8());
}

void TestDemo::report_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("starts");
    QTest::newRow("markdown") << QStringLiteral("demo.md")
                              << QByteArray("# Demo: the table UI lags after a 10k-row import");
    QTest::newRow("pdf") << QStringLiteral("demo.pdf") << QByteArray("%PDF-");
}

void TestDemo::report()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, starts);
    const QString out = m_out.filePath(file);
    const CliResult result = runPerfcase({QStringLiteral("demo"), QStringLiteral("--report"), out});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.out.contains("verdict mixed"), result.out.constData());
    QVERIFY2(result.out.contains(QDir::toNativeSeparators(demoCase()).toUtf8()),
             result.out.constData());
    QFile written(out);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray text = written.readAll();
    QVERIFY2(text.startsWith(starts), text.left(200).constData());
    if (file.endsWith(QLatin1String(".md"))) {
        QVERIFY(text.contains("Mixed: realtime updates flood the UI"));
        // The evidence comes from every kind of input of the recording.
        for (const char *evidence : {"replicas", "Readiness probe failed", "long tasks",
                                     "DOM peaked", "Realtime messages peaked"})
            QVERIFY2(text.contains(evidence), evidence);
        QVERIFY(QFile::exists(m_out.filePath(QStringLiteral("demo.assets/timeline.png"))));
    }
}

void TestDemo::everyBundledPlaybookRunsOnTheDemo()
{
    // DESIGN.md, Vocabulary: an unknown track, label or column in a bundled
    // playbook fails here (a step that cannot run exits 5 and names it).
    QVERIFY(QFile::exists(demoCase()));
    const CliResult listed = runPerfcase({QStringLiteral("playbooks"), QStringLiteral("--json")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray playbooks = QJsonDocument::fromJson(listed.out).array();
    QVERIFY(playbooks.size() >= 5);
    for (const QJsonValue &entry : playbooks) {
        const QString id = entry.toObject().value(QStringLiteral("id")).toString();
        const CliResult checked =
            runPerfcase({QStringLiteral("check"), demoCase(), QStringLiteral("--playbook"), id,
                         QStringLiteral("--json"), QStringLiteral("--no-save")});
        QVERIFY2(checked.exitCode == 0, qPrintable(id + u' ' + QString::fromUtf8(checked.err)));
        const QJsonObject result = QJsonDocument::fromJson(checked.out).object();
        QVERIFY2(!result.isEmpty(), qPrintable(id));
        if (id == QLatin1String("import-lag"))
            QCOMPARE(result.value(QStringLiteral("decision"))
                         .toObject()
                         .value(QStringLiteral("verdict"))
                         .toString(),
                     QStringLiteral("mixed"));
    }
}

void TestDemo::reusedThenRebuiltWhenBroken()
{
    const QString path = demoCase();
    QVERIFY(QFile::exists(path));
    // The next `demo` opens the same case again (with what the user added to it).
    const CliResult before =
        runPerfcase({QStringLiteral("query"), path,
                     QStringLiteral("SELECT value FROM v_meta WHERE key = 'case_uuid'")});
    QVERIFY2(before.exitCode == 0, before.err.constData());
    QCOMPARE(before.out.count('-'), 4); // the header line, then one uuid
    const QString report = m_out.filePath(QStringLiteral("again.md"));
    QCOMPARE(runPerfcase({QStringLiteral("demo"), QStringLiteral("--report"), report}).exitCode, 0);
    const CliResult after =
        runPerfcase({QStringLiteral("query"), path,
                     QStringLiteral("SELECT value FROM v_meta WHERE key = 'case_uuid'")});
    QCOMPARE(after.out, before.out);

    // A demo case that no longer opens is kept aside and a new one is built.
    for (const char *suffix : {"-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    QFile broken(path);
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write(QByteArray("not a case file").repeated(100));
    broken.close();
    const CliResult rebuilt =
        runPerfcase({QStringLiteral("demo"), QStringLiteral("--report"), report});
    QVERIFY2(rebuilt.exitCode == 0, rebuilt.err.constData());
    QVERIFY(rebuilt.out.contains("verdict mixed"));
    QFile aside(path + QStringLiteral(".unreadable"));
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QVERIFY(aside.readAll().startsWith("not a case file"));
    const CliResult fresh =
        runPerfcase({QStringLiteral("query"), path,
                     QStringLiteral("SELECT value FROM v_meta WHERE key = 'case_uuid'")});
    QCOMPARE(fresh.exitCode, 0);
    QVERIFY(fresh.out != before.out);
}

void TestDemo::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("report format")
        << QStringList{QStringLiteral("--report"), QStringLiteral("demo.txt")}
        << QByteArray(".md or .pdf");
    QTest::newRow("no file") << QStringList{QStringLiteral("--report")} << QByteArray("report");
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")} << QByteArray("demo");
}

void TestDemo::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const CliResult result = runPerfcase(QStringList{QStringLiteral("demo")} + arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), result.err.constData());
}

void TestDemo::windowWithoutDisplay()
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QLatin1String(name));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(PERFCASE_BINARY), {QStringLiteral("demo")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 6);
    QVERIFY(process.readAllStandardError().contains("no display"));
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
