#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QVector>
#include <memory>
#include <optional>

namespace perfcase {

class CaseFile;

// The stored import errors and warnings of one source (import_errors, at
// most 1000 per source: the counts in the tree are complete, these rows
// may not be), in the order they were found.
class ImportErrorsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Line,
        Byte,
        Kind,
        Message,
        Excerpt,
        ColumnCount
    };

    explicit ImportErrorsModel(QObject *parent = nullptr);
    ~ImportErrorsModel() override;

    void setCaseFile(std::shared_ptr<CaseFile> file);
    // Loads the rows of a source; 0 empties the model. A failure empties it
    // and is reported through errorOccurred().
    void setSource(qint64 sourceId);
    qint64 sourceId() const { return m_sourceId; }

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
        std::optional<qint64> line, byte;
        QString kind, message, excerpt;
        bool hasExcerpt = false;
    };

    std::shared_ptr<CaseFile> m_file;
    qint64 m_sourceId = 0;
    QVector<Row> m_rows;
};

} // namespace perfcase
