#include "PreferencesDialog.h"

#include "UserIdentity.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace perfcase {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent), m_author(new QLineEdit(this))
{
    setWindowTitle(tr("Preferences"));
    setMinimumWidth(420);
    m_author->setText(QString::fromStdString(configuredUserName()));
    m_author->setPlaceholderText(QString::fromStdString(osUserName()));
    m_author->setMaxLength(100);
    m_author->setClearButtonEnabled(true);
    m_author->setToolTip(tr("Stamped on your annotations, notes and verdict overrides, so a "
                            "teammate who merges your case sees who wrote what"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Author name:"), m_author);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    if (!qEnvironmentVariableIsEmpty("PERFCASE_AUTHOR")) {
        auto *note = new QLabel(tr("PERFCASE_AUTHOR is set in the environment, so “%1” is used "
                                   "until it is unset.")
                                    .arg(QString::fromStdString(currentUserName())),
                                this);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QAction *PreferencesDialog::openAction(QWidget *window)
{
    auto *action = new QAction(tr("&Preferences…"), window);
    action->setShortcut(QKeySequence::Preferences);
    connect(action, &QAction::triggered, window, [window] {
        auto *dialog = new PreferencesDialog(window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    return action;
}

void PreferencesDialog::accept()
{
    setConfiguredUserName(m_author->text().toStdString());
    QDialog::accept();
}

} // namespace perfcase
