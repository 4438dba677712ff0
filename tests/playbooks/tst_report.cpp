// `perfcase report` end to end: the Markdown and the PDF of a recorded
// scenario hold every section, the figures and the decision; text that
// comes from data cannot inject Markdown; bad options are usage errors.
#include "CliRunner.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void markdown();
    void pdf_data();
    void pdf();
    void hostileLogLinesAreEscaped();
    void usageErrors_data();
    void usageErrors();

private:
    QTemporaryDir m_dir;
    QString m_case;
};

namespace {

const QStringList kSections{QStringLiteral("## Summary"),
                            QStringLiteral("## Root-cause reasoning"),
                            QStringLiteral("## Evidence"),
                            QStringLiteral("## Timeline"),
                            QStringLiteral("## Signals checked"),
                            QStringLiteral("## Immediate actions (lowest cost first)"),
                            QStringLiteral("## Long-term changes"),
                            QStringLiteral("## Open questions"),
                            QStringLiteral("## Appendix")};

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString pdfText(const QString &path)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    process.waitForFinished(60000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

void TestReport::initTestCase()
{
    m_case = m_dir.filePath(QStringLiteral("mixed.perfcase"));
    QString error;
    QVERIFY2(buildCase(m_case, {{QStringLiteral(PERFCASE_SCENARIOS "/mixed")}}, &error),
             qPrintable(error));
}

void TestReport::markdown()
{
    const QString path = m_dir.filePath(QStringLiteral("out/report.md"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("out")));
    CliResult result = runPerfcase({QStringLiteral("report"), m_case, QStringLiteral("--playbook"),
                                    QStringLiteral("import-lag"), QStringLiteral("-o"), path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString md = readText(path);
    int at = -1;
    for (const QString &section : kSections) {
        int next = md.indexOf(section);
        QVERIFY2(next > at, qPrintable(section));
        at = next;
    }
    QVERIFY(
        md.contains(QLatin1String("**Primary hypothesis: Mixed: realtime updates flood the UI**")));
    // Figures are written beside the report and linked relatively.
    QVERIFY(md.contains(QLatin1String("](report.assets/timeline.png)")));
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("out/report.assets/timeline.png"))).size() >
            10000);
    QVERIFY(md.contains(QLatin1String("](report.assets/step-socketio-volume.png)")));
    // Actions are ordered by cost and filtered by the verdict.
    const int virtualize = md.indexOf(QLatin1String("Virtualize rows and columns"));
    const int batch = md.indexOf(QLatin1String("Debounce or batch realtime updates"));
    QVERIFY(virtualize > 0 && batch > virtualize);
}

void TestReport::pdf_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("size");
    QTest::newRow("A4") << "A4"
                        << "595 x 842";
    QTest::newRow("Letter") << "Letter"
                            << "612 x 792";
}

void TestReport::pdf()
{
    QFETCH(QString, page);
    QFETCH(QString, size);
    const QString path = m_dir.filePath(page + QStringLiteral(".pdf"));
    CliResult result = runPerfcase({QStringLiteral("report"), m_case, QStringLiteral("--playbook"),
                                    QStringLiteral("import-lag"), QStringLiteral("--page"), page,
                                    QStringLiteral("-o"), path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString text = pdfText(path).simplified();
    for (QString section : kSections)
        // "first" may come out of pdftotext as a ligature: match the words before it.
        QVERIFY2(text.contains(section.remove(QStringLiteral("## ")).section(u'(', 0, 0).trimmed()),
                 qPrintable(section));
    QVERIFY(text.contains(QLatin1String("Page 1 of")));
    QVERIFY(text.contains(QLatin1String("Primary hypothesis: Mixed")));
    QProcess info;
    info.start(QStringLiteral("pdfinfo"), {path});
    info.waitForFinished();
    QVERIFY(QString::fromUtf8(info.readAllStandardOutput()).contains(size));
    QProcess images;
    images.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path});
    images.waitForFinished();
    // Header lines plus one line per embedded figure (timeline and step plots).
    const auto lines =
        QString::fromUtf8(images.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 2 + 3, qPrintable(QString::number(lines.size())));
}

void TestReport::hostileLogLinesAreEscaped()
{
    // A log whose lines try to be Markdown and HTML; they are timeouts, so
    // the api-log-errors check cites them as evidence.
    const QString log = m_dir.filePath(QStringLiteral("hostile.log"));
    QFile file(log);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int i = 0; i < 6; ++i)
        file.write(
            QStringLiteral(
                "2026-11-22T19:32:2%1.000Z ERROR timeout # Heading ![x](http://evil.example/x.png) "
                "<script>alert(1)</script> | cell | [link](javascript:1) **bold** `code`\n")
                .arg(i)
                .toUtf8());
    file.close();
    const QString casePath = m_dir.filePath(QStringLiteral("hostile.perfcase"));
    QString error;
    QVERIFY2(buildCase(casePath, {{log, QStringLiteral("--format"), QStringLiteral("text-log")}},
                       &error),
             qPrintable(error));
    const QString path = m_dir.filePath(QStringLiteral("hostile.md"));
    CliResult result =
        runPerfcase({QStringLiteral("report"), casePath, QStringLiteral("--playbook"),
                     QStringLiteral("import-lag"), QStringLiteral("-o"), path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString md = readText(path);
    QVERIFY(md.contains(
        QLatin1String("timeout \\# Heading \\!\\[x\\]\\(http\\://evil.example/x.png\\)")));
    QVERIFY(!md.contains(QLatin1String("<script>")));
    QVERIFY(!md.contains(QLatin1String("](http")));
    QVERIFY(!md.contains(QLatin1String("**bold**")));
    QVERIFY(md.contains(QLatin1String("\\| cell \\|")));
    // In the PDF the line reads as it was written: escaped, not interpreted.
    const QString pdf = m_dir.filePath(QStringLiteral("hostile.pdf"));
    result = runPerfcase({QStringLiteral("report"), casePath, QStringLiteral("--playbook"),
                          QStringLiteral("import-lag"), QStringLiteral("-o"), pdf});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString text = pdfText(pdf).simplified();
    QVERIFY2(text.contains(QLatin1String("<script>alert(1)</script>")),
             qPrintable(text.left(3000)));
    QVERIFY(text.contains(QLatin1String("![x](http://evil.example/x.png)")));
}

void TestReport::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("no -o") << QStringList{QStringLiteral("--playbook"),
                                          QStringLiteral("import-lag")}
                           << 2;
    QTest::newRow("bad extension")
        << QStringList{QStringLiteral("--playbook"), QStringLiteral("import-lag"),
                       QStringLiteral("-o"), QStringLiteral("r.docx")}
        << 2;
    QTest::newRow("unknown playbook")
        << QStringList{QStringLiteral("--playbook"), QStringLiteral("nope"), QStringLiteral("-o"),
                       QStringLiteral("r.md")}
        << 2;
    QTest::newRow("bad page") << QStringList{QStringLiteral("--playbook"),
                                             QStringLiteral("import-lag"),
                                             QStringLiteral("--page"),
                                             QStringLiteral("A3"),
                                             QStringLiteral("-o"),
                                             QStringLiteral("r.pdf")}
                              << 2;
}

void TestReport::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    CliResult result = runPerfcase(QStringList{QStringLiteral("report"), m_case} + arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY(result.err.contains("perfcase: error:"));
    // A missing case is a case error.
    result =
        runPerfcase({QStringLiteral("report"), m_dir.filePath(QStringLiteral("missing.perfcase")),
                     QStringLiteral("--playbook"), QStringLiteral("import-lag"),
                     QStringLiteral("-o"), m_dir.filePath(QStringLiteral("x.md"))});
    QCOMPARE(result.exitCode, 4);
}

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
