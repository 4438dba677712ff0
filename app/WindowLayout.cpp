#include "WindowLayout.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <algorithm>

namespace perfcase {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kSplitKey = QStringLiteral("window/timelineSplit");

} // namespace

void WindowLayout::restoreGeometry()
{
    if (!m_window->restoreGeometry(QSettings().value(kGeometryKey).toByteArray()))
        if (const QScreen *screen = m_window->screen())
            m_window->resize(screen->availableSize() * 0.85);
}

void WindowLayout::restorePanels()
{
    if (m_panelsRestored) return;
    m_panelsRestored = true;
    QSettings settings;
    if (m_window->restoreState(settings.value(kStateKey).toByteArray())) {
        m_split->restoreState(settings.value(kSplitKey).toByteArray());
        return;
    }
    m_explorer->show();
    m_checklist->show();
    // Sized once shown (hidden docks ignore it): the Case tree's columns and
    // the checklist's verdict text need about this much; the middle keeps
    // the rest for the timeline and the log messages.
    const int width = m_window->width();
    m_window->resizeDocks({m_explorer, m_checklist},
                          {std::max(280, width * 24 / 100), std::max(380, width * 32 / 100)},
                          Qt::Horizontal);
}

void WindowLayout::save() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, m_window->saveGeometry());
    // Docks are arranged around a case; with none open they are all hidden.
    if (m_panelsRestored) {
        settings.setValue(kStateKey, m_window->saveState());
        settings.setValue(kSplitKey, m_split->saveState());
    }
}

} // namespace perfcase
