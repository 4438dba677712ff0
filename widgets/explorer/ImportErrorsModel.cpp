#include "ImportErrorsModel.h"

#include "CaseFile.h"

#include <exception>

namespace perfcase {

ImportErrorsModel::ImportErrorsModel(QObject *parent) : QAbstractTableModel(parent) {}

ImportErrorsModel::~ImportErrorsModel() = default;

void ImportErrorsModel::setCaseFile(std::shared_ptr<CaseFile> file)
{
    m_file = std::move(file);
    setSource(0);
}

void ImportErrorsModel::setSource(qint64 sourceId)
{
    QVector<Row> rows;
    QString error;
    if (m_file && sourceId > 0) {
        try {
            Statement select = m_file->db().prepare(
                "SELECT line, byte, kind, message, excerpt FROM v_import_errors "
                "WHERE source_id = ? ORDER BY id");
            select.bind(1, sourceId);
            while (select.step()) {
                Row row;
                row.line = select.optionalInt64(0);
                row.byte = select.optionalInt64(1);
                row.kind = QString::fromStdString(select.text(2));
                row.message = QString::fromStdString(select.text(3));
                row.hasExcerpt = !select.isNull(4);
                row.excerpt = QString::fromStdString(select.text(4));
                rows.push_back(std::move(row));
            }
        } catch (const std::exception &e) {
            rows.clear();
            error = QString::fromStdString(e.what());
        }
    }
    beginResetModel();
    m_sourceId = sourceId;
    m_rows = std::move(rows);
    endResetModel();
    if (!error.isEmpty()) Q_EMIT errorOccurred(tr("Cannot read the import errors: %1").arg(error));
}

int ImportErrorsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportErrorsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportErrorsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    auto optional = [](const std::optional<qint64> &value) {
        return value ? QVariant(*value) : QVariant();
    };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (Column(index.column())) {
        case Line:
            return optional(row.line);
        case Byte:
            return optional(row.byte);
        case Kind:
            return row.kind;
        case Message:
            return row.message;
        case Excerpt:
            // One line per row; the tooltip has the excerpt as stored.
            return role == Qt::DisplayRole
                       ? QString(row.excerpt).replace(QLatin1Char('\n'), QChar(0x23CE))
                       : row.excerpt;
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Excerpt && row.hasExcerpt) return row.excerpt;
        if (index.column() == Byte && row.byte && !row.line)
            return tr("An offset in the file on disk (the compressed stream was cut)");
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Line || index.column() == Byte)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant ImportErrorsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Line:
        return tr("Line");
    case Byte:
        return tr("Byte");
    case Kind:
        return tr("Kind");
    case Message:
        return tr("Message");
    case Excerpt:
        return tr("Excerpt");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace perfcase
