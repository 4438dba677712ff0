#pragma once

#include <QDialog>

class QAction;
class QLineEdit;

namespace perfcase {

// Edit > Preferences…: who the user is on what they write (annotations,
// notes, overrides, new cases). Empty means the OS user, whose name the
// empty field shows greyed; PERFCASE_AUTHOR, when set, wins and the dialog
// says so.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    // Edit > Preferences… (the platform's shortcut), opening one over window.
    static QAction *openAction(QWidget *window);

    QLineEdit *authorEdit() const { return m_author; }
    void accept() override;

private:
    QLineEdit *m_author;
};

} // namespace perfcase
