#pragma once

#include <QDialog>

class QAction;
class QComboBox;
class QLineEdit;

namespace perfcase {

class ViewState;

// Edit › Preferences…: who the user is on what they write (annotations,
// notes, overrides, new cases; empty means the OS user, whose name the
// empty field shows greyed; PERFCASE_AUTHOR, when set, wins and the dialog
// says so), the display time zone (the same setting as View › Time Zone),
// the namespace collecting starts from, and the theme. Applied on OK.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    PreferencesDialog(ViewState *view, QWidget *parent = nullptr);
    // Edit › Preferences… (the platform's shortcut), opening one over window.
    static QAction *openAction(QWidget *window, ViewState *view);

    QLineEdit *authorEdit() const { return m_author; }
    QComboBox *zoneBox() const { return m_zone; }
    QLineEdit *namespaceEdit() const { return m_namespace; }
    QComboBox *themeBox() const { return m_theme; }
    void accept() override;

private:
    ViewState *m_view;
    QLineEdit *m_author;
    QComboBox *m_zone;
    QLineEdit *m_namespace;
    QComboBox *m_theme;
};

} // namespace perfcase
