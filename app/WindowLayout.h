#pragma once

class QDockWidget;
class QMainWindow;
class QSplitter;

namespace perfcase {

// The window's arrangement across sessions: its size and place at start;
// the docks and the timeline/log split when the first case opens, since
// they are arranged around one; all of it saved on close.
class WindowLayout
{
public:
    // explorer and checklist: the docks a first start shows beside the middle.
    WindowLayout(QMainWindow *window, QSplitter *split, QDockWidget *explorer,
                 QDockWidget *checklist)
        : m_window(window), m_split(split), m_explorer(explorer), m_checklist(checklist)
    {
    }

    void restoreGeometry();
    // Once, with the first case.
    void restorePanels();
    void save() const;

private:
    QMainWindow *m_window;
    QSplitter *m_split;
    QDockWidget *m_explorer, *m_checklist;
    bool m_panelsRestored = false;
};

} // namespace perfcase
