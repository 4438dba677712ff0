#pragma once

#include "playbook/ChecklistStore.h"
#include "playbook/Playbook.h"
#include "playbook/PlaybookResult.h"

#include <QWidget>
#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace perfcase {

class EvidenceModel;
class ViewState;

// The selected step, under the checklist tree: why it matters, what its
// check found, what data is missing (with Collect…), the evidence rows (a
// click shows one on the timeline), and the notes and overrides written on
// it. It asks for writes through signals; the panel does them.
class StepDetails : public QWidget
{
    Q_OBJECT

public:
    struct Content
    {
        const Step *step = nullptr;
        const StepResult *result = nullptr; // nullptr: not checked yet
        bool checked = false;               // the step's check ran (stored or now)
        std::int64_t checkedAt = 0;
        std::vector<StepNote> notes;
        std::vector<Override> overrides; // this step's, oldest first
        bool writable = false;           // the case takes notes and overrides
    };

    explicit StepDetails(QWidget *parent = nullptr);

    void setViewState(ViewState *state);
    // Shows a step; the same step again (after a note) keeps the evidence's
    // scroll position and selection.
    void showStep(const Content &content);
    void clear(const QString &message = {});
    // Disables the write buttons while the panel writes or runs.
    void setBusy(bool busy);

    EvidenceModel *evidenceModel() const { return m_evidenceModel; }
    QTableView *evidenceView() const { return m_evidence; }
    QLineEdit *noteEdit() const { return m_noteEdit; }
    QPushButton *addNoteButton() const { return m_addNote; }
    QPushButton *overrideButton() const { return m_override; }
    QPushButton *collectButton() const { return m_collect; }
    QTextBrowser *notesView() const { return m_notes; }
    QString summaryText() const;
    QString missingText() const;

Q_SIGNALS:
    void evidenceActivated(qint64 from, qint64 to);
    void noteSubmitted(const QString &text);
    void overrideRequested();
    void collectRequested();

private:
    void activateRow(const QModelIndex &index);
    void submitNote();
    void showNotes(const Content &content);
    void updateButtons();

    ViewState *m_state = nullptr;
    QString m_stepId;
    std::int64_t m_checkedAt = -1;
    bool m_writable = false, m_busy = false;
    QLabel *m_title, *m_why, *m_summary, *m_overrideInfo, *m_missing;
    QPushButton *m_override, *m_collect;
    QTabWidget *m_tabs;
    EvidenceModel *m_evidenceModel;
    QSortFilterProxyModel *m_evidenceOrder; // the rows as the view shows them
    QTableView *m_evidence;
    QLabel *m_evidenceNote;
    QTextBrowser *m_notes;
    QLineEdit *m_noteEdit;
    QPushButton *m_addNote;
};

} // namespace perfcase
