#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>

class QLineEdit;

namespace perfcase {

// Asks what an SSH server or a key file wants: a passphrase, or the
// keyboard-interactive prompts (one field each, hidden unless the server
// says it may echo). The answers are handed back once and never stored.
class SshPromptDialog : public QDialog
{
    Q_OBJECT

public:
    struct Prompt
    {
        QString text;
        bool echo = false;
    };

    SshPromptDialog(const QString &title, const QString &instruction, const QList<Prompt> &prompts,
                    QWidget *parent = nullptr);

    QStringList answers() const;
    QList<QLineEdit *> fields() const { return m_fields; }

private:
    QList<QLineEdit *> m_fields;
};

} // namespace perfcase
