#pragma once

#include "transport/SshPrompter.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <atomic>
#include <functional>

class QDialog;
class QWidget;

namespace perfcase {

// The window's answers to SSH questions (an unknown host key, a key's
// passphrase, keyboard-interactive prompts), asked from a worker thread: the
// question is posted to the GUI thread as a window-modal dialog opened with
// open() (no nested event loop), and the worker waits for the answer. A
// cancelled job abandons the wait: its dialogs close and count as declined.
// Nothing answered is kept.
class GuiPrompter : public QObject, public SshPrompter
{
    Q_OBJECT

public:
    explicit GuiPrompter(QWidget *dialogParent);

    // GUI thread: stop every wait (the questions open now read as
    // declined) until resume(); before waiting for a worker to end.
    void abandon();
    void resume();

    // The question dialogs open now (for tests and abandon()).
    QList<QDialog *> openDialogs() const;

    // Worker thread.
    bool acceptNewHostKey(const std::string &host, int port, const HostKey &key) override;
    std::optional<std::string> passphrase(const std::string &keyPath) override;
    std::optional<std::vector<std::string>> answer(const std::string &title,
                                                   const std::string &instruction,
                                                   const std::vector<Prompt> &prompts) override;

Q_SIGNALS:
    // GUI thread, as a question's dialog opens.
    void questionOpened(QDialog *dialog);

private:
    using Answer = std::optional<std::vector<std::string>>;
    using Reply = std::function<void(Answer)>;
    // Runs show(reply) on the GUI thread and waits for reply() or abandon().
    // show makes the dialog and has it call reply() as it finishes; it runs
    // after a wait may have been abandoned, so it captures copies only.
    Answer ask(const std::function<QDialog *(QWidget *parent, const Reply &reply)> &show);

    QPointer<QWidget> m_parent;
    QList<QPointer<QDialog>> m_dialogs;
    std::atomic<bool> m_abandoned{false};
};

} // namespace perfcase
