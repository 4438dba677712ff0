#include "ChecklistDock.h"

#include "CaseFile.h"
#include "ChecklistModel.h"
#include "DecisionHeader.h"
#include "OverrideDialog.h"
#include "StepDetails.h"
#include "UserIdentity.h"
#include "ViewState.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

namespace perfcase {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QString settingsKey(const QString &caseUuid)
{
    return QStringLiteral("checklist/playbookByCase/") + caseUuid;
}

// "hpa-json (namespace: NAMESPACE)": a collector of the catalogue with its
// parameters; a "{namespace}" field reads NAMESPACE, as the hints write it.
QString collectorText(const CollectAction &action)
{
    QStringList params;
    static const QRegularExpression parameterField(QStringLiteral("^\\{(\\w+)\\}$"));
    for (const auto &[name, value] : action.params) {
        QString shown = fromStd(value);
        const auto match = parameterField.match(shown);
        if (match.hasMatch()) shown = match.captured(1).toUpper();
        params << fromStd(name) + QStringLiteral(": ") + shown;
    }
    return fromStd(action.collector) +
           (params.isEmpty()
                ? QString()
                : QStringLiteral(" (") + params.join(QStringLiteral(", ")) + QLatin1Char(')'));
}

} // namespace

ChecklistDock::ChecklistDock(QWidget *parent, const QString &userPlaybooks)
    : QWidget(parent), m_catalog(userPlaybooks.toStdString()), m_view(new ViewState(this)),
      m_playbooks(new QComboBox(this)), m_runButton(new QPushButton(tr("Run checks"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)), m_progress(new QProgressBar(this)),
      m_message(new QLabel(this)), m_header(new DecisionHeader(this)),
      m_model(new ChecklistModel(this)), m_tree(new QTreeView(this)),
      m_details(new StepDetails(this)), m_run(new QAction(tr("&Run Checks"), this)),
      m_cancelAction(new QAction(tr("&Cancel Checks"), this)),
      m_overrideAction(new QAction(tr("&Override Verdict…"), this))
{
    // The id, as `perfcase check --playbook` takes it: titles are questions
    // too long for a dock; they are each item's tooltip and the combo's.
    for (const Playbook &playbook : m_catalog.playbooks()) {
        m_playbooks->addItem(fromStd(playbook.id), fromStd(playbook.id));
        m_playbooks->setItemData(m_playbooks->count() - 1, fromStd(playbook.title),
                                 Qt::ToolTipRole);
    }
    auto describe = [this] {
        m_playbooks->setToolTip(tr("%1\n\nThe playbook to walk through (yours are read from %2)")
                                    .arg(m_playbooks->currentData(Qt::ToolTipRole).toString(),
                                         fromStd(PlaybookCatalog::defaultUserFolder())));
    };
    describe();
    connect(m_playbooks, &QComboBox::currentIndexChanged, this, describe);
    m_playbooks->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_playbooks->setMinimumContentsLength(16);
    m_run->setShortcut(QKeySequence(Qt::Key_F5));
    m_run->setToolTip(tr("Run the playbook's checks over the case and store the verdicts (F5)"));
    m_runButton->setToolTip(m_run->toolTip());
    m_cancelAction->setToolTip(tr("Stop the running checks; the stored verdicts stay"));
    m_overrideAction->setToolTip(tr("Set the selected step's verdict by hand"));
    addActions({m_run, m_cancelAction, m_overrideAction});
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("step %v of %m"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_tree->setModel(m_model);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setIconSize(QSize(18, 18));
    // The step titles get more than half the width until the user drags the divider.
    m_tree->viewport()->installEventFilter(this);
    connect(m_tree->header(), &QHeaderView::sectionResized, this, [this](int section) {
        // The last column stretches by itself; only a drag resizes the first.
        if (section == ChecklistModel::Title && !m_fittingColumns) m_userSizedColumns = true;
    });

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_playbooks, 1);
    controls->addWidget(m_runButton);
    auto *running = new QHBoxLayout;
    running->addWidget(m_progress, 1);
    running->addWidget(m_cancelButton);

    // Decision, steps, details: the user shares the height among them.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_header);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({170, 300, 430}); // scaled to the panel

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addLayout(running);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    m_details->setViewState(m_view);
    connect(m_run, &QAction::triggered, this, &ChecklistDock::runChecks);
    connect(m_runButton, &QPushButton::clicked, this, &ChecklistDock::runChecks);
    connect(m_cancelAction, &QAction::triggered, this, &ChecklistDock::cancel);
    connect(m_cancelButton, &QPushButton::clicked, this, &ChecklistDock::cancel);
    connect(m_overrideAction, &QAction::triggered, this, &ChecklistDock::openOverrideDialog);
    connect(m_playbooks, &QComboBox::currentIndexChanged, this, &ChecklistDock::choosePlaybook);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ChecklistDock::showCurrentStep);
    connect(m_details, &StepDetails::evidenceActivated, this, [this](qint64 from, qint64 to) {
        m_view->setSelection(ViewState::Range{from, to});
        m_view->setCursor(from);
        Q_EMIT evidenceActivated(from, to);
    });
    connect(m_details, &StepDetails::noteSubmitted, this, &ChecklistDock::addNote);
    connect(m_details, &StepDetails::overrideRequested, this, &ChecklistDock::openOverrideDialog);
    connect(m_details, &StepDetails::collectRequested, this, &ChecklistDock::showCollectHelp);
    connect(&m_runProgress, &QFutureWatcher<ChecklistOutcome>::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(&m_runProgress, &QFutureWatcher<ChecklistOutcome>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    if (!m_catalog.problems().empty()) {
        QStringList problems;
        for (const auto &problem : m_catalog.problems())
            problems << fromStd(problem);
        showMessage(
            tr("Some playbooks could not be loaded:\n%1").arg(problems.join(QLatin1Char('\n'))),
            true);
    }
    setCase({});
}

ChecklistDock::~ChecklistDock()
{
    // A task may be saving to the case: let it finish (a run stops after the
    // step at hand), so the file is closed before the window goes.
    cancel();
    for (QFuture<ChecklistOutcome> &task : m_tasks)
        task.waitForFinished();
}

bool ChecklistDock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize) fitColumns();
    return QWidget::eventFilter(watched, event);
}

void ChecklistDock::fitColumns()
{
    if (m_userSizedColumns) return;
    m_fittingColumns = true;
    m_tree->header()->resizeSection(ChecklistModel::Title, m_tree->viewport()->width() * 11 / 20);
    m_fittingColumns = false;
}

void ChecklistDock::setViewState(ViewState *state)
{
    if (!state) return;
    if (m_view) {
        disconnect(m_view, nullptr, this, nullptr);
        if (m_view->parent() == this) m_view->deleteLater();
    }
    m_view = state;
    m_details->setViewState(state);
    connect(state, &ViewState::displayZoneChanged, this, [this] {
        if (m_model->hasSnapshot() && m_model->playbook())
            m_header->showDecision(*m_model->playbook(), m_model->snapshot(), *m_view);
        showCurrentStep();
    });
}

void ChecklistDock::resetTasks()
{
    // The old task keeps its own copies and connections; its result is dropped.
    ++m_generation;
    cancel();
    m_busy = m_running = m_rerun = false;
}

void ChecklistDock::setCase(const QString &path)
{
    resetTasks();
    m_path.clear();
    m_caseUuid.clear();
    m_message->hide();
    m_details->clear();
    if (path.isEmpty()) {
        showPlaybook(nullptr);
        m_header->showMessage(tr("No case open."));
        updateControls();
        return;
    }
    try {
        auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
        m_caseUuid = fromStd(file->meta("case_uuid"));
    } catch (const std::exception &error) {
        showPlaybook(nullptr);
        m_header->showMessage(tr("Cannot read the case."));
        showMessage(tr("Cannot open %1: %2").arg(path, fromStd(error.what())), true);
        Q_EMIT errorOccurred(m_message->text());
        updateControls();
        return;
    }
    m_path = path;
    // The same test CaseFile makes: a file we cannot write opens read-only.
    m_writable = QFileInfo(path).isWritable();
    QString id =
        m_caseUuid.isEmpty() ? QString() : QSettings().value(settingsKey(m_caseUuid)).toString();
    if (m_playbooks->findData(id) < 0) id = QString::fromLatin1(kDefaultPlaybook);
    const int index = std::max(0, m_playbooks->findData(id));
    {
        const QSignalBlocker blocker(m_playbooks);
        m_playbooks->setCurrentIndex(index);
    }
    showPlaybook(m_catalog.find(m_playbooks->itemData(index).toString().toStdString()));
    loadStored();
}

void ChecklistDock::setPlaybook(const QString &id)
{
    const int index = m_playbooks->findData(id);
    if (index >= 0 && index != m_playbooks->currentIndex()) m_playbooks->setCurrentIndex(index);
}

QString ChecklistDock::playbookId() const
{
    return m_model->playbook() ? fromStd(m_model->playbook()->id) : QString();
}

void ChecklistDock::choosePlaybook(int index)
{
    const QString id = m_playbooks->itemData(index).toString();
    if (m_path.isEmpty() || id == playbookId()) return;
    resetTasks();
    if (!m_caseUuid.isEmpty()) QSettings().setValue(settingsKey(m_caseUuid), id);
    m_details->clear();
    showPlaybook(m_catalog.find(id.toStdString()));
    loadStored();
}

void ChecklistDock::showPlaybook(const Playbook *playbook)
{
    m_model->setPlaybook(playbook);
    m_tree->expandAll();
    fitColumns();
}

void ChecklistDock::loadStored()
{
    if (m_path.isEmpty() || !m_model->playbook()) return;
    m_header->showMessage(tr("Reading the checklist…"));
    const std::string path = m_path.toStdString();
    const Playbook playbook = *m_model->playbook();
    track(QtConcurrent::run([path, playbook] { return ChecklistTasks::load(path, playbook); }),
          Task::Load);
}

void ChecklistDock::runChecks()
{
    if (m_path.isEmpty() || !m_model->playbook()) return;
    if (m_busy) {
        m_rerun = true; // after the task at hand: its result may be older than the data
        return;
    }
    m_rerun = false;
    m_running = true;
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    const std::string path = m_path.toStdString();
    const Playbook playbook = *m_model->playbook();
    const int steps = int(playbook.steps().size());
    m_progress->setRange(0, steps);
    m_progress->setValue(0);
    auto cancelled = m_cancelFlag;
    QFuture<ChecklistOutcome> future =
        QtConcurrent::run([path, playbook, steps, cancelled](QPromise<ChecklistOutcome> &promise) {
            promise.setProgressRange(0, steps);
            promise.addResult(
                ChecklistTasks::run(path, playbook, [&promise, &cancelled](int done, int) {
                    promise.setProgressValue(done);
                    return !cancelled->load();
                }));
        });
    m_runProgress.setFuture(future);
    track(future, Task::Run);
    Q_EMIT checksStarted();
}

void ChecklistDock::cancel()
{
    if (m_cancelFlag) m_cancelFlag->store(true);
    m_rerun = false;
}

void ChecklistDock::write(const Work &work)
{
    if (m_path.isEmpty() || !m_model->playbook() || m_busy) return;
    const std::string path = m_path.toStdString();
    const Playbook playbook = *m_model->playbook();
    track(QtConcurrent::run([work, path, playbook] { return work(path, playbook); }), Task::Write);
}

void ChecklistDock::addNote(const QString &text)
{
    const std::string step = currentStepId().toStdString(), note = text.trimmed().toStdString();
    if (step.empty() || note.empty() || !m_writable) return;
    const std::string author = currentUserName();
    write([step, note, author](const std::string &path, const Playbook &playbook) {
        return ChecklistTasks::addNote(path, playbook, step, note, author);
    });
}

void ChecklistDock::setOverride(const QString &verdict, const QString &justification)
{
    const std::string step = currentStepId().toStdString();
    const std::string why = justification.trimmed().toStdString();
    if (step.empty() || why.empty() || !m_writable) return;
    const std::string author = currentUserName(), chosen = verdict.toStdString();
    write([step, chosen, why, author](const std::string &path, const Playbook &playbook) {
        return ChecklistTasks::setOverride(path, playbook, step, chosen, why, author);
    });
}

OverrideDialog *ChecklistDock::openOverrideDialog()
{
    const QModelIndex current = m_model->stepIndex(currentStepId());
    const Step *step = m_model->step(current);
    if (!step || !m_writable || m_busy) return nullptr;
    auto *dialog = new OverrideDialog(fromStd(step->title),
                                      current.data(ChecklistModel::VerdictRole).toString(),
                                      fromStd(currentUserName()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The step is fixed when the dialog opens, whatever is selected later.
    const QString stepId = fromStd(step->id);
    connect(dialog, &QDialog::accepted, this, [this, dialog, stepId] {
        selectStep(stepId);
        setOverride(dialog->verdict(), dialog->justification());
    });
    dialog->open();
    return dialog;
}

QMessageBox *ChecklistDock::showCollectHelp()
{
    const Step *step = m_model->step(m_model->stepIndex(currentStepId()));
    const StepResult *result = step ? m_model->result(step->id) : nullptr;
    if (!step || !result || result->missing.empty()) return nullptr;
    QString text = tr("<p>This step needs data the case does not have yet. Import it with "
                      "<b>File › Import Files…</b> (Ctrl+I):</p><ul>");
    for (const auto &hint : result->missing)
        text += QStringLiteral("<li>") + fromStd(hint).toHtmlEscaped() + QStringLiteral("</li>");
    text += QStringLiteral("</ul>");
    if (!step->collect.empty()) {
        QStringList collectors;
        for (const CollectAction &action : step->collect)
            collectors << collectorText(action).toHtmlEscaped();
        text += tr("<p>Or collect it from the cluster over the active connection "
                   "(<b>Cluster › Connect…</b>); this runs %1.</p>")
                    .arg(collectors.join(QStringLiteral(", ")));
    }
    auto *box =
        new QMessageBox(QMessageBox::Information, tr("Collect Data"),
                        tr("Data for “%1”").arg(fromStd(step->title)), QMessageBox::Close, this);
    box->setInformativeText(text);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPushButton *import = box->addButton(tr("Import Files…"), QMessageBox::AcceptRole);
    connect(import, &QPushButton::clicked, this, &ChecklistDock::importRequested);
    if (!step->collect.empty()) {
        // The step is fixed when the box opens, whatever is selected later.
        QPushButton *collect = box->addButton(tr("Collect from Cluster"), QMessageBox::AcceptRole);
        box->setDefaultButton(collect);
        connect(collect, &QPushButton::clicked, this,
                [this, stepId = fromStd(step->id)] { Q_EMIT collectRequested(stepId); });
    }
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}

void ChecklistDock::track(QFuture<ChecklistOutcome> future, Task task)
{
    m_busy = true;
    m_tasks.removeIf([](const QFuture<ChecklistOutcome> &done) { return done.isFinished(); });
    m_tasks.append(future);
    const quint64 generation = m_generation;
    future.then(this, [this, generation, task](ChecklistOutcome outcome) {
        apply(generation, task, outcome);
    });
    updateControls();
}

void ChecklistDock::apply(quint64 generation, Task task, const ChecklistOutcome &outcome)
{
    if (generation != m_generation) return; // another case or playbook since
    m_busy = false;
    m_running = false;
    bool runNow = std::exchange(m_rerun, false);
    if (outcome.cancelled) {
        showMessage(tr("Checks cancelled: the verdicts shown are the last ones stored."), false);
    } else if (!outcome.ok) {
        showMessage(task == Task::Run     ? tr("The checks could not run: %1").arg(outcome.error)
                    : task == Task::Write ? tr("Cannot write to the case: %1").arg(outcome.error)
                                          : tr("Cannot read the checklist: %1").arg(outcome.error),
                    true);
        if (!m_model->hasSnapshot()) m_header->showMessage(tr("No checklist to show."));
        Q_EMIT errorOccurred(m_message->text());
    } else {
        m_model->setSnapshot(outcome.snapshot);
        m_header->showDecision(*m_model->playbook(), m_model->snapshot(), *m_view);
        if (outcome.notice.isEmpty())
            m_message->hide();
        else
            showMessage(outcome.notice, false);
        if (currentStepId().isEmpty())
            selectFirstStep();
        else
            showCurrentStep();
        // A case never checked with this playbook is checked at once.
        runNow = runNow || (task == Task::Load && !outcome.snapshot.hasRun);
    }
    updateControls();
    Q_EMIT stateChanged();
    if (runNow) runChecks();
}

QString ChecklistDock::currentStepId() const
{
    const QModelIndex current = m_tree->currentIndex();
    return m_model->isStep(current) ? current.data(ChecklistModel::StepIdRole).toString()
                                    : QString();
}

void ChecklistDock::selectStep(const QString &stepId)
{
    const QModelIndex index = m_model->stepIndex(stepId);
    if (!index.isValid() || index == m_tree->currentIndex().siblingAtColumn(0)) return;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void ChecklistDock::selectFirstStep()
{
    // The first failed step is where the story starts; else the first step.
    QModelIndex first;
    for (int section = 0; section < m_model->rowCount(); ++section) {
        const QModelIndex parent = m_model->index(section, 0);
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex step = m_model->index(row, 0, parent);
            if (!first.isValid()) first = step;
            if (step.data(ChecklistModel::VerdictRole).toString() == QLatin1String("fail")) {
                selectStep(step.data(ChecklistModel::StepIdRole).toString());
                return;
            }
        }
    }
    if (first.isValid()) selectStep(first.data(ChecklistModel::StepIdRole).toString());
}

void ChecklistDock::showCurrentStep()
{
    const Step *step = m_model->step(m_model->stepIndex(currentStepId()));
    if (!step) {
        m_details->clear();
        updateControls();
        return;
    }
    const ChecklistSnapshot &snapshot = m_model->snapshot();
    StepDetails::Content content;
    content.step = step;
    content.result = m_model->result(step->id);
    content.checked = snapshot.hasRun && !snapshot.unchecked.count(step->id);
    content.checkedAt = snapshot.result.checkedAt;
    content.notes = m_model->notes(step->id);
    for (const Override &entry : snapshot.history)
        if (entry.step == step->id) content.overrides.push_back(entry);
    content.writable = m_writable;
    m_details->showStep(content);
    updateControls();
}

void ChecklistDock::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    m_message->show();
}

QString ChecklistDock::messageText() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

void ChecklistDock::updateControls()
{
    const bool open = !m_path.isEmpty() && m_model->playbook();
    m_run->setEnabled(open && !m_running);
    m_runButton->setEnabled(m_run->isEnabled());
    m_cancelAction->setEnabled(m_running);
    m_progress->setVisible(m_running);
    m_cancelButton->setVisible(m_running);
    m_overrideAction->setEnabled(open && m_writable && !m_busy && !currentStepId().isEmpty());
    m_details->setBusy(m_busy);
    m_playbooks->setEnabled(!m_path.isEmpty());
}

} // namespace perfcase
