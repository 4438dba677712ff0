#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QString>
#include <QVector>
#include <memory>

namespace perfcase {

class CaseFile;

// The raw collected outputs (`blobs`) of one source: name, compression and
// size are listed; the bytes are read only when one is shown. `blobs` has no
// public view, so this reads the table through the explorer's own
// read-only connection (never through the console's restricted one).
class BlobsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit BlobsModel(QObject *parent = nullptr);
    ~BlobsModel() override;

    void setCaseFile(std::shared_ptr<CaseFile> file);
    // Lists a source's blobs; 0 empties the model. Failures empty it and
    // are reported through errorOccurred().
    void setSource(qint64 sourceId);
    qint64 sourceId() const { return m_sourceId; }
    // Whether the source has blobs, so the explorer offers "Show blob" only there.
    static bool hasBlobs(CaseFile &file, qint64 sourceId);

    qint64 blobId(int row) const;
    QString name(int row) const;
    QString compression(int row) const;
    qint64 size(int row) const;
    // The stored (still compressed) bytes of a blob; empty on failure.
    QByteArray content(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        qint64 id = 0;
        QString name, compression;
        qint64 size = 0;
    };

    std::shared_ptr<CaseFile> m_file;
    qint64 m_sourceId = 0;
    QVector<Row> m_rows;
};

} // namespace perfcase
