#include "QueryResultModel.h"

#include "TimeUtil.h"

#include <QBrush>
#include <QPalette>

namespace perfcase {

namespace {

// Cells longer than this are cut for display (a whole log message with a
// stack trace would make one row as tall as the screen); the tooltip and
// EditRole keep the full text.
constexpr qsizetype kMaxCellText = 500;

} // namespace

QueryResultModel::QueryResultModel(QObject *parent) : QAbstractTableModel(parent) {}

void QueryResultModel::setResult(const QueryExecutor::Result &result)
{
    beginResetModel();
    m_columns = result.columns;
    m_rows = result.rows;
    m_timeColumns.clear();
    for (const QString &column : m_columns)
        m_timeColumns << isTimeColumn(column);
    endResetModel();
}

void QueryResultModel::clear()
{
    beginResetModel();
    m_columns.clear();
    m_rows.clear();
    m_timeColumns.clear();
    endResetModel();
}

bool QueryResultModel::isTimeColumn(const QString &name)
{
    const QString lower = name.toLower();
    // The names case-file.md gives to ns-since-epoch columns. Durations
    // (dur, *_ns such as clock_offset_ns) are deliberately not times.
    return lower == QLatin1String("ts") || lower.endsWith(QLatin1String("_ts")) ||
           lower.endsWith(QLatin1String("_at")) || lower == QLatin1String("first_raw_ns") ||
           lower == QLatin1String("last_raw_ns");
}

bool QueryResultModel::hasTsColumn() const
{
    return m_columns.contains(QStringLiteral("ts"), Qt::CaseInsensitive);
}

int QueryResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueryResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant QueryResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariant &value = m_rows.at(index.row()).value(index.column());
    const bool isTime =
        m_timeColumns.value(index.column()) && value.typeId() == QMetaType::LongLong;
    switch (role) {
    case Qt::DisplayRole:
        if (value.isNull()) return QStringLiteral("NULL");
        if (isTime) return QString::fromStdString(formatRfc3339(value.toLongLong()));
        if (value.typeId() == QMetaType::QByteArray)
            return tr("<blob, %n bytes>", nullptr, int(value.toByteArray().size()));
        if (value.typeId() == QMetaType::QString) {
            QString text = value.toString();
            if (text.size() > kMaxCellText) text = text.left(kMaxCellText) + QChar(0x2026);
            // One line per row: the view has fixed row heights.
            return text.replace(QLatin1Char('\n'), QChar(0x23CE));
        }
        return value;
    case Qt::EditRole:
        return value;
    case Qt::ToolTipRole:
        if (isTime) return tr("%1 ns since the epoch (UTC)").arg(value.toLongLong());
        if (value.typeId() == QMetaType::QString && value.toString().size() > 80)
            return value.toString().left(4000);
        break;
    case Qt::ForegroundRole:
        if (value.isNull()) return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        break;
    case Qt::TextAlignmentRole:
        if (!isTime &&
            (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Double))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant QueryResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) return m_columns.value(section);
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && m_timeColumns.value(section))
        return tr("Times are shown in UTC; hover a cell for its nanoseconds.");
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace perfcase
