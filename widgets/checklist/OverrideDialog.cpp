#include "OverrideDialog.h"

#include "VerdictIcon.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace perfcase {

OverrideDialog::OverrideDialog(const QString &stepTitle, const QString &current,
                               const QString &author, QWidget *parent)
    : QDialog(parent), m_author(author), m_verdict(new QComboBox(this)),
      m_justification(new QPlainTextEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Override Verdict"));
    m_verdict->addItem(VerdictIcon::make(Verdict::Pass, true), tr("Pass"), QStringLiteral("pass"));
    m_verdict->addItem(VerdictIcon::make(Verdict::Fail, true), tr("Fail"), QStringLiteral("fail"));
    m_verdict->addItem(VerdictIcon::make(Verdict::Inconclusive, true), tr("Inconclusive"),
                       QStringLiteral("inconclusive"));
    m_verdict->addItem(tr("Automatic (the check decides again)"), QStringLiteral("auto"));
    // Offer the opposite of what is shown: that is what an override is for.
    setVerdict(current == QLatin1String("fail") ? QStringLiteral("pass") : QStringLiteral("fail"));
    m_justification->setPlaceholderText(
        tr("Why: what you saw that the check could not (required; stored with your name)"));
    m_justification->setTabChangesFocus(true);

    auto *title = new QLabel(stepTitle, this);
    title->setWordWrap(true);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto *form = new QFormLayout;
    form->addRow(tr("Verdict:"), m_verdict);
    form->addRow(tr("Justification:"), m_justification);
    form->addRow(tr("Author:"), new QLabel(author, this));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_justification, &QPlainTextEdit::textChanged, this, &OverrideDialog::updateOk);
    updateOk();
    m_justification->setFocus();
    resize(460, sizeHint().height());
}

QString OverrideDialog::verdict() const
{
    return m_verdict->currentData().toString();
}

void OverrideDialog::setVerdict(const QString &verdict)
{
    const int index = m_verdict->findData(verdict);
    if (index >= 0) m_verdict->setCurrentIndex(index);
}

QString OverrideDialog::justification() const
{
    return m_justification->toPlainText().trimmed();
}

void OverrideDialog::setJustification(const QString &text)
{
    m_justification->setPlainText(text);
}

QPushButton *OverrideDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void OverrideDialog::updateOk()
{
    // ChecklistStore refuses a blank justification too; this says so early.
    okButton()->setEnabled(!justification().isEmpty());
}

} // namespace perfcase
