#pragma once

#include "LogFilter.h"
#include "LogRecordReader.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace perfcase {

class CaseFile;
class LogBlockIndex;
class LogMatchCursor;
class LogPager;
class ViewState;

// The log records of a case in time order across sources, for a QTableView.
// Without a record filter the row count is exact and any page is read on
// demand (LogPager: a scroll to the middle of 10M rows costs one page); with
// levels, a search or a template the matches arrive in time order a chunk at
// a time (canFetchMore/fetchMore, and a background step until a screenful
// is found). The model opens its own read-only connection; pages are cached
// around what the view shows.
class LogExplorerModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Source,
        Level,
        Message,
        Pod,
        ColumnCount
    };
    // Raw values for tests and delegates.
    enum Role
    {
        TimeRole = Qt::UserRole + 1, // qint64 corrected ns
        IdRole,                      // qint64 logs.id
        LevelRole,                   // int, -1 none
        TemplateRole                 // qint64 or invalid
    };
    static constexpr int kPageRows = 128;

    explicit LogExplorerModel(QObject *parent = nullptr);
    ~LogExplorerModel() override;

    // Opens the case read-only (an empty path closes it). Throws
    // CaseFileError when the case cannot be opened.
    void setCase(const QString &path);
    QString casePath() const { return m_path; }
    // Reads the case again (after an import), keeping the filter.
    void refresh();
    void setViewState(ViewState *state);

    // Replaces the filter; a search error (invalid sql: syntax or regex)
    // is reported by errorOccurred and leaves no rows.
    void setFilter(const LogFilter &filter);
    const LogFilter &filter() const { return m_filter; }
    // Whether more matches may follow (filtered mode).
    bool isComplete() const;
    // Exact rows of the scope (unfiltered mode), or matches found so far.
    bool isExact() const { return !m_cursor; }

    // The sources of the case: id and name, for the source filter.
    QList<QPair<qint64, QString>> sources() const;
    // Whether any log names its pod or container (kubectl logs): the Pod
    // column is worth its width only then.
    bool hasPods() const;

    qint64 recordId(int row) const;
    qint64 timeAt(int row) const;
    // The row nearest ts (unfiltered: exact; filtered: among matches found so
    // far, fetching on while they end before ts). -1 when empty.
    int rowForTime(qint64 ts);
    // Fetches matches until row exists or the matches end (filtered mode).
    bool ensureRow(int row);
    QStringList highlightTerms() const;
    QString fullMessage(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QColor levelColor(int level);

Q_SIGNALS:
    void errorOccurred(const QString &message);
    // The filter was applied (or failed): counts changed.
    void filterApplied();

private:
    void rebuild();
    void fetchStep(int rows, int budgetMs);
    void continueInBackground();
    const LogRecord *record(int row) const;
    int rowCountInt() const;

    QString m_path;
    std::unique_ptr<CaseFile> m_file;
    std::unique_ptr<LogBlockIndex> m_index;
    std::unique_ptr<LogPager> m_pager;
    std::unique_ptr<LogMatchCursor> m_cursor;
    std::vector<LogRef> m_matches; // filtered mode: found so far
    LogFilter m_filter;
    ViewState *m_state = nullptr;
    bool m_backgroundQueued = false;
    // Pages of records by page number, least recently used dropped first.
    mutable QHash<qint64, std::vector<LogRecord>> m_pages;
    mutable std::vector<qint64> m_pageUse;
    mutable QHash<int, QString> m_trackLabels;
};

} // namespace perfcase
