#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QTextBrowser;

namespace perfcase {

struct ChecklistSnapshot;
struct Playbook;
class ViewState;

// The top of the checklist panel: the decision (the hypothesis the playbook's
// criteria point to), its confidence as a bar, the reasoning (selectable, to
// paste into a ticket), and when the checks ran. The reasoning quotes every
// failed step and can run to a dozen lines: it scrolls in the space the panel
// gives it rather than pushing the checklist out of sight.
class DecisionHeader : public QWidget
{
    Q_OBJECT

public:
    explicit DecisionHeader(QWidget *parent = nullptr);

    void showDecision(const Playbook &playbook, const ChecklistSnapshot &snapshot,
                      const ViewState &view);
    // No decision to show: a line saying why (no case, loading, an error).
    void showMessage(const QString &text);

    QString verdictText() const;
    QString reasoningText() const;
    int confidencePercent() const;
    QString statusText() const;

private:
    QLabel *m_verdict, *m_confidenceText;
    QProgressBar *m_confidence;
    QTextBrowser *m_reasoning;
    QLabel *m_status;
};

} // namespace perfcase
