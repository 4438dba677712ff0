#include "SshPromptDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace perfcase {

SshPromptDialog::SshPromptDialog(const QString &title, const QString &instruction,
                                 const QList<Prompt> &prompts, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    if (!instruction.isEmpty()) {
        auto *label = new QLabel(instruction);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        layout->addWidget(label);
    }
    auto *form = new QFormLayout;
    for (const Prompt &prompt : prompts) {
        auto *field = new QLineEdit;
        field->setEchoMode(prompt.echo ? QLineEdit::Normal : QLineEdit::Password);
        // Secrets stay out of the clipboard and input-method history.
        if (!prompt.echo)
            field->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
        auto *label = new QLabel(prompt.text);
        label->setTextFormat(Qt::PlainText);
        label->setBuddy(field);
        form->addRow(label, field);
        m_fields << field;
    }
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

QStringList SshPromptDialog::answers() const
{
    QStringList answers;
    for (const QLineEdit *field : m_fields)
        answers << field->text();
    return answers;
}

} // namespace perfcase
