#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QMenuBar;

namespace perfcase {

// Help > Keyboard Shortcuts: every menu action that has a shortcut, read
// from the menu bar when the dialog opens (so it never goes stale), plus the
// keys and mouse gestures of panels that have no menu entry.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    struct Gesture
    {
        QString area;   // "Timeline"
        QString keys;   // "Shift+drag"
        QString action; // "select a time range"
    };

    ShortcutsDialog(const QMenuBar *menuBar, const QList<Gesture> &gestures,
                    QWidget *parent = nullptr);

    // The keys and mouse gestures of the window's panels.
    static QList<Gesture> panelGestures();

    // The rows shown: area (menu path or panel), keys, action.
    const QList<Gesture> &rows() const { return m_rows; }

private:
    QList<Gesture> m_rows;
};

} // namespace perfcase
