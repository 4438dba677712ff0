#include "LogExplorer.h"

#include "LogExplorerModel.h"
#include "LogHighlightDelegate.h"
#include "LogLevel.h"
#include "LogPatternsView.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

namespace perfcase {

namespace {

QToolButton *chip(QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setAutoRaise(false);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->hide();
    return button;
}

// "700 µs", "850 ms", "12.5 s", "4 min 10 s", "3 h 05 min".
QString spanText(qint64 ns)
{
    const double seconds = double(ns) / 1e9;
    if (ns < 1'000'000) return LogExplorer::tr("%1 µs").arg(qRound64(double(ns) / 1e3));
    if (seconds < 1) return LogExplorer::tr("%1 ms").arg(qRound64(seconds * 1000));
    if (seconds < 60) return LogExplorer::tr("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 2 : 1);
    const qint64 whole = qRound64(seconds);
    if (whole < 3600) return LogExplorer::tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return LogExplorer::tr("%1 h %2 min")
        .arg(whole / 3600)
        .arg(whole / 60 % 60, 2, 10, QChar(u'0'));
}

} // namespace

LogExplorer::LogExplorer(QWidget *parent)
    : QWidget(parent), m_model(new LogExplorerModel(this)),
      m_delegate(new LogHighlightDelegate(this)), m_tabs(new QTabWidget(this)),
      m_table(new QTableView(this)), m_patterns(new LogPatternsView(this)),
      m_search(new QLineEdit(this)), m_levelButton(new QToolButton(this)),
      m_sourceButton(new QToolButton(this)), m_rangeChip(chip(this)), m_templateChip(chip(this)),
      m_levelMenu(new QMenu(this)), m_sourceMenu(new QMenu(this)), m_status(new QLabel(this))
{
    m_search->setPlaceholderText(tr("Search words · re: regex · sql: FTS5"));
    m_search->setToolTip(tr("Enter searches: plain words (all of them, as phrases), re: a "
                            "regular expression, sql: an FTS5 query. F3 / Shift+F3: next and "
                            "previous match"));
    m_search->setClearButtonEnabled(true);

    m_findAction = new QAction(tr("&Find in Logs"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    m_nextAction = new QAction(tr("Find &Next"), this);
    m_nextAction->setShortcut(QKeySequence(Qt::Key_F3));
    m_previousAction = new QAction(tr("Find &Previous"), this);
    m_previousAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    m_clearAction = new QAction(tr("&Clear Log Filters"), this);
    m_clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    for (QAction *action : {m_findAction, m_nextAction, m_previousAction, m_clearAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    auto *previous = new QToolButton(this);
    previous->setDefaultAction(m_previousAction);
    previous->setText(QStringLiteral("▲"));
    auto *next = new QToolButton(this);
    next->setDefaultAction(m_nextAction);
    next->setText(QStringLiteral("▼"));

    m_levelButton->setText(tr("Levels"));
    m_levelButton->setPopupMode(QToolButton::InstantPopup);
    m_levelButton->setMenu(m_levelMenu);
    for (int level = int(LogLevel::Critical); level >= int(LogLevel::Trace); --level) {
        const auto name = levelName(LogLevel(level));
        QAction *action =
            m_levelMenu->addAction(QString::fromLatin1(name.data(), qsizetype(name.size())));
        action->setCheckable(true);
        action->setData(level);
    }
    QAction *none = m_levelMenu->addAction(tr("(no level)"));
    none->setCheckable(true);
    none->setData(-1);
    connect(m_levelMenu, &QMenu::triggered, this, [this] {
        m_levels.clear();
        for (QAction *action : m_levelMenu->actions())
            if (action->isChecked()) m_levels.append(action->data().toInt());
        applyFilter();
    });
    m_sourceButton->setText(tr("Sources"));
    m_sourceButton->setPopupMode(QToolButton::InstantPopup);
    m_sourceButton->setMenu(m_sourceMenu);
    connect(m_sourceMenu, &QMenu::triggered, this, [this] {
        m_sources.clear();
        for (QAction *action : m_sourceMenu->actions())
            if (action->isChecked()) m_sources.append(action->data().toLongLong());
        applyFilter();
    });
    m_rangeChip->setToolTip(tr("Records of the timeline selection only; click to show all"));
    connect(m_rangeChip, &QToolButton::clicked, this, [this] {
        m_range.reset();
        applyFilter();
    });
    m_templateChip->setToolTip(tr("Records of one template only; click to show all"));
    connect(m_templateChip, &QToolButton::clicked, this,
            [this] { setTemplateFilter(std::nullopt); });

    // The search field keeps room for its hint whatever chips are shown
    // (plus its clear button and frame).
    m_search->setMinimumWidth(fontMetrics().horizontalAdvance(m_search->placeholderText()) + 48);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(previous);
    bar->addWidget(next);
    bar->addWidget(m_levelButton);
    bar->addWidget(m_sourceButton);
    bar->addWidget(m_rangeChip);
    bar->addWidget(m_templateChip);
    bar->addWidget(m_status);

    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(LogExplorerModel::Message, m_delegate);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    // Fixed row height: the view never measures rows, so 10M rows scroll
    // like 100 (no sizeHint per row, uniform like QTreeView's uniformRowHeights).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(LogExplorerModel::Message,
                                                      QHeaderView::Stretch);
    m_table->setColumnWidth(
        LogExplorerModel::Time,
        fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000000")) + 16);
    m_table->setColumnWidth(LogExplorerModel::Source, fontMetrics().averageCharWidth() * 18);
    m_table->setColumnWidth(LogExplorerModel::Level, fontMetrics().averageCharWidth() * 9);
    const QString podHeader =
        m_model->headerData(LogExplorerModel::Pod, Qt::Horizontal, Qt::DisplayRole).toString();
    m_table->setColumnWidth(LogExplorerModel::Pod,
                            std::max(fontMetrics().averageCharWidth() * 14,
                                     fontMetrics().horizontalAdvance(podHeader) + 24));

    m_tabs->addTab(m_table, tr("Records"));
    m_tabs->addTab(m_patterns, tr("Patterns"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);

    connect(m_search, &QLineEdit::returnPressed, this, &LogExplorer::applyFilter);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_table);
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_nextAction, &QAction::triggered, this, &LogExplorer::findNext);
    connect(m_previousAction, &QAction::triggered, this, &LogExplorer::findPrevious);
    connect(m_clearAction, &QAction::triggered, this, &LogExplorer::clearFilters);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (!index.isValid() || !m_state) return;
        m_movingCursor = true;
        m_state->setCursor(m_model->timeAt(index.row()));
        m_movingCursor = false;
    });
    connect(m_model, &LogExplorerModel::filterApplied, this, &LogExplorer::updateStatus);
    connect(m_model, &LogExplorerModel::errorOccurred, this, [this](const QString &message) {
        m_error = message;
        updateStatus();
        Q_EMIT errorOccurred(message);
    });
    connect(m_patterns, &LogPatternsView::templateActivated, this,
            [this](qint64 id, const QString &pattern) {
                setTemplateFilter(id, pattern);
                m_tabs->setCurrentWidget(m_table);
            });
    connect(m_patterns, &LogPatternsView::errorOccurred, this, &LogExplorer::errorOccurred);
    setViewState(new ViewState(this));
}

void LogExplorer::setViewState(ViewState *state)
{
    if (!state || state == m_state) return;
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        if (m_state->parent() == this) m_state->deleteLater();
    }
    m_state = state;
    m_model->setViewState(state);
    m_patterns->setViewState(state);
    connect(state, &ViewState::selectionChanged, this, &LogExplorer::onSelectionChanged);
    connect(state, &ViewState::cursorChanged, this, &LogExplorer::onCursorChanged);
    if (state->selection()) onSelectionChanged(state->selection());
}

void LogExplorer::setCase(const QString &path)
{
    m_error.clear();
    try {
        m_model->setCase(path);
        m_patterns->setCase(path);
    } catch (const std::exception &e) {
        m_error = tr("Cannot open the logs: %1").arg(QString::fromStdString(e.what()));
        Q_EMIT errorOccurred(m_error);
    }
    followSources();
    applyFilter();
}

void LogExplorer::followSources()
{
    // The source filter, and the Pod column only when a log names pods.
    m_table->setColumnHidden(LogExplorerModel::Pod, !m_model->hasPods());
    fillSourceMenu();
}

void LogExplorer::refresh()
{
    m_error.clear();
    m_model->refresh();
    m_patterns->refresh();
    followSources();
    updateStatus();
}

void LogExplorer::fillSourceMenu()
{
    m_sourceMenu->clear();
    for (const auto &[id, name] : m_model->sources()) {
        QAction *action = m_sourceMenu->addAction(name);
        action->setCheckable(true);
        action->setData(id);
        action->setChecked(m_sources.contains(id));
    }
}

void LogExplorer::applyFilter()
{
    m_error.clear();
    LogFilter filter;
    for (qint64 id : m_sources)
        filter.sourceIds.push_back(id);
    for (int level : m_levels)
        filter.levels.push_back(level);
    if (m_range) {
        filter.from = m_range->from;
        filter.to = m_range->to;
    }
    filter.templateId = m_templateId;
    filter.search = LogSearchQuery::parse(m_search->text().toStdString());
    m_delegate->setTerms(m_model->highlightTerms());
    m_model->setFilter(filter);
    m_delegate->setTerms(m_model->highlightTerms());
    m_levelButton->setText(m_levels.isEmpty() ? tr("Levels")
                                              : tr("Levels (%1)").arg(m_levels.size()));
    m_sourceButton->setText(m_sources.isEmpty() ? tr("Sources")
                                                : tr("Sources (%1)").arg(m_sources.size()));
    if (m_range) {
        // The timeline shows where the selection is; the chip says how long
        // it is, and leaves the bar's width to the search field.
        m_rangeChip->setText(tr("Selection %1 ✕").arg(spanText(m_range->to - m_range->from)));
        m_rangeChip->setToolTip(
            tr("Records of the timeline selection only, %1 to %2 (%3); click to show all")
                .arg(m_state->formatTime(m_range->from, 6), m_state->formatTime(m_range->to, 6),
                     m_state->zoneLabel(m_range->from)));
    }
    m_rangeChip->setVisible(m_range.has_value());
    m_templateChip->setVisible(m_templateId.has_value());
    m_table->viewport()->update();
    updateStatus();
}

void LogExplorer::updateStatus()
{
    m_status->setText(statusText());
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, m_error.isEmpty() ? QColor() : QColor(0xc6, 0x28, 0x28));
    if (m_error.isEmpty())
        m_status->setPalette(QPalette());
    else
        m_status->setPalette(palette);
}

QString LogExplorer::statusText() const
{
    if (!m_error.isEmpty()) return m_error;
    const int rows = m_model->rowCount();
    if (m_model->isExact()) return tr("%L1 records").arg(rows);
    return m_model->isComplete() ? tr("%L1 matches").arg(rows) : tr("%L1+ matches").arg(rows);
}

void LogExplorer::setLevelFilter(const QList<int> &levels)
{
    m_levels = levels;
    for (QAction *action : m_levelMenu->actions())
        action->setChecked(levels.contains(action->data().toInt()));
    applyFilter();
}

void LogExplorer::setSourceFilter(const QList<qint64> &sourceIds)
{
    m_sources = sourceIds;
    for (QAction *action : m_sourceMenu->actions())
        action->setChecked(sourceIds.contains(action->data().toLongLong()));
    applyFilter();
}

void LogExplorer::setTemplateFilter(std::optional<qint64> templateId, const QString &pattern)
{
    m_templateId = templateId;
    m_templateChip->setText(tr("Template: %1 ✕").arg(pattern.left(40)));
    m_templateChip->setToolTip(pattern);
    applyFilter();
}

void LogExplorer::clearFilters()
{
    m_search->clear();
    m_levels.clear();
    m_sources.clear();
    m_range.reset();
    m_templateId.reset();
    for (QAction *action : m_levelMenu->actions())
        action->setChecked(false);
    for (QAction *action : m_sourceMenu->actions())
        action->setChecked(false);
    applyFilter();
}

void LogExplorer::onSelectionChanged(std::optional<ViewState::Range> range)
{
    m_range = range;
    applyFilter();
}

void LogExplorer::onCursorChanged(std::optional<qint64> ns)
{
    if (m_movingCursor || !ns) return;
    const int row = m_model->rowForTime(*ns);
    if (row < 0) return;
    const QModelIndex index = m_model->index(row, LogExplorerModel::Message);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void LogExplorer::findNext()
{
    moveMatch(1);
}

void LogExplorer::findPrevious()
{
    moveMatch(-1);
}

void LogExplorer::moveMatch(int step)
{
    // While a search or filter is active every row is a match: step through them.
    const QModelIndex current = m_table->currentIndex();
    int row = current.isValid() ? current.row() + step : (step > 0 ? 0 : m_model->rowCount() - 1);
    if (row < 0) return;
    if (!m_model->ensureRow(row)) return;
    const QModelIndex index = m_model->index(row, LogExplorerModel::Message);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    if (m_state) {
        m_movingCursor = true;
        m_state->setCursor(m_model->timeAt(row));
        m_movingCursor = false;
    }
}

} // namespace perfcase
