#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QDialogButtonBox;
class QPlainTextEdit;
class QPushButton;

namespace perfcase {

// "Override verdict…": the verdict a person sets for a step (pass, fail,
// inconclusive, or auto to hand it back to the check) and the justification,
// which is mandatory: OK stays disabled while it is blank. The author is
// shown, not asked: it is the user writing (currentUserName()).
class OverrideDialog : public QDialog
{
    Q_OBJECT

public:
    // current: the verdict shown now ("pass", "fail", "inconclusive").
    OverrideDialog(const QString &stepTitle, const QString &current, const QString &author,
                   QWidget *parent = nullptr);

    // "pass", "fail", "inconclusive" or "auto".
    QString verdict() const;
    void setVerdict(const QString &verdict);
    QString justification() const;
    void setJustification(const QString &text);
    QString author() const { return m_author; }

    QComboBox *verdictBox() const { return m_verdict; }
    QPlainTextEdit *justificationEdit() const { return m_justification; }
    QPushButton *okButton() const;

private:
    void updateOk();

    QString m_author;
    QComboBox *m_verdict;
    QPlainTextEdit *m_justification;
    QDialogButtonBox *m_buttons;
};

} // namespace perfcase
