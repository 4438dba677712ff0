#pragma once

#include "ChecklistTasks.h"
#include "playbook/PlaybookCatalog.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QMessageBox;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QTreeView;

namespace perfcase {

class ChecklistModel;
class DecisionHeader;
class OverrideDialog;
class StepDetails;
class ViewState;

// The checklist panel (the window puts it in a dock): a playbook walked step
// by step over the open case. At the top the decision with its confidence
// and reasoning; then the sections and steps with their verdicts; under them
// the selected step's evidence, missing data, notes and override.
//
// Opening a case shows what the case stores (the last check, overrides,
// notes) without running anything; a case never checked with this playbook
// is checked at once. Run checks (F5) runs the playbook on a pool thread with
// its own read-only connection, with progress and Cancel, and saves the
// verdicts on a writable connection, also off the GUI thread; notes and
// overrides are written the same way. Results arrive queued, and only the
// latest request's result is shown.
class ChecklistDock : public QWidget
{
    Q_OBJECT

public:
    static constexpr const char *kDefaultPlaybook = "import-lag";

    // userPlaybooks: the folder of the user's playbooks (empty: the standard one).
    explicit ChecklistDock(QWidget *parent = nullptr, const QString &userPlaybooks = {});
    // Cancels a run and waits for the tasks still writing (a step at most).
    ~ChecklistDock() override;

    // Selection, cursor and display zone shared with the other views; the
    // panel makes its own until given one.
    void setViewState(ViewState *state);
    // Shows the case's stored checklist (empty closes). Never throws: a case
    // that cannot be read is said in the panel and in errorOccurred().
    void setCase(const QString &path);
    QString casePath() const { return m_path; }
    // The playbook shown, remembered per case (QSettings, by case uuid).
    void setPlaybook(const QString &id);
    QString playbookId() const;
    const PlaybookCatalog &catalog() const { return m_catalog; }

    // Runs the checks (F5). While a task runs, the run waits for it.
    void runChecks();
    void cancel();
    bool isBusy() const { return m_busy; }
    bool isRunning() const { return m_running; }

    // The step shown under the tree ("" when none).
    QString currentStepId() const;
    void selectStep(const QString &stepId);
    // Writes for the current step (ignored when there is none or the case
    // is read-only). verdict: pass, fail, inconclusive or auto.
    void addNote(const QString &text);
    void setOverride(const QString &verdict, const QString &justification);
    // Override verdict…: the dialog for the current step; nullptr without
    // one. It writes when accepted and deletes itself when closed.
    OverrideDialog *openOverrideDialog();
    // Collect…: what to import, or collect from the cluster
    // (collectRequested), for the current step's missing data. Deletes
    // itself when closed.
    QMessageBox *showCollectHelp();

    // QWidget::actions() holds the panel's commands for the window's menu:
    // Run checks (F5), Cancel checks, Override verdict….
    QAction *runAction() const { return m_run; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *overrideAction() const { return m_overrideAction; }

    // For tests and the window.
    ChecklistModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    StepDetails *details() const { return m_details; }
    DecisionHeader *header() const { return m_header; }
    QComboBox *playbookBox() const { return m_playbooks; }
    QProgressBar *progressBar() const { return m_progress; }
    QString messageText() const;

Q_SIGNALS:
    // An evidence row was clicked: the range it covers (the panel has set
    // the shared selection to it); the window zooms the timeline there.
    void evidenceActivated(qint64 from, qint64 to);
    // Collect…'s "Import Files…": the window opens its import dialog.
    void importRequested();
    // Collect…'s "Collect from Cluster": the window runs the step's collect
    // actions over the active connection.
    void collectRequested(const QString &stepId);
    // A run started (F5, after an import, or for a case never checked).
    void checksStarted();
    // After each result is shown (stored state, run, note, override),
    // whether it succeeded or not.
    void stateChanged();
    void errorOccurred(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void choosePlaybook(int index);
    void fitColumns();
    void showPlaybook(const Playbook *playbook);
    void loadStored();
    enum class Task
    {
        Load,
        Run,
        Write
    };
    using Work = std::function<ChecklistOutcome(const std::string &path, const Playbook &)>;
    void write(const Work &work);
    void track(QFuture<ChecklistOutcome> future, Task task);
    void apply(quint64 generation, Task task, const ChecklistOutcome &outcome);
    void resetTasks();
    void showCurrentStep();
    void selectFirstStep();
    void showMessage(const QString &text, bool error);
    void updateControls();

    PlaybookCatalog m_catalog;
    QPointer<ViewState> m_view;
    QString m_path, m_caseUuid;
    bool m_writable = false;
    bool m_userSizedColumns = false, m_fittingColumns = false;

    QComboBox *m_playbooks;
    QPushButton *m_runButton, *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_message;
    DecisionHeader *m_header;
    ChecklistModel *m_model;
    QTreeView *m_tree;
    StepDetails *m_details;
    QAction *m_run, *m_cancelAction, *m_overrideAction;

    // Each case or playbook change starts a new generation; results of an
    // older one are dropped. One task at a time runs per generation.
    quint64 m_generation = 0;
    bool m_busy = false, m_running = false, m_rerun = false;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    QFutureWatcher<ChecklistOutcome> m_runProgress;
    QList<QFuture<ChecklistOutcome>> m_tasks; // waited for on destruction
};

} // namespace perfcase
