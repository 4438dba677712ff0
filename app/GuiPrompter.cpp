#include "GuiPrompter.h"

#include "SshPromptDialog.h"
#include "transport/HostKey.h"

#include <QMessageBox>
#include <QPushButton>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace perfcase {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// Where a worker's answer meets it; shared so that a late reply after an
// abandoned wait writes into memory that still exists.
struct Pending
{
    std::mutex mutex;
    std::condition_variable answered;
    bool done = false;
    std::optional<std::vector<std::string>> answer;
};

} // namespace

GuiPrompter::GuiPrompter(QWidget *dialogParent) : m_parent(dialogParent) {}

void GuiPrompter::abandon()
{
    m_abandoned = true;
    for (const QPointer<QDialog> &dialog : std::as_const(m_dialogs))
        if (dialog) dialog->reject();
    m_dialogs.clear();
}

void GuiPrompter::resume()
{
    m_abandoned = false;
}

QList<QDialog *> GuiPrompter::openDialogs() const
{
    QList<QDialog *> open;
    for (const QPointer<QDialog> &dialog : m_dialogs)
        if (dialog && dialog->isVisible()) open << dialog;
    return open;
}

GuiPrompter::Answer
GuiPrompter::ask(const std::function<QDialog *(QWidget *parent, const Reply &reply)> &show)
{
    if (m_abandoned) return std::nullopt;
    auto pending = std::make_shared<Pending>();
    const Reply reply = [pending](Answer answer) {
        std::lock_guard lock(pending->mutex);
        if (pending->done) return;
        pending->done = true;
        pending->answer = std::move(answer);
        pending->answered.notify_all();
    };
    QMetaObject::invokeMethod(
        this,
        [this, show, reply] {
            if (m_abandoned || !m_parent) return reply(std::nullopt);
            QDialog *dialog = show(m_parent, reply);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setWindowModality(Qt::WindowModal);
            m_dialogs << dialog;
            dialog->open();
            Q_EMIT questionOpened(dialog);
        },
        Qt::QueuedConnection);
    std::unique_lock lock(pending->mutex);
    while (!pending->done) {
        if (m_abandoned) return std::nullopt;
        pending->answered.wait_for(lock, std::chrono::milliseconds(100));
    }
    return pending->answer;
}

bool GuiPrompter::acceptNewHostKey(const std::string &host, int port, const HostKey &key)
{
    // Copies: an abandoned wait returns while the question may still be queued.
    const Answer answer = ask([host, port, key](QWidget *parent, const Reply &reply) {
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("Unknown Host Key"),
                            tr("The host key of %1 (port %2) is not in your known_hosts file.")
                                .arg(fromStd(host))
                                .arg(port),
                            QMessageBox::Cancel, parent);
        box->setInformativeText(
            tr("%1 key fingerprint:\n%2\n\nCompare it with the fingerprint your administrator "
               "published before you trust it. Trusting adds it to known_hosts; a changed key "
               "is always refused.")
                .arg(fromStd(key.type), fromStd(sha256Fingerprint(key.blob))));
        box->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QPushButton *trust = box->addButton(tr("&Trust and Connect"), QMessageBox::AcceptRole);
        box->setDefaultButton(QMessageBox::Cancel);
        box->setEscapeButton(QMessageBox::Cancel);
        connect(box, &QDialog::finished, box, [box, trust, reply] {
            reply(box->clickedButton() == trust ? Answer(std::vector<std::string>{}) : Answer());
        });
        return box;
    });
    return answer.has_value();
}

std::optional<std::string> GuiPrompter::passphrase(const std::string &keyPath)
{
    const Answer answer = ask([keyPath](QWidget *parent, const Reply &reply) {
        auto *dialog = new SshPromptDialog(
            tr("Key Passphrase"),
            tr("The key %1 is encrypted. Its passphrase is used for this connection only and "
               "not saved.")
                .arg(fromStd(keyPath)),
            {{tr("Passphrase:"), false}}, parent);
        connect(dialog, &QDialog::finished, dialog, [dialog, reply](int result) {
            reply(result == QDialog::Accepted
                      ? Answer(std::vector<std::string>{dialog->answers().value(0).toStdString()})
                      : Answer());
        });
        return dialog;
    });
    if (!answer || answer->empty()) return std::nullopt;
    return answer->front();
}

std::optional<std::vector<std::string>> GuiPrompter::answer(const std::string &title,
                                                            const std::string &instruction,
                                                            const std::vector<Prompt> &prompts)
{
    return ask([title, instruction, prompts](QWidget *parent, const Reply &reply) {
        QList<SshPromptDialog::Prompt> fields;
        for (const Prompt &prompt : prompts)
            fields.append({fromStd(prompt.text), prompt.echo});
        auto *dialog =
            new SshPromptDialog(title.empty() ? tr("SSH Authentication") : fromStd(title),
                                fromStd(instruction), fields, parent);
        connect(dialog, &QDialog::finished, dialog, [dialog, reply](int result) {
            if (result != QDialog::Accepted) return reply(std::nullopt);
            std::vector<std::string> answers;
            for (const QString &text : dialog->answers())
                answers.push_back(text.toStdString());
            reply(answers);
        });
        return dialog;
    });
}

} // namespace perfcase
