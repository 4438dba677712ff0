#include "BlobsModel.h"

#include "CaseFile.h"

#include <QLocale>
#include <exception>

namespace perfcase {

BlobsModel::BlobsModel(QObject *parent) : QAbstractListModel(parent) {}

BlobsModel::~BlobsModel() = default;

void BlobsModel::setCaseFile(std::shared_ptr<CaseFile> file)
{
    m_file = std::move(file);
    setSource(0);
}

void BlobsModel::setSource(qint64 sourceId)
{
    QVector<Row> rows;
    QString error;
    if (m_file && sourceId > 0) {
        try {
            // length() of a BLOB reads its size from the record header, not the bytes.
            Statement select = m_file->db().prepare(
                "SELECT id, name, compression, length(data) FROM blobs WHERE source_id = ? "
                "ORDER BY id");
            select.bind(1, sourceId);
            while (select.step())
                rows.push_back({select.int64(0), QString::fromStdString(select.text(1)),
                                QString::fromStdString(select.text(2)), select.int64(3)});
        } catch (const std::exception &e) {
            rows.clear();
            error = QString::fromStdString(e.what());
        }
    }
    beginResetModel();
    m_sourceId = sourceId;
    m_rows = std::move(rows);
    endResetModel();
    if (!error.isEmpty()) Q_EMIT errorOccurred(tr("Cannot read the blobs: %1").arg(error));
}

bool BlobsModel::hasBlobs(CaseFile &file, qint64 sourceId)
{
    try {
        Statement select =
            file.db().prepare("SELECT EXISTS (SELECT 1 FROM blobs WHERE source_id = ?)");
        select.bind(1, sourceId);
        return select.step() && select.int64(0) != 0;
    } catch (const std::exception &) {
        return false; // the action stays disabled; showing would report the error
    }
}

qint64 BlobsModel::blobId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : 0;
}

QString BlobsModel::name(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].name : QString();
}

QString BlobsModel::compression(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].compression : QString();
}

qint64 BlobsModel::size(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].size : 0;
}

QByteArray BlobsModel::content(int row) const
{
    if (!m_file || row < 0 || row >= m_rows.size()) return {};
    try {
        Statement select = m_file->db().prepare("SELECT data FROM blobs WHERE id = ?");
        select.bind(1, m_rows[row].id);
        if (!select.step()) return {};
        const std::string_view bytes = select.blob(0);
        return QByteArray(bytes.data(), qsizetype(bytes.size()));
    } catch (const std::exception &) {
        return {};
    }
}

int BlobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant BlobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        const QString size = QLocale().formattedDataSize(row.size);
        return row.compression == QLatin1String("none")
                   ? tr("%1 (%2)").arg(row.name, size)
                   : tr("%1 (%2, %3)").arg(row.name, row.compression, size);
    }
    if (role == Qt::ToolTipRole) return row.name;
    return {};
}

} // namespace perfcase
