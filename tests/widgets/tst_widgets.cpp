// The window's models, the import job and the window itself, on cases built
// from the real corpus. Expected values come from the input files (first
// record, line counts), not from the code under test.
#include "AboutDialog.h"
#include "CaseExplorer.h"
#include "CaseFile.h"
#include "CaseFileError.h"
#include "CaseTreeModel.h"
#include "ImportJob.h"
#include "ImportProgressWidget.h"
#include "ImportReportDialog.h"
#include "LogExplorer.h"
#include "LogExplorerModel.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "TimelineWidget.h"
#include "import/ImportBatch.h"
#include "import/ImporterRegistry.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QColor>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <unistd.h>

using namespace perfcase;

namespace {

const QString kCorpus = QStringLiteral(PERFCASE_CORPUS);
const QString kTenK =
    kCorpus + QStringLiteral("/nginx_access/elastic_examples_apache_combined_10k.log");
const QString kZanbil = kCorpus + QStringLiteral("/nginx_access/combined_zanbil_shop.log");
const QString kSmall = kCorpus + QStringLiteral("/nginx_access/combined_small.log");
const QString kMultiline = kCorpus + QStringLiteral("/postgres_logs/multiline_param.log");

// The earliest record of the 10k file (its rows are stored in time order).
const QString kTenKFirstMessage =
    QStringLiteral("83.149.9.216 - - [17/May/2015:10:05:00 +0000] \"GET "
                   "/presentations/logstash-monitorama-2013/images/redis.png HTTP/1.1\" 200 25230");

// The case explorer's model of sources and tracks, on its own read-only connection.
std::unique_ptr<CaseTreeModel> sourcesOf(const QString &casePath)
{
    auto model = std::make_unique<CaseTreeModel>();
    model->setCaseFile(CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly));
    return model;
}

ImportBatch::Summary importInto(const QString &casePath, const QStringList &inputs)
{
    auto file = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadWrite);
    const ImporterRegistry importers;
    ImportBatch batch(*file, importers);
    std::vector<std::string> paths;
    for (const QString &input : inputs)
        paths.push_back(input.toStdString());
    const CancelToken token;
    auto summary = batch.run(paths, ImportOptions{}, token, {});
    file->checkpoint();
    return summary;
}

std::int64_t scalar(const QString &casePath, const char *sql)
{
    auto file = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
    return file->db().scalarInt(sql);
}

// Loads every page of the log model; returns how many fetchMore() calls it took.

} // namespace

class TestWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sourcesModel_data(); // the case explorer's tree, source rows
    void sourcesModel();
    void sourcesModelTester();
    void logModelData_data();
    void logModelData();
    void logModelMultiline();
    void logModelEmptyCase();
    void modelsRefuseBadFiles_data();
    void modelsRefuseBadFiles();
    void recentFiles();
    void progressWidget();
    void importJob();
    void importJobReportsFailures();
    void importJobCancel();
    void mainWindowSmoke();
    void mainWindowDropAndReport();
    void mainWindowCloseDuringImport();
    void mainWindowBadCase();
    void mainWindowReadOnly();
    void mainWindowRemembersLayout();
    void statusBarShowsCaseSize();
    void aboutListsVersions();
    void fileActionsExplainThemselves();

private:
    QString newCase(const QString &name, const QStringList &inputs);
    QString bigInput();

    QTemporaryDir m_dir;
    QString m_tenK; // a case holding the 10k access log; tests only read it
};

// About 95 MB: the importer checks the token every MiB and reports its
// progress at the start of the file, so a cancel sent on that first report
// lands well inside the file even on a loaded machine.
QString TestWidgets::bigInput()
{
    const QString big = m_dir.filePath(QStringLiteral("big-access.log"));
    if (!QFileInfo::exists(big)) {
        QFile in(kTenK);
        QFile out(big);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(big));
        const QByteArray chunk = in.readAll();
        for (int i = 0; i < 40; ++i)
            out.write(chunk);
    }
    return big;
}

QString TestWidgets::newCase(const QString &name, const QStringList &inputs)
{
    const QString path = m_dir.filePath(name);
    CaseFile::create(path.toStdString(), "Test case " + name.toStdString(), "tester");
    if (!inputs.isEmpty()) {
        const auto summary = importInto(path, inputs);
        if (summary.imported != int(inputs.size()))
            qFatal("fixture import into %s failed", qPrintable(path));
    }
    return path;
}

void TestWidgets::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("perfcase-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_widgets"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(kTenK), qPrintable(kTenK));
    m_tenK = newCase(QStringLiteral("tenk.perfcase"), {kTenK});
}

void TestWidgets::sourcesModel_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QVariant>("display");
    QTest::addColumn<QVariant>("edit");
    QTest::addColumn<QString>("header");
    const QString name = QStringLiteral("elastic_examples_apache_combined_10k.log");
    QTest::newRow("name") << int(CaseTreeModel::Name) << QVariant(name) << QVariant(name)
                          << QStringLiteral("Name");
    QTest::newRow("kind") << int(CaseTreeModel::Kind) << QVariant(QStringLiteral("log"))
                          << QVariant(QStringLiteral("log")) << QStringLiteral("Kind");
    QTest::newRow("format") << int(CaseTreeModel::Format)
                            << QVariant(QStringLiteral("access-combined"))
                            << QVariant(QStringLiteral("access-combined"))
                            << QStringLiteral("Format / unit");
    QTest::newRow("records") << int(CaseTreeModel::Records) << QVariant(QLocale().toString(10000))
                             << QVariant(10000) << QStringLiteral("Records / rows");
    QTest::newRow("rejected") << int(CaseTreeModel::Rejected) << QVariant(QStringLiteral("0"))
                              << QVariant(0) << QStringLiteral("Rejected");
    QTest::newRow("state") << int(CaseTreeModel::State) << QVariant(QStringLiteral("complete"))
                           << QVariant(QStringLiteral("complete")) << QStringLiteral("State");
    // The file's earliest and latest lines (it is not in time order).
    QTest::newRow("first") << int(CaseTreeModel::FirstTime)
                           << QVariant(QStringLiteral("2015-05-17T10:05:00Z"))
                           << QVariant(qint64(1431857100) * 1000000000)
                           << QStringLiteral("First time");
    QTest::newRow("last") << int(CaseTreeModel::LastTime)
                          << QVariant(QStringLiteral("2015-05-20T21:05:59Z"))
                          << QVariant(qint64(1432155959) * 1000000000)
                          << QStringLiteral("Last time");
}

void TestWidgets::sourcesModel()
{
    QFETCH(int, column);
    QFETCH(QVariant, display);
    QFETCH(QVariant, edit);
    QFETCH(QString, header);
    auto tree = sourcesOf(m_tenK);
    CaseTreeModel &model = *tree;
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), int(CaseTreeModel::ColumnCount));
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), header);
    const QModelIndex index = model.index(0, column);
    QCOMPARE(model.data(index).toString(), display.toString());
    QCOMPARE(model.data(index, Qt::EditRole).toLongLong(), edit.toLongLong());
    QCOMPARE(model.data(index, Qt::EditRole).toString(), edit.toString());
    QCOMPARE(model.totalRecords(), qint64(10000));
}

void TestWidgets::sourcesModelTester()
{
    const QString path = newCase(QStringLiteral("sources-tester.perfcase"), {kTenK, kSmall});
    CaseTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCaseFile(CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1, CaseTreeModel::Name)).toString(),
             QStringLiteral("combined_small.log"));
    QCOMPARE(model.data(model.index(1, CaseTreeModel::Records), Qt::EditRole).toLongLong(), 3);
    QCOMPARE(model.data(model.index(1, CaseTreeModel::Name), Qt::ToolTipRole).toString(), kSmall);
    importInto(path, {kZanbil});
    model.refresh();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.totalRecords(), qint64(10000 + 3 + 1000));
    model.setCaseFile(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestWidgets::logModelData_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("messageStart");
    QTest::addColumn<QColor>("levelColour"); // invalid: default colour

    QTest::newRow("first record") << 0 << QStringLiteral("2015-05-17 10:05:00.000000")
                                  << QStringLiteral("info") << kTenKFirstMessage << QColor();
    // The file's first 404 (line 63), the 26th record in time order.
    QTest::newRow("404 is a warning")
        << 25 << QStringLiteral("2015-05-17 10:05:22.000000") << QStringLiteral("warning")
        << QStringLiteral("66.249.73.185 - - [17/May/2015:10:05:22 +0000] \"GET "
                          "/doc/index.html?org/elasticsearch/action/search/SearchResponse.html "
                          "HTTP/1.1\" 404 294")
        << QColor(0xd8, 0x6a, 0x00);
    // The first 5xx in time order: on the third page.
    QTest::newRow("500 is an error")
        << 2057 << QStringLiteral("2015-05-18 03:05:34.000000") << QStringLiteral("error")
        << QStringLiteral("66.249.73.135 - - [18/May/2015:03:05:34 +0000] \"GET "
                          "/misc/Title.php.txt HTTP/1.1\" 5")
        << QColor(0xc6, 0x28, 0x28);
}

void TestWidgets::logModelData()
{
    QFETCH(int, row);
    QFETCH(QString, time);
    QFETCH(QString, level);
    QFETCH(QString, messageStart);
    QFETCH(QColor, levelColour);

    LogExplorerModel model;
    model.setCase(m_tenK);
    QCOMPARE(model.rowCount(), 10'000); // exact, without fetching: the model is virtual
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.headerData(LogExplorerModel::Time, Qt::Horizontal).toString(),
             QStringLiteral("Time (UTC)"));
    QCOMPARE(model.data(model.index(row, LogExplorerModel::Time)).toString(), time);
    QCOMPARE(model.data(model.index(row, LogExplorerModel::Source)).toString(),
             QStringLiteral("elastic_examples_apache_combined_10k.log"));
    QCOMPARE(model.data(model.index(row, LogExplorerModel::Level)).toString(), level);
    const QString message = model.data(model.index(row, LogExplorerModel::Message)).toString();
    QVERIFY2(message.startsWith(messageStart), qPrintable(message));
    const QVariant colour =
        model.data(model.index(row, LogExplorerModel::Level), Qt::ForegroundRole);
    QCOMPARE(colour.value<QColor>(), levelColour);
    // Only the level cell is coloured.
    QVERIFY(!model.data(model.index(row, LogExplorerModel::Message), Qt::ForegroundRole).isValid());
}

void TestWidgets::logModelMultiline()
{
    const QString path = newCase(QStringLiteral("multiline.perfcase"), {kMultiline});
    LogExplorerModel model;
    model.setCase(path);
    QCOMPARE(model.rowCount(), 12);
    QVERIFY(!model.canFetchMore({}));
    // Record 6 of the file spans two lines: "... $2 = 'njchar\n\thello', $3 = 'aaaa'".
    const QModelIndex cell = model.index(5, LogExplorerModel::Message);
    QCOMPARE(model.data(cell).toString(),
             QStringLiteral("2021-12-03 07:14:48.594 UTC [4913] user=user1,db=mydb DETAIL:  "
                            "parameters: $1 = '1234', $2 = 'njchar"));
    const QString tooltip = model.data(cell, Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.contains(QStringLiteral("njchar")), qPrintable(tooltip));
    QVERIFY2(tooltip.contains(QStringLiteral("hello")), qPrintable(tooltip));
    QVERIFY2(tooltip.contains(QStringLiteral("aaaa")), qPrintable(tooltip));
    QVERIFY(model.data(model.index(0, LogExplorerModel::Level)).toString() ==
            QStringLiteral("info"));
}

void TestWidgets::logModelEmptyCase()
{
    const QString path = newCase(QStringLiteral("empty.perfcase"), {});
    LogExplorerModel logs;
    QAbstractItemModelTester tester(&logs, QAbstractItemModelTester::FailureReportingMode::QtTest);
    logs.setCase(path);
    QCOMPARE(logs.rowCount(), 0);
    QVERIFY(!logs.canFetchMore({}));
    // Rows that arrive later show after a refresh.
    importInto(path, {kSmall});
    logs.refresh();
    QCOMPARE(logs.rowCount(), 3);
    QCOMPARE(logs.data(logs.index(1, LogExplorerModel::Level)).toString(),
             QStringLiteral("warning"));

    QCOMPARE(sourcesOf(path)->rowCount(), 1);
}

void TestWidgets::modelsRefuseBadFiles_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content"); // empty: do not create
    QTest::addColumn<int>("kind");
    QTest::newRow("missing") << QStringLiteral("missing.perfcase") << QByteArray()
                             << int(CaseFileError::Missing);
    QTest::newRow("text file") << QStringLiteral("notes.perfcase")
                               << QByteArray("just some notes\n")
                               << int(CaseFileError::NotACaseFile);
    QTest::newRow("truncated header")
        << QStringLiteral("cut.perfcase") << QByteArray("SQLite format 3\0", 16)
        << int(CaseFileError::NotACaseFile);
}

void TestWidgets::modelsRefuseBadFiles()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(int, kind);
    const QString path = m_dir.filePath(fileName);
    if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    LogExplorerModel logs;
    try {
        logs.setCase(path);
        QFAIL("LogExplorerModel opened a bad file");
    } catch (const CaseFileError &error) {
        QCOMPARE(int(error.kind()), kind);
    }
    QCOMPARE(logs.rowCount(), 0);
    QVERIFY(!logs.canFetchMore({}));
}

void TestWidgets::recentFiles()
{
    RecentFiles recent(QStringLiteral("testRecent"));
    recent.clear();
    QVERIFY(recent.files().isEmpty());
    QStringList created;
    for (int i = 0; i < 12; ++i) {
        const QString path = m_dir.filePath(QStringLiteral("recent%1.perfcase").arg(i));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        created << path;
        recent.add(path);
    }
    QStringList files = recent.files();
    QCOMPARE(files.size(), RecentFiles::DefaultMaximum);
    QCOMPARE(files.first(), created.at(11)); // newest first
    QCOMPARE(files.last(), created.at(2));
    recent.add(created.at(5)); // reopening moves it to the front, once
    files = recent.files();
    QCOMPARE(files.first(), created.at(5));
    QCOMPARE(files.count(created.at(5)), 1);
    QCOMPARE(files.size(), RecentFiles::DefaultMaximum);
    // Relative paths are stored absolute.
    const QString cwd = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir.path()));
    recent.add(QStringLiteral("recent0.perfcase"));
    QVERIFY(QDir::setCurrent(cwd));
    QCOMPARE(recent.files().first(), created.at(0));
    // A file that is gone is dropped.
    QVERIFY(QFile::remove(created.at(11)));
    files = RecentFiles(QStringLiteral("testRecent")).files();
    QVERIFY(!files.contains(created.at(11)));
    QCOMPARE(files.size(), RecentFiles::DefaultMaximum - 1);
    // Forgotten for good, not only hidden.
    QCOMPARE(QSettings().value(QStringLiteral("testRecent")).toStringList().size(),
             RecentFiles::DefaultMaximum - 1);
    recent.remove(created.at(5));
    QVERIFY(!recent.files().contains(created.at(5)));
    recent.clear();
    QVERIFY(recent.files().isEmpty());
}

void TestWidgets::progressWidget()
{
    ImportProgressWidget widget;
    QSignalSpy cancel(&widget, &ImportProgressWidget::cancelRequested);
    QSignalSpy details(&widget, &ImportProgressWidget::detailsRequested);
    auto button = [&widget](const QString &text) {
        for (auto *candidate : widget.findChildren<QToolButton *>()) {
            if (candidate->text() == text) return candidate;
        }
        return static_cast<QToolButton *>(nullptr);
    };
    QToolButton *cancelButton = button(QStringLiteral("Cancel"));
    QToolButton *detailsButton = button(QStringLiteral("Details…"));
    QVERIFY(cancelButton && detailsButton);
    widget.show();

    widget.start();
    QVERIFY(widget.isRunning());
    QCOMPARE(widget.value(), 0);
    QVERIFY(cancelButton->isVisible() && !detailsButton->isVisible());
    widget.setCurrentFile(1, 4, QStringLiteral("/var/log/nginx/access%1.log"));
    widget.setProgress(1, 4, 500, 1000);
    QCOMPARE(widget.value(), 375); // (1 + 0.5) / 4 of the batch
    QCOMPARE(widget.text(), QStringLiteral("Importing access%1.log (2 of 4)"));
    widget.setProgress(3, 4, 1000, 1000);
    QCOMPARE(widget.value(), 1000);
    QTest::mouseClick(cancelButton, Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QVERIFY(!cancelButton->isEnabled()); // one request is enough
    widget.setCurrentFile(2, 4, QStringLiteral("next.log"));
    QCOMPARE(widget.text(), QStringLiteral("Cancelling…"));

    // Once over, the outcome stays with a way to the report.
    widget.finish(QStringLiteral("Imported 3 files; 1 failed"), true);
    QVERIFY(!widget.isRunning());
    QCOMPARE(widget.text(), QStringLiteral("Imported 3 files; 1 failed"));
    QVERIFY(!cancelButton->isVisible() && detailsButton->isVisible());
    QTest::mouseClick(detailsButton, Qt::LeftButton);
    QCOMPARE(details.count(), 1);
    widget.setProgress(0, 1, 1, 2); // a late report from a finished job changes nothing
    QCOMPARE(widget.text(), QStringLiteral("Imported 3 files; 1 failed"));

    widget.start();
    QVERIFY(cancelButton->isVisible() && cancelButton->isEnabled());
    QCOMPARE(widget.text(), QStringLiteral("Importing…"));
}

void TestWidgets::importJob()
{
    const QString path = newCase(QStringLiteral("job.perfcase"), {kTenK});
    auto sources = sourcesOf(path);
    QCOMPARE(sources->rowCount(), 1);

    ImportJob job(path, {kZanbil});
    QSignalSpy finished(&job, &ImportJob::finished);
    QSignalSpy files(&job, &ImportJob::fileFinished);
    QSignalSpy progress(&job, &ImportJob::progress);
    job.start();
    QVERIFY(job.isRunning());
    QVERIFY(finished.wait(30000));
    QVERIFY(!job.isRunning());
    QVERIFY2(job.errorString().isEmpty(), qPrintable(job.errorString()));
    QCOMPARE(files.count(), 1);
    const auto outcome = files.at(0).at(0).value<ImportOutcome>();
    QCOMPARE(outcome.status, ImportOutcome::Status::Imported);
    QCOMPARE(outcome.records, 1000);
    QCOMPARE(outcome.path, kZanbil.toStdString());
    QVERIFY(progress.count() >= 1);
    QCOMPARE(progress.at(0).at(1).toInt(), 1); // one file
    const auto summary = finished.at(0).at(0).value<ImportBatch::Summary>();
    QCOMPARE(summary.imported, 1);
    QVERIFY(!summary.cancelled);
    QVERIFY(job.summaryText().contains(QStringLiteral("Imported 1 file")));

    sources->refresh();
    QCOMPARE(sources->rowCount(), 2);
    QCOMPARE(sources->data(sources->index(1, CaseTreeModel::Name)).toString(),
             QStringLiteral("combined_zanbil_shop.log"));
    QCOMPARE(sources->totalRecords(), 11000);
}

void TestWidgets::importJobReportsFailures()
{
    const QString path = newCase(QStringLiteral("failures.perfcase"), {kTenK});
    const QString noTimes = m_dir.filePath(QStringLiteral("no-times.log"));
    {
        QFile file(noTimes);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello\nthere is no timestamp here\n");
    }
    const QString missing = m_dir.filePath(QStringLiteral("missing.log"));
    ImportJob job(path, {kTenK, noTimes, missing, kSmall});
    QSignalSpy finished(&job, &ImportJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    const auto &outcomes = job.outcomes();
    QCOMPARE(outcomes.size(), std::size_t(4));
    QCOMPARE(outcomes[0].status, ImportOutcome::Status::Duplicate);
    QCOMPARE(outcomes[1].status, ImportOutcome::Status::Failed);
    QCOMPARE(outcomes[2].status, ImportOutcome::Status::Failed);
    QCOMPARE(outcomes[3].status, ImportOutcome::Status::Imported);
    QCOMPARE(job.summary().failed, 2);
    QVERIFY(job.summary().inputError);
    QVERIFY(ImportJob::describe(outcomes[0]).contains(QStringLiteral("source #1")));
    QVERIFY(ImportJob::describe(outcomes[2]).contains(QStringLiteral("no such file")));
    QVERIFY(ImportJob::needsAttention(outcomes[1]));
    QVERIFY(!ImportJob::needsAttention(outcomes[3]));
    const QString summary = job.summaryText();
    QVERIFY2(summary.contains(QStringLiteral("2 failed")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("1 already in the case")), qPrintable(summary));
    QCOMPARE(scalar(path, "SELECT count(*) FROM v_sources"), 2);
}

void TestWidgets::importJobCancel()
{
    const QString big = bigInput();
    QVERIFY(QFileInfo(big).size() > 90'000'000);
    const QString path = newCase(QStringLiteral("cancel.perfcase"), {kSmall});
    const qint64 logsBefore = scalar(path, "SELECT count(*) FROM logs");

    ImportJob job(path, {big, kZanbil});
    QSignalSpy progress(&job, &ImportJob::progress);
    QSignalSpy finished(&job, &ImportJob::finished);
    // Cancel as the first report is delivered, not at the next poll.
    connect(&job, &ImportJob::progress, &job, &ImportJob::cancel);
    job.start();
    QVERIFY(QTest::qWaitFor([&] { return !job.isRunning(); }, 60000));
    QVERIFY(progress.count() > 0);
    QCOMPARE(finished.count(), 1);
    QVERIFY(job.summary().cancelled);
    QCOMPARE(job.outcomes().size(), std::size_t(1)); // the second file never started
    QCOMPARE(job.outcomes()[0].status, ImportOutcome::Status::Cancelled);
    QVERIFY(job.summaryText().contains(QStringLiteral("cancelled")));

    // Nothing of the big file is left: no source, ready or not, and no rows.
    QCOMPARE(scalar(path, "SELECT count(*) FROM sources"), 1);
    QCOMPARE(scalar(path, "SELECT count(*) FROM logs"), logsBefore);
    QCOMPARE(sourcesOf(path)->rowCount(), 1);

    // Destroying a running job cancels it too, and also leaves nothing.
    {
        ImportJob doomed(path, {big});
        QSignalSpy started(&doomed, &ImportJob::progress);
        doomed.start();
        QVERIFY(started.wait(30000)); // returns as soon as the first report arrives
        QVERIFY(doomed.isRunning());
    }
    QCOMPARE(scalar(path, "SELECT count(*) FROM sources"), 1);
}

void TestWidgets::mainWindowSmoke()
{
    const QString path = newCase(QStringLiteral("window.perfcase"), {kTenK});
    MainWindow window;
    window.show();
    QVERIFY(window.importAction()->isEnabled() == false); // no case yet
    window.openCase(path);
    QCOMPARE(window.casePath(), path);
    QVERIFY(!window.isReadOnly());
    QVERIFY2(window.windowTitle().contains(QStringLiteral("Test case window.perfcase")),
             qPrintable(window.windowTitle()));
    QVERIFY(window.windowTitle().contains(path));
    QVERIFY(window.importAction()->isEnabled());
    QCOMPARE(window.importAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));

    // The panels show the case: the explorer its source, the log table every
    // record (a virtual model: exact count, rows read on demand), the timeline
    // its lanes.
    auto *explorer = window.caseExplorer();
    auto *logs = window.logExplorer();
    QVERIFY(explorer && logs && window.timeline());
    QVERIFY(explorer->isVisible() && logs->isVisible() && window.timeline()->isVisible());
    QCOMPARE(explorer->treeModel()->rowCount(), 1);
    QCOMPARE(window.logModel()->rowCount(), 10'000);
    QCOMPARE(logs->table()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    QCOMPARE(window.logModel()
                 ->data(window.logModel()->index(0, LogExplorerModel::Message))
                 .toString()
                 .left(kTenKFirstMessage.size()),
             kTenKFirstMessage);
    QVERIFY(!window.timeline()->lanes().lanes.empty());

    // An import through the window's own job.
    QSignalSpy done(&window, &MainWindow::importFinished);
    QVERIFY(window.importPaths({kZanbil}));
    QVERIFY(window.currentImport());
    QVERIFY(!window.importAction()->isEnabled()); // one import at a time
    QVERIFY(!window.importPaths({kSmall}));
    QSignalSpy jobFinished(window.currentImport(), &ImportJob::finished);
    QVERIFY(jobFinished.wait(30000));
    QVERIFY(done.count() == 1 || done.wait(5000));
    QCOMPARE(window.caseExplorer()->treeModel()->rowCount(), 2);
    QCOMPARE(explorer->treeModel()->rowCount(), 2);
    QCOMPARE(window.logModel()->rowCount(), 11'000);
    QVERIFY(!window.currentImport());
    QVERIFY(window.importAction()->isEnabled());
    auto *progress = window.findChild<ImportProgressWidget *>();
    QVERIFY(progress);
    QVERIFY(progress->isVisible());
    QVERIFY(!progress->isRunning());
    QCOMPARE(progress->text(),
             QStringLiteral("Imported 1 file (%1 records)").arg(QLocale().toString(1000)));
    QVERIFY(!window.findChild<ImportReportDialog *>()); // nothing to look at
    QVERIFY(RecentFiles().files().contains(path));
}

void TestWidgets::mainWindowDropAndReport()
{
    const QString path = newCase(QStringLiteral("drop.perfcase"), {});
    const QString noTimes = m_dir.filePath(QStringLiteral("drop-no-times.log"));
    {
        QFile file(noTimes);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("no timestamp on this line\n");
    }
    MainWindow window;
    window.show();
    window.openCase(path);
    QCOMPARE(window.caseExplorer()->treeModel()->rowCount(), 0);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kSmall), QUrl::fromLocalFile(noTimes)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QSignalSpy done(&window, &MainWindow::importFinished);
    QCoreApplication::sendEvent(&window, &drop);
    QVERIFY(window.currentImport());
    QVERIFY(done.wait(30000));
    QCOMPARE(window.caseExplorer()->treeModel()->rowCount(), 1);
    QCOMPARE(window.logModel()->rowCount(), 3);

    // The failure is in the status bar and in a report listing every file.
    auto *progress = window.findChild<ImportProgressWidget *>();
    QVERIFY(progress && progress->isVisible());
    QCOMPARE(progress->text(), QStringLiteral("Imported 1 file (3 records); 1 failed"));
    auto *report = window.findChild<ImportReportDialog *>();
    QVERIFY(report);
    QVERIFY(report->isVisible());
    QCOMPARE(report->entryCount(), 2);
    const QString text = report->text();
    QVERIFY2(text.contains(QStringLiteral("imported\t") + kSmall), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("failed\t") + noTimes), qPrintable(text));
}

void TestWidgets::mainWindowCloseDuringImport()
{
    const QString path = newCase(QStringLiteral("closing.perfcase"), {kSmall});
    MainWindow window;
    window.show();
    window.openCase(path);
    QSignalSpy done(&window, &MainWindow::importFinished);
    QVERIFY(window.importPaths({bigInput()}));
    QSignalSpy started(window.currentImport(), &ImportJob::progress);
    QVERIFY(started.wait(30000));
    // Closing asks the import to stop and waits for it without blocking.
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    QVERIFY(done.wait(30000));
    QVERIFY(!window.isVisible());
    QCOMPARE(scalar(path, "SELECT count(*) FROM sources"), 1);
}

void TestWidgets::mainWindowBadCase()
{
    const QString bad = m_dir.filePath(QStringLiteral("bad.perfcase"));
    {
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a database\n");
    }
    MainWindow window;
    window.show();
    window.openCase(m_tenK);
    window.openCase(bad);
    // The error names the file and the reason; the open case stays open.
    auto *box = window.findChild<QMessageBox *>();
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY2(box->text().contains(bad), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(QStringLiteral("not a case file")),
             qPrintable(box->informativeText()));
    // ... and what to do about it.
    QVERIFY2(box->informativeText().contains(QStringLiteral("File › New Case…")),
             qPrintable(box->informativeText()));
    QCOMPARE(window.casePath(), m_tenK);
    QCOMPARE(window.caseExplorer()->treeModel()->rowCount(), 1);
    box->close();

    MainWindow fresh;
    fresh.show();
    fresh.openCase(m_dir.filePath(QStringLiteral("does-not-exist.perfcase")));
    box = fresh.findChild<QMessageBox *>();
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains(QStringLiteral("no such case file")),
             qPrintable(box->informativeText()));
    QVERIFY2(box->informativeText().contains(QStringLiteral("taken off Open Recent")),
             qPrintable(box->informativeText()));
    QVERIFY(fresh.casePath().isEmpty());
    QVERIFY(!fresh.importAction()->isEnabled());
}

void TestWidgets::mainWindowReadOnly()
{
    if (::geteuid() == 0) QSKIP("root can write any file: a read-only case cannot be made here");
    const QString path = newCase(QStringLiteral("readonly.perfcase"), {kSmall});
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    MainWindow window;
    window.show();
    window.openCase(path);
    QCOMPARE(window.casePath(), path);
    QVERIFY(window.isReadOnly());
    QVERIFY(!window.importAction()->isEnabled());
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("read-only")));
    QVERIFY(!window.importPaths({kZanbil}));
    QCOMPARE(window.caseExplorer()->treeModel()->rowCount(), 1);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

void TestWidgets::mainWindowRemembersLayout()
{
    const QString path = newCase(QStringLiteral("layout.perfcase"), {kSmall});
    QSize left;
    {
        MainWindow window;
        window.show();
        window.openCase(path);
        QVERIFY(window.checklistDock()->isVisible()); // the first time: the default panels
        window.checklistDock()->toggleViewAction()->trigger();
        window.resize(1100, 700);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        left = window.size(); // what the window allowed of it
        QVERIFY(window.close());
    }
    MainWindow again;
    QCOMPARE(again.size(), left);
    again.show();
    // Before a case the docks stay hidden; the case brings them back as left.
    QVERIFY(!again.checklistDock()->isVisible());
    again.openCase(path);
    QVERIFY(!again.checklistDock()->isVisible());
    QVERIFY(again.caseExplorer()->isVisible());
    // Every menu shows its actions' tooltips.
    for (QAction *action : again.menuBar()->actions())
        QVERIFY2(action->menu()->toolTipsVisible(), qPrintable(action->text()));
    for (const char *key : {"window/geometry", "window/state", "window/timelineSplit"})
        QSettings().remove(QLatin1String(key));
}

void TestWidgets::statusBarShowsCaseSize()
{
    const QString path = newCase(QStringLiteral("size.perfcase"), {kTenK});
    MainWindow window;
    window.show();
    window.openCase(path);
    const QString size = QLocale().formattedDataSize(QFileInfo(path).size());
    QLabel *status = nullptr;
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
        if (label->text().contains(QStringLiteral("records"))) status = label;
    QVERIFY(status);
    QVERIFY2(status->text().contains(QStringLiteral("1 source")), qPrintable(status->text()));
    QVERIFY2(status->text().contains(QLocale().toString(10'000)), qPrintable(status->text()));
    QVERIFY2(status->text().endsWith(size), qPrintable(status->text() + u' ' + size));
}

void TestWidgets::aboutListsVersions()
{
    const QString text = AboutDialog::versionsText();
    // What this binary really runs with, not what it was built against.
    QVERIFY2(text.startsWith(QStringLiteral("Perfcase " PERFCASE_VERSION ", case schema ")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
    for (const char *library :
         {"QCustomPlot 2.", "SQLite 3.", "libssh2 1.", "OpenSSL 3.", "nlohmann/json 3."})
        QVERIFY2(text.contains(QLatin1String(library)), library);
    AboutDialog dialog;
    QLabel *versions = dialog.findChild<QLabel *>(QStringLiteral("versions"));
    QVERIFY(versions);
    QCOMPARE(versions->text(), text);
}

void TestWidgets::fileActionsExplainThemselves()
{
    MainWindow window;
    QMenu *file = window.menuBar()->actions().first()->menu();
    QVERIFY(file);
    int explained = 0;
    for (QAction *action : file->actions()) {
        if (action->isSeparator() || action->menu()) continue;
        const QString label = action->text().remove(u'&').remove(u'…');
        // A tooltip of its own, not Qt's default (the label again).
        QVERIFY2(action->toolTip().remove(u'…') != label, qPrintable(label));
        explained += !action->icon().isNull();
    }
    QVERIFY(explained >= 5); // New, Open, Import Files and Folder, Export Report, Quit
}

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
