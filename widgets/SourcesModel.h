#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QVector>
#include <memory>
#include <optional>

namespace perfcase {

class CaseFile;

// The ready sources of a case (v_sources), one row each. Reads through a
// read-only connection of its own, so it sees committed sources while an
// import writes on another connection.
class SourcesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Id,
        Name,
        Kind,
        Format,
        Records,
        Rejected,
        State,
        FirstTime,
        LastTime,
        ColumnCount
    };

    explicit SourcesModel(QObject *parent = nullptr);
    ~SourcesModel() override;

    // Opens the case read-only and loads its sources; an empty path closes
    // it. Throws CaseFileError when the case cannot be opened (the model is
    // then empty).
    void setCase(const QString &path);
    QString casePath() const { return m_path; }
    // Re-reads the sources, e.g. after an import. A failure empties the model
    // and is reported through errorOccurred().
    void refresh();

    qint64 totalRecords() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        qint64 id = 0;
        QString name, origin, kind, format, state;
        qint64 records = 0, rejected = 0;
        std::optional<qint64> firstTs, lastTs;
        bool unaligned = false;
    };
    QVector<Row> load();

    QString m_path;
    std::unique_ptr<CaseFile> m_file;
    QVector<Row> m_rows;
};

} // namespace perfcase
