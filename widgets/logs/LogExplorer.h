#pragma once

#include "ViewState.h"

#include <QList>
#include <QWidget>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QTabWidget;
class QTableView;
class QToolButton;

namespace perfcase {

class LogExplorerModel;
class LogHighlightDelegate;
class LogPatternsView;

// The log explorer (issue 4): every log record of the case in time order
// across sources, virtualized (any scroll position costs one page), with
// full-text search (Enter; matches highlighted; F3 / Shift+F3 step through
// them), level and source filters, the timeline selection as a time filter
// (a chip clears it), and the message templates with what surges in the
// selection. A click on a record moves the shared cursor; a cursor moved
// elsewhere scrolls to the nearest record. Views own no data: the models
// open the case read-only themselves.
class LogExplorer : public QWidget
{
    Q_OBJECT

public:
    explicit LogExplorer(QWidget *parent = nullptr);

    // Opens the case (empty closes); errors are shown in the explorer.
    void setCase(const QString &path);
    // Reads the case again (after an import), keeping the filters.
    void refresh();
    void setViewState(ViewState *state);
    // QWidget::actions() holds exactly the explorer's commands, for the
    // window's menus and Help: Find (Ctrl+F), Next match (F3), Previous
    // match (Shift+F3), Clear log filters (Ctrl+Shift+L).

    // For tests and the window.
    LogExplorerModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    LogPatternsView *patternsView() const { return m_patterns; }
    QString statusText() const;
    void setLevelFilter(const QList<int> &levels);        // empty: all
    void setSourceFilter(const QList<qint64> &sourceIds); // empty: all
    void setTemplateFilter(std::optional<qint64> templateId, const QString &pattern = {});
    void clearFilters();
    void findNext();
    void findPrevious();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void applyFilter();
    void updateStatus();
    void followSources();
    void fillSourceMenu();
    void onSelectionChanged(std::optional<ViewState::Range> range);
    void onCursorChanged(std::optional<qint64> ns);
    void moveMatch(int step);

    LogExplorerModel *m_model;
    LogHighlightDelegate *m_delegate;
    ViewState *m_state = nullptr;
    QTabWidget *m_tabs;
    QTableView *m_table;
    LogPatternsView *m_patterns;
    QLineEdit *m_search;
    QToolButton *m_levelButton, *m_sourceButton, *m_rangeChip, *m_templateChip;
    QMenu *m_levelMenu, *m_sourceMenu;
    QLabel *m_status;
    QAction *m_findAction, *m_nextAction, *m_previousAction, *m_clearAction;
    QList<int> m_levels;
    QList<qint64> m_sources;
    std::optional<ViewState::Range> m_range;
    std::optional<qint64> m_templateId;
    QString m_error;
    bool m_movingCursor = false;
};

} // namespace perfcase
