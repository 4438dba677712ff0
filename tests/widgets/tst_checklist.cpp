// The checklist panel on a case built from the real recording of the
// flagship situation (a Chrome trace and a HAR of the same run) and a real
// HPA list: its verdicts are the engine's (what `perfcase check` prints), an
// evidence row drives the shared selection, overrides need a justification
// and are stored with their author, notes are stored, and a case that was
// checked shows its stored state when opened again, without running.
#include "CaseExplorer.h"
#include "CaseFile.h"
#include "CaseTreeModel.h"
#include "ChecklistDock.h"
#include "ChecklistModel.h"
#include "ChecklistSnapshot.h"
#include "DecisionHeader.h"
#include "EvidenceModel.h"
#include "MainWindow.h"
#include "OverrideDialog.h"
#include "QueryRunner.h"
#include "ReportExporter.h"
#include "StepDetails.h"
#include "TimelineWidget.h"
#include "UserIdentity.h"
#include "ViewState.h"
#include "import/ImportBatch.h"
#include "import/ImporterRegistry.h"
#include "playbook/ChecklistStore.h"
#include "playbook/DecisionMaker.h"
#include "playbook/PlaybookCatalog.h"
#include "playbook/PlaybookEngine.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <algorithm>

using namespace perfcase;

namespace {

const QString kFixtures = QStringLiteral(PERFCASE_FIXTURES);
const QStringList kInputs{kFixtures + QStringLiteral("/recording/table-lag.trace.json.gz"),
                          kFixtures + QStringLiteral("/recording/table-lag.har"),
                          kFixtures + QStringLiteral("/k8s/hpa_v2_list_20261120T101500Z.json")};
constexpr int kTimeout = 60'000; // a loaded CI machine runs the checks slowly

QString verdictOf(const StepResult &step)
{
    return QString::fromStdString(verdictName(step.verdict()));
}

// The case's checked_at (set by every stored run), 0 when never checked.
qint64 checkedAt(const QString &path)
{
    auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
    const std::string value = file->meta("checked_at");
    return value.empty() ? 0 : std::stoll(value);
}

void waitIdle(ChecklistDock &dock)
{
    QTRY_VERIFY_WITH_TIMEOUT(!dock.isBusy() && dock.model()->hasSnapshot(), kTimeout);
}

} // namespace

class TestChecklist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelTester();
    void evidenceModel();
    void runsWhenNeverChecked();
    void runShowsEngineVerdicts_data();
    void runShowsEngineVerdicts();
    void concreteVerdicts_data();
    void concreteVerdicts();
    void collectSaysWhatToImport();
    void evidenceClickSelects();
    void evidenceSorts();
    void overrideNeedsJustification();
    void overrideIsStored_data();
    void overrideIsStored();
    void noteIsStored();
    void reopenShowsStoredState();
    void cancelKeepsStoredState();
    void playbookRememberedPerCase();
    void mainWindowWiring();
    void demoOpensChecked();
    void exportReport_data();
    void exportReport();

private:
    // A copy of a prepared case, so each test changes its own.
    QString copyOf(const QString &source, const QString &name);
    // The dock on a copy of the checked case, with the stored state shown.
    std::unique_ptr<ChecklistDock> openChecked(const QString &name, QString *path = nullptr);
    // The same, shown with a step selected, following a shared view state.
    std::unique_ptr<ChecklistDock> openOnStep(const QString &name, ViewState &view,
                                              const QString &step);

    QTemporaryDir m_dir;
    int m_copies = 0;
    QString m_fresh;   // imported, never checked
    QString m_checked; // imported and checked (the engine's run saved)
    PlaybookResult m_expected;
    // What the panel showed after its own run (runsWhenNeverChecked).
    std::map<QString, std::pair<QString, QString>> m_shown; // step -> verdict, summary
    QString m_shownDecision, m_shownReasoning;
    int m_shownConfidence = -1;
    std::unique_ptr<PlaybookCatalog> m_catalog;
    const Playbook *m_playbook = nullptr;
};

void TestChecklist::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("perfcase-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_checklist"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_fresh = m_dir.filePath(QStringLiteral("fresh.perfcase"));
    {
        auto file = CaseFile::create(m_fresh.toStdString(), "table lag", "tester");
        const ImporterRegistry importers;
        ImportBatch batch(*file, importers);
        std::vector<std::string> paths;
        for (const QString &input : kInputs)
            paths.push_back(input.toStdString());
        const auto summary = batch.run(paths, ImportOptions{}, CancelToken{}, {});
        QCOMPARE(summary.imported, int(kInputs.size()));
        file->checkpoint();
    }
    m_catalog = std::make_unique<PlaybookCatalog>(
        m_dir.filePath(QStringLiteral("no-user-playbooks")).toStdString());
    m_playbook = m_catalog->find(ChecklistDock::kDefaultPlaybook);
    QVERIFY(m_playbook);
    // What `perfcase check --playbook import-lag` computes and prints.
    QueryRunner runner(m_fresh.toStdString());
    m_expected = PlaybookEngine(runner).run(*m_playbook);
    QVERIFY(!m_expected.hasErrors());

    m_checked = copyOf(m_fresh, QStringLiteral("checked.perfcase"));
    auto file = CaseFile::open(m_checked.toStdString(), CaseFile::Access::ReadWrite);
    ChecklistStore(file->db()).saveRun(m_expected);
    file->checkpoint();
}

QString TestChecklist::copyOf(const QString &source, const QString &name)
{
    // Numbered: a name is never reused, nor a WAL left beside it.
    const QString path = m_dir.filePath(QString::number(++m_copies) + QLatin1Char('-') + name);
    if (!QFile::copy(source, path)) qFatal("cannot copy %s", qPrintable(source));
    QFile(path).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

std::unique_ptr<ChecklistDock> TestChecklist::openChecked(const QString &name, QString *path)
{
    const QString copy = copyOf(m_checked, name);
    if (path) *path = copy;
    auto dock = std::make_unique<ChecklistDock>(nullptr, m_dir.filePath(QStringLiteral("none")));
    dock->resize(500, 800);
    dock->setCase(copy);
    return dock;
}

std::unique_ptr<ChecklistDock> TestChecklist::openOnStep(const QString &name, ViewState &view,
                                                        const QString &step)
{
    auto dock = openChecked(name);
    dock->setViewState(&view);
    dock->show();
    waitIdle(*dock);
    dock->selectStep(step);
    return dock;
}

void TestChecklist::modelTester()
{
    ChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setPlaybook(m_playbook);
    QCOMPARE(model.rowCount(), int(m_playbook->sections.size()));
    // No snapshot yet: the steps are there, without verdicts.
    const QModelIndex first = model.index(0, 0, model.index(0, 0));
    QVERIFY(model.isStep(first));
    QVERIFY(model.data(first, Qt::DecorationRole).isNull());
    ChecklistSnapshot snapshot;
    snapshot.result = m_expected;
    snapshot.hasRun = true;
    model.setSnapshot(snapshot);
    int steps = 0;
    for (int section = 0; section < model.rowCount(); ++section) {
        const QModelIndex parent = model.index(section, 0);
        QVERIFY(!model.isStep(parent));
        QCOMPARE(model.rowCount(model.index(section, 1)), 0);
        for (int row = 0; row < model.rowCount(parent); ++row, ++steps) {
            const QModelIndex step = model.index(row, 0, parent);
            QCOMPARE(step.parent(), parent);
            QVERIFY(!model.data(step, Qt::DecorationRole).value<QIcon>().isNull());
            QCOMPARE(model.stepIndex(step.data(ChecklistModel::StepIdRole).toString()), step);
        }
    }
    QCOMPARE(steps, int(m_playbook->steps().size()));
    model.setPlaybook(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestChecklist::evidenceModel()
{
    EvidenceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ViewState view;
    model.setViewState(&view);
    // 2026-11-20 10:15:00 UTC, a 52 ms range, and a row with no time.
    const qint64 ts = qint64(1'795'169'700) * 1'000'000'000;
    model.setEvidence({{ts, ts + 52'000'000, "frame of 52 ms", 52.0},
                       {std::nullopt, std::nullopt, "no time", std::nullopt}},
                      7);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.totalRows(), qint64(7));
    QCOMPARE(model.index(0, EvidenceModel::Time).data().toString(),
             QStringLiteral("2026-11-20 10:15:00.000"));
    QCOMPARE(model.index(0, EvidenceModel::End).data().toString(), QStringLiteral("10:15:00.052"));
    QCOMPARE(model.index(0, EvidenceModel::Value).data().toString(), QLocale().toString(52.0));
    QCOMPARE(model.index(0, EvidenceModel::Text).data().toString(),
             QStringLiteral("frame of 52 ms"));
    QCOMPARE(model.rangeAt(0), std::optional(ViewState::Range{ts, ts + 52'000'000}));
    QVERIFY(!model.rangeAt(1));
    QCOMPARE(model.headerData(EvidenceModel::Time, Qt::Horizontal).toString(),
             QStringLiteral("Time (UTC)"));
    // The display zone is the view's: a zone change re-renders the times.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    view.setDisplayZone(QTimeZone("Europe/Berlin"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, EvidenceModel::Time).data().toString(),
             QStringLiteral("2026-11-20 11:15:00.000"));
}

void TestChecklist::runsWhenNeverChecked()
{
    // A case never checked with the playbook is checked when it opens, off
    // the GUI thread with progress, and the run is saved in the case.
    const QString path = copyOf(m_fresh, QStringLiteral("run.perfcase"));
    QCOMPARE(checkedAt(path), qint64(0));
    ChecklistDock dock(nullptr, m_dir.filePath(QStringLiteral("none")));
    // The live model too: every reset and change the panel makes is consistent.
    QAbstractItemModelTester tester(dock.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy started(&dock, &ChecklistDock::checksStarted);
    // Seen as the run starts: it may be over by the time a spy is polled.
    bool running = false, progressShown = false, runEnabled = true;
    connect(&dock, &ChecklistDock::checksStarted, this, [&] {
        running = dock.isRunning();
        progressShown = dock.progressBar()->isVisibleTo(&dock);
        runEnabled = dock.runAction()->isEnabled();
    });
    dock.setCase(path);
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kTimeout);
    QVERIFY(running);
    QVERIFY(progressShown);
    QVERIFY(!runEnabled);
    QTRY_VERIFY_WITH_TIMEOUT(!dock.isBusy() && dock.model()->snapshot().hasRun, kTimeout);
    QVERIFY(!dock.progressBar()->isVisibleTo(&dock));
    QVERIFY(dock.runAction()->isEnabled());
    QVERIFY(checkedAt(path) > 0);
    for (const Step *step : m_playbook->steps()) {
        const QModelIndex index = dock.model()->stepIndex(QString::fromStdString(step->id));
        m_shown[QString::fromStdString(step->id)] = {
            index.data(ChecklistModel::VerdictRole).toString(),
            index.siblingAtColumn(ChecklistModel::Summary).data().toString()};
    }
    m_shownDecision = dock.header()->verdictText();
    m_shownReasoning = dock.header()->reasoningText();
    m_shownConfidence = dock.header()->confidencePercent();
    // The first failed step is selected, its evidence shown.
    QCOMPARE(dock.model()->stepIndex(dock.currentStepId()).data(ChecklistModel::VerdictRole),
             QVariant(QStringLiteral("fail")));
}

void TestChecklist::runShowsEngineVerdicts_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("summary");
    for (const StepResult &step : m_expected.steps)
        QTest::newRow(step.stepId.c_str()) << QString::fromStdString(step.stepId) << verdictOf(step)
                                           << QString::fromStdString(step.summary);
}

void TestChecklist::runShowsEngineVerdicts()
{
    QFETCH(QString, step);
    QFETCH(QString, verdict);
    QFETCH(QString, summary);
    QVERIFY(m_shown.count(step));
    QCOMPARE(m_shown[step].first, verdict);
    QCOMPARE(m_shown[step].second, summary);
    // The decision at the top is the engine's.
    const Hypothesis *hypothesis = m_playbook->hypothesis(m_expected.decision.verdict);
    QCOMPARE(m_shownDecision, hypothesis ? QString::fromStdString(hypothesis->title)
                                         : QStringLiteral("Inconclusive"));
    QCOMPARE(m_shownConfidence, int(std::lround(m_expected.decision.confidence * 100)));
    QCOMPARE(m_shownReasoning, QString::fromStdString(m_expected.decision.reasoning));
}

void TestChecklist::concreteVerdicts_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("missing"); // part of the first missing hint, or empty
    // The recording renders 2,000 rows x 20 columns without virtualization.
    QTest::newRow("dom-size") << "dom-size"
                              << "fail"
                              << "";
    // No API log in this case: the step says to collect kubectl logs.
    QTest::newRow("api-log-errors") << "api-log-errors"
                                    << "inconclusive"
                                    << "kubectl logs";
    // Neither kubectl top nor node metrics were imported.
    QTest::newRow("nodes-saturated") << "nodes-saturated"
                                     << "inconclusive"
                                     << "kubectl top nodes";
}

void TestChecklist::concreteVerdicts()
{
    QFETCH(QString, step);
    QFETCH(QString, verdict);
    QFETCH(QString, missing);
    auto dock = openChecked(QStringLiteral("concrete.perfcase"));
    waitIdle(*dock);
    const QModelIndex index = dock->model()->stepIndex(step);
    QCOMPARE(index.data(ChecklistModel::VerdictRole).toString(), verdict);
    dock->selectStep(step);
    QCOMPARE(dock->currentStepId(), step);
    const StepResult *result = dock->model()->result(step.toStdString());
    QVERIFY(result);
    if (missing.isEmpty()) {
        QVERIFY(result->missing.empty());
        QVERIFY(!dock->details()->collectButton()->isVisibleTo(dock->details()));
        QVERIFY(dock->details()->evidenceModel()->rowCount() > 0);
    } else {
        QVERIFY(!result->missing.empty());
        QVERIFY2(QString::fromStdString(result->missing.front()).contains(missing),
                 result->missing.front().c_str());
        QVERIFY(dock->details()->missingText().contains(missing));
        QVERIFY(dock->details()->collectButton()->isVisibleTo(dock->details()));
    }
}

void TestChecklist::collectSaysWhatToImport()
{
    auto dock = openChecked(QStringLiteral("collect.perfcase"));
    waitIdle(*dock);
    dock->selectStep(QStringLiteral("api-log-errors"));
    QMessageBox *box = dock->showCollectHelp();
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("kubectl logs -n NAMESPACE")));
    QVERIFY(box->informativeText().contains(QStringLiteral("Import Files")));
    QVERIFY(box->informativeText().contains(QStringLiteral("logs (deployment: DEPLOYMENT")));
    // "Import Files…" asks the window for its import dialog, "Collect from
    // Cluster" for a collection of this step.
    QSignalSpy import(dock.get(), &ChecklistDock::importRequested);
    QSignalSpy collect(dock.get(), &ChecklistDock::collectRequested);
    auto button = [box](const QString &prefix) -> QPushButton * {
        for (QAbstractButton *button : box->buttons())
            if (button->text().startsWith(prefix)) return qobject_cast<QPushButton *>(button);
        return nullptr;
    };
    QVERIFY(button(QStringLiteral("Import")));
    QVERIFY(button(QStringLiteral("Collect")));
    QCOMPARE(box->defaultButton(), button(QStringLiteral("Collect")));
    dock->selectStep(QStringLiteral("dom-size")); // the box keeps its step
    button(QStringLiteral("Collect"))->click();
    QCOMPARE(collect.count(), 1);
    QCOMPARE(collect.first().first().toString(), QStringLiteral("api-log-errors"));
    dock->selectStep(QStringLiteral("api-log-errors"));
    box = dock->showCollectHelp();
    QVERIFY(box);
    button(QStringLiteral("Import"))->click();
    QCOMPARE(import.count(), 1);
    // A step with its data has nothing to collect.
    dock->selectStep(QStringLiteral("dom-size"));
    QVERIFY(!dock->showCollectHelp());
}

void TestChecklist::evidenceClickSelects()
{
    ViewState view;
    // Frames are ranges: [ts, end_ts].
    auto dock = openOnStep(QStringLiteral("evidence.perfcase"), view,
                           QStringLiteral("long-frames-quiet-network"));
    QTableView *table = dock->details()->evidenceView();
    EvidenceModel *evidence = dock->details()->evidenceModel();
    QVERIFY(evidence->rowCount() >= 2);
    QSignalSpy activated(dock.get(), &ChecklistDock::evidenceActivated);
    for (int row : {1, 0}) {
        const auto range = evidence->rangeAt(row);
        QVERIFY(range && range->to > range->from);
        const QRect cell = table->visualRect(table->model()->index(row, EvidenceModel::Text));
        QVERIFY(!cell.isEmpty());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(view.selection(), range);
        QCOMPARE(activated.last().at(0).toLongLong(), range->from);
        QCOMPARE(activated.last().at(1).toLongLong(), range->to);
    }
    QCOMPARE(activated.count(), 2);
    // Enter on a row does the same as a click.
    table->setFocus();
    table->setCurrentIndex(table->model()->index(2, EvidenceModel::Time));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(activated.count(), 3);
    QCOMPARE(view.selection(), evidence->rangeAt(2));
    // An instant (an HPA sample) selects [ts, ts].
    dock->selectStep(QStringLiteral("hpa-at-max"));
    if (evidence->rowCount() > 0) {
        const qint64 ts = evidence->index(0, EvidenceModel::Time).data(Qt::EditRole).toLongLong();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(table->model()->index(0, EvidenceModel::Time)).center());
        QCOMPARE(view.selection(), std::optional(ViewState::Range{ts, ts}));
    }
}

// A click on a header sorts the evidence by that column (on its raw values),
// a second reverses it, a third goes back to the step's order; a click on
// a row then selects that row's range, wherever the sort put it.
void TestChecklist::evidenceSorts()
{
    ViewState view;
    auto dock = openOnStep(QStringLiteral("sorted.perfcase"), view,
                           QStringLiteral("long-frames-quiet-network"));
    QTableView *table = dock->details()->evidenceView();
    EvidenceModel *evidence = dock->details()->evidenceModel();
    QAbstractItemModel *shown = table->model();
    const int rows = evidence->rowCount();
    QVERIFY(rows >= 3);
    auto column = [&](int which) {
        QList<double> values;
        for (int row = 0; row < rows; ++row)
            values << shown->index(row, which).data(Qt::EditRole).toDouble();
        return values;
    };
    QList<double> stepOrder;
    for (int row = 0; row < rows; ++row)
        stepOrder << evidence->index(row, EvidenceModel::Value).data(Qt::EditRole).toDouble();
    QCOMPARE(column(EvidenceModel::Value), stepOrder);
    QHeaderView *header = table->horizontalHeader();
    auto clickHeader = [&](int section) {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(section) + 5, header->height() / 2));
    };
    clickHeader(EvidenceModel::Value);
    QList<double> ascending = stepOrder;
    std::sort(ascending.begin(), ascending.end());
    QCOMPARE(column(EvidenceModel::Value), ascending);
    clickHeader(EvidenceModel::Value);
    QList<double> descending(ascending.rbegin(), ascending.rend());
    QCOMPARE(column(EvidenceModel::Value), descending);
    // The top row is now the largest value: a click selects its range.
    const int largest = int(stepOrder.indexOf(descending.first()));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(shown->index(0, EvidenceModel::Text)).center());
    QCOMPARE(view.selection(), evidence->rangeAt(largest));
    clickHeader(EvidenceModel::Value);
    QCOMPARE(column(EvidenceModel::Value), stepOrder);
    // Times sort as numbers, not as text.
    clickHeader(EvidenceModel::Time);
    const QList<double> times = column(EvidenceModel::Time);
    QVERIFY(std::is_sorted(times.begin(), times.end()));
}

void TestChecklist::overrideNeedsJustification()
{
    auto dock = openChecked(QStringLiteral("justify.perfcase"));
    waitIdle(*dock);
    dock->selectStep(QStringLiteral("dom-size"));
    OverrideDialog *dialog = dock->openOverrideDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->author(), QString::fromStdString(currentUserName()));
    QCOMPARE(dialog->verdict(), QStringLiteral("pass")); // the opposite of the fail shown
    QVERIFY(!dialog->okButton()->isEnabled());
    QTest::keyClicks(dialog->justificationEdit(), QStringLiteral("   "));
    QVERIFY(!dialog->okButton()->isEnabled()); // blank is not a justification
    dialog->justificationEdit()->clear();
    QTest::keyClicks(dialog->justificationEdit(), QStringLiteral("x"));
    QVERIFY(dialog->okButton()->isEnabled());
    dialog->justificationEdit()->clear();
    QVERIFY(!dialog->okButton()->isEnabled());
    dialog->reject();
    QTest::qWait(50);
    QVERIFY(!dock->isBusy());
    auto file = CaseFile::open(dock->casePath().toStdString(), CaseFile::Access::ReadOnly);
    QVERIFY(ChecklistStore(file->db()).overrideHistory(ChecklistDock::kDefaultPlaybook).empty());
}

void TestChecklist::overrideIsStored_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("justification");
    QTest::newRow("fail to pass") << "dom-size"
                                  << "pass"
                                  << "The table was virtualized in the build after the trace.";
    QTest::newRow("inconclusive to fail") << "api-log-errors"
                                          << "fail"
                                          << "Ops saw 504s from the API in Grafana at 10:14.";
    QTest::newRow("to inconclusive") << "dom-size"
                                     << "inconclusive"
                                     << "The trace is from a debug build.";
}

void TestChecklist::overrideIsStored()
{
    QFETCH(QString, step);
    QFETCH(QString, verdict);
    QFETCH(QString, justification);
    QString path;
    auto dock = openChecked(QStringLiteral("override.perfcase"), &path);
    waitIdle(*dock);
    dock->selectStep(step);
    const QModelIndex index = dock->model()->stepIndex(step);
    const QString before = index.data(ChecklistModel::VerdictRole).toString();
    QVERIFY(before != verdict);
    const qint64 iconBefore = index.data(Qt::DecorationRole).value<QIcon>().cacheKey();
    QVERIFY(!index.data(ChecklistModel::OverriddenRole).toBool());

    OverrideDialog *dialog = dock->openOverrideDialog();
    QVERIFY(dialog);
    dialog->setVerdict(verdict);
    QTest::keyClicks(dialog->justificationEdit(), justification);
    QVERIFY(dialog->okButton()->isEnabled());
    QSignalSpy changed(dock.get(), &ChecklistDock::stateChanged);
    dialog->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeout);
    QVERIFY2(dock->messageText().isEmpty(), qPrintable(dock->messageText()));

    // Stored with its author, and shown.
    auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
    const auto history =
        ChecklistStore(file->db()).overrideHistory(ChecklistDock::kDefaultPlaybook);
    QCOMPARE(history.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(history.front().step), step);
    QCOMPARE(QString::fromStdString(verdictName(history.front().verdict)), verdict);
    QCOMPARE(QString::fromStdString(history.front().justification), justification);
    QCOMPARE(history.front().author, currentUserName());
    QCOMPARE(index.data(ChecklistModel::VerdictRole).toString(), verdict);
    QCOMPARE(index.data(ChecklistModel::AutoVerdictRole).toString(), before);
    QVERIFY(index.data(ChecklistModel::OverriddenRole).toBool());
    QVERIFY(index.data(Qt::DecorationRole).value<QIcon>().cacheKey() != iconBefore);
    const QString tip = index.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QString::fromStdString(currentUserName())), qPrintable(tip));
    QVERIFY2(tip.contains(justification.toHtmlEscaped()), qPrintable(tip));
    // The decision follows the override, as DecisionMaker says.
    PlaybookResult overridden = m_expected;
    for (StepResult &result : overridden.steps)
        if (result.stepId == step.toStdString()) result.override = history.front();
    QCOMPARE(dock->header()->reasoningText(),
             QString::fromStdString(DecisionMaker::decide(*m_playbook, overridden).reasoning));
    // The step's history shows it.
    QVERIFY(dock->details()->notesView()->toPlainText().contains(justification));

    // "auto" hands the step back to its check.
    dialog = dock->openOverrideDialog();
    QVERIFY(dialog);
    dialog->setVerdict(QStringLiteral("auto"));
    dialog->setJustification(QStringLiteral("Back to the check."));
    dialog->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, kTimeout);
    QCOMPARE(index.data(ChecklistModel::VerdictRole).toString(), before);
    QVERIFY(!index.data(ChecklistModel::OverriddenRole).toBool());
    QCOMPARE(ChecklistStore(file->db()).overrideHistory(ChecklistDock::kDefaultPlaybook).size(),
             std::size_t(2));
}

void TestChecklist::noteIsStored()
{
    QString path;
    auto dock = openChecked(QStringLiteral("note.perfcase"), &path);
    dock->show();
    waitIdle(*dock);
    dock->selectStep(QStringLiteral("socketio-volume"));
    QLineEdit *edit = dock->details()->noteEdit();
    QVERIFY(edit->isEnabled());
    QVERIFY(!dock->details()->addNoteButton()->isEnabled()); // nothing typed
    const QString text =
        QStringLiteral("The column run emits cell_update per cell <b>not</b> batched");
    QSignalSpy changed(dock.get(), &ChecklistDock::stateChanged);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeout);
    QVERIFY(edit->text().isEmpty());
    auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
    const auto notes = ChecklistStore(file->db()).notes(ChecklistDock::kDefaultPlaybook);
    QCOMPARE(notes.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(notes.front().text), text);
    QCOMPARE(notes.front().step, std::string("socketio-volume"));
    QCOMPARE(notes.front().author, currentUserName());
    // Shown as text (the markup is not interpreted), on this step only.
    QVERIFY(dock->details()->notesView()->toPlainText().contains(text));
    dock->selectStep(QStringLiteral("dom-size"));
    QVERIFY(!dock->details()->notesView()->toPlainText().contains(text));
}

void TestChecklist::reopenShowsStoredState()
{
    // A case checked by the panel, with an override and a note, then opened
    // again in a new panel: everything comes back, and nothing runs.
    QString path = copyOf(m_fresh, QStringLiteral("reopen.perfcase"));
    {
        ChecklistDock dock(nullptr, m_dir.filePath(QStringLiteral("none")));
        dock.setCase(path);
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isBusy() && dock.model()->snapshot().hasRun, kTimeout);
        dock.selectStep(QStringLiteral("dom-size"));
        dock.setOverride(QStringLiteral("pass"), QStringLiteral("virtualized since"));
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isBusy(), kTimeout);
        dock.addNote(QStringLiteral("checked with the team"));
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isBusy(), kTimeout);
    }
    const qint64 stored = checkedAt(path);
    QVERIFY(stored > 0);
    ChecklistDock dock(nullptr, m_dir.filePath(QStringLiteral("none")));
    QSignalSpy started(&dock, &ChecklistDock::checksStarted);
    QSignalSpy changed(&dock, &ChecklistDock::stateChanged);
    dock.setCase(path);
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeout);
    QTest::qWait(100); // a run would start right after the stored state
    QCOMPARE(started.count(), 0);
    QCOMPARE(checkedAt(path), stored);
    const ChecklistSnapshot &snapshot = dock.model()->snapshot();
    QVERIFY(snapshot.hasRun);
    QCOMPARE(snapshot.result.checkedAt, stored);
    for (const StepResult &expected : m_expected.steps) {
        const QModelIndex index = dock.model()->stepIndex(QString::fromStdString(expected.stepId));
        QCOMPARE(index.data(ChecklistModel::AutoVerdictRole).toString(), verdictOf(expected));
        const StepResult *shown = dock.model()->result(expected.stepId);
        QCOMPARE(shown->summary, expected.summary);
        QCOMPARE(shown->evidence.size(), expected.evidence.size());
        QCOMPARE(shown->missing, expected.missing);
    }
    const QModelIndex dom = dock.model()->stepIndex(QStringLiteral("dom-size"));
    QCOMPARE(dom.data(ChecklistModel::VerdictRole).toString(), QStringLiteral("pass"));
    QVERIFY(dom.data(ChecklistModel::OverriddenRole).toBool());
    QCOMPARE(dock.model()->notes("dom-size").size(), std::size_t(1));
    QVERIFY(dock.header()->statusText().startsWith(QStringLiteral("Checked ")));
}

void TestChecklist::cancelKeepsStoredState()
{
    QString path;
    auto dock = openChecked(QStringLiteral("cancel.perfcase"), &path);
    waitIdle(*dock);
    const qint64 stored = checkedAt(path);
    QSignalSpy changed(dock.get(), &ChecklistDock::stateChanged);
    dock->runChecks();
    QVERIFY(dock->isRunning());
    QVERIFY(dock->cancelAction()->isEnabled());
    dock->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeout);
    QVERIFY(!dock->isRunning());
    QVERIFY(dock->messageText().contains(QStringLiteral("cancelled")));
    QCOMPARE(checkedAt(path), stored); // nothing saved
    QCOMPARE(dock->model()->snapshot().result.checkedAt, stored);
}

void TestChecklist::playbookRememberedPerCase()
{
    // A user playbook beside the bundled one: the same checks under another id.
    const QString folder = m_dir.filePath(QStringLiteral("user-playbooks"));
    QVERIFY(QDir().mkpath(folder));
    QFile bundled(QStringLiteral(":/playbooks/import-lag.json"));
    QVERIFY(bundled.open(QIODevice::ReadOnly));
    QByteArray json = bundled.readAll();
    json.replace("\"id\": \"import-lag\"", "\"id\": \"zz-copy\"");
    QFile copy(folder + QStringLiteral("/zz-copy.json"));
    QVERIFY(copy.open(QIODevice::WriteOnly));
    copy.write(json);
    copy.close();

    const QString path = copyOf(m_checked, QStringLiteral("remember.perfcase"));
    {
        ChecklistDock dock(nullptr, folder);
        QCOMPARE(dock.playbookBox()->count(), int(m_catalog->playbooks().size()) + 1);
        dock.setCase(path);
        waitIdle(dock);
        QCOMPARE(dock.playbookId(), QString::fromLatin1(ChecklistDock::kDefaultPlaybook));
        QSignalSpy started(&dock, &ChecklistDock::checksStarted);
        dock.setPlaybook(QStringLiteral("zz-copy"));
        QCOMPARE(dock.playbookId(), QStringLiteral("zz-copy"));
        // Never checked with this one: it runs, and is stored under its id.
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isBusy() && dock.model()->snapshot().hasRun, kTimeout);
        QCOMPARE(dock.model()->snapshot().result.playbook, std::string("zz-copy"));
    }
    ChecklistDock again(nullptr, folder);
    again.setCase(path);
    QCOMPARE(again.playbookId(), QStringLiteral("zz-copy"));
    QCOMPARE(again.playbookBox()->currentData().toString(), QStringLiteral("zz-copy"));
    waitIdle(again);
    // Another case starts with the default.
    const QString other = m_dir.filePath(QStringLiteral("other.perfcase"));
    CaseFile::create(other.toStdString(), "other", "tester");
    again.setCase(other);
    QCOMPARE(again.playbookId(), QString::fromLatin1(ChecklistDock::kDefaultPlaybook));
    waitIdle(again);
}

void TestChecklist::mainWindowWiring()
{
    const QString path = copyOf(m_checked, QStringLiteral("window.perfcase"));
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    window.openCase(path);
    QDockWidget *dockWidget = window.checklistDock();
    QVERIFY(dockWidget->isVisible());
    QCOMPARE(dockWidget->toggleViewAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_3));
    ChecklistDock *dock = window.checklist();
    QCOMPARE(dock->casePath(), path);
    waitIdle(*dock);
    QCOMPARE(dock->runAction()->shortcut(), QKeySequence(Qt::Key_F5));
    // An evidence row: the shared selection and the timeline follow.
    dock->selectStep(QStringLiteral("long-frames-quiet-network"));
    QTableView *table = dock->details()->evidenceView();
    const auto range = dock->details()->evidenceModel()->rangeAt(0);
    QVERIFY(range);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(0, 0)).center());
    QCOMPARE(window.viewState()->selection(), range);
    const ViewState::Range visible = window.timeline()->visibleRange();
    QVERIFY(visible.from < range->from && visible.to > range->to);
    QVERIFY(visible.to - visible.from <= (range->to - range->from) * 2 + 4'000'000'000LL);
    // An import that finishes re-runs the checks.
    QSignalSpy started(dock, &ChecklistDock::checksStarted);
    Q_EMIT window.importFinished();
    QCOMPARE(started.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!dock->isBusy(), kTimeout);
    QVERIFY(checkedAt(path) > checkedAt(m_checked));
    // Ctrl+3 hides and shows the panel.
    dockWidget->toggleViewAction()->trigger();
    QVERIFY(!dockWidget->isVisible());
    dockWidget->toggleViewAction()->trigger();
    QVERIFY(dockWidget->isVisible());
}

void TestChecklist::demoOpensChecked()
{
    // Help › Open the Demo Case (and `perfcase demo`): built in a data
    // folder of the test's own, opened with the import-lag checklist shown
    // and already checked.
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    window.openDemo();
    QVERIFY2(window.casePath().endsWith(QLatin1String("/demo/import-lag-demo.perfcase")),
             qPrintable(window.casePath()));
    QVERIFY(window.casePath().startsWith(m_dir.path()));
    ChecklistDock *dock = window.checklist();
    QCOMPARE(dock->playbookId(), QStringLiteral("import-lag"));
    waitIdle(*dock);
    QVERIFY2(dock->header()->verdictText().contains(QLatin1String("Mixed")),
             qPrintable(dock->header()->verdictText()));
    QTRY_VERIFY_WITH_TIMEOUT(window.caseExplorer()->treeModel()->rowCount() >= 10, kTimeout);
    qunsetenv("XDG_DATA_HOME");
}

void TestChecklist::exportReport_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("written");
    QTest::newRow("pdf") << "report.pdf" << true;
    QTest::newRow("markdown") << "report.md" << true;
    QTest::newRow("other suffix") << "report.txt" << false;
}

void TestChecklist::exportReport()
{
    // File > Export Report…'s work, without its file dialog.
    QFETCH(QString, name);
    QFETCH(bool, written);
    QWidget window;
    ReportExporter exporter(&window);
    QSignalSpy finished(&exporter, &ReportExporter::finished);
    const QString path = m_dir.filePath(QStringLiteral("export-") + name);
    exporter.exportTo(copyOf(m_checked, QStringLiteral("export-") + name), *m_playbook, path);
    QVERIFY(finished.count() == 1 || finished.wait(60000));
    QCOMPARE(finished.at(0).at(1).toString().isEmpty(), written);
    QCOMPARE(QFileInfo::exists(path), written);
    QVERIFY(!exporter.isBusy());
    if (!written) return;
    if (name.endsWith(QLatin1String(".md"))) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(file.readAll());
        QVERIFY(md.contains(QLatin1String("**Primary hypothesis: ")));
        QVERIFY(md.contains(QLatin1String("](export-report.assets/timeline.png)")));
        QVERIFY(
            QFileInfo::exists(m_dir.filePath(QStringLiteral("export-report.assets/timeline.png"))));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(file.size() > 20000); // text and the figures
    }
}

QTEST_MAIN(TestChecklist)
#include "tst_checklist.moc"
