#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QString>
#include <QVector>
#include <memory>

namespace perfcase {

class CaseFile;

// The log records of a case (v_logs) in id order, loaded a page at a time as
// the view scrolls (canFetchMore/fetchMore), so a million-row case opens as
// fast as a small one. Pages follow the id (keyset), never OFFSET, so each
// page costs the same wherever it is. Only the first line of a message is
// kept; the tooltip reads the full text when asked.
class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Source,
        Level,
        Message,
        ColumnCount
    };
    static constexpr int DefaultPageSize = 1000;

    explicit LogTableModel(QObject *parent = nullptr);
    ~LogTableModel() override;

    // Opens the case read-only and loads the first page; an empty path
    // closes it. Throws CaseFileError when the case cannot be opened.
    void setCase(const QString &path);
    QString casePath() const { return m_path; }
    // Starts again from the first page, e.g. after an import.
    void refresh();
    void setPageSize(int rows) { m_pageSize = rows > 0 ? rows : DefaultPageSize; }
    int pageSize() const { return m_pageSize; }
    // The v_logs.id of a row, for views that link to other panels.
    qint64 recordId(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        qint64 id = 0;
        qint64 ts = 0;
        QString source;
        int level = -1; // LogLevel as int; -1: none
        QString firstLine;
        bool shortened = false; // more text than firstLine holds
    };
    QVector<Row> readPage(qint64 afterId);
    QString fullMessage(qint64 id) const;

    QString m_path;
    std::unique_ptr<CaseFile> m_file;
    QVector<Row> m_rows;
    // Source names repeat on every row: share one QString per source.
    QHash<qint64, QString> m_sourceNames;
    int m_pageSize = DefaultPageSize;
    bool m_atEnd = true;
};

} // namespace perfcase
