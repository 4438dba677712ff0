#include "SourcesModel.h"

#include "CaseFile.h"
#include "TimeUtil.h"

#include <QLocale>
#include <exception>

namespace perfcase {

namespace {

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

SourcesModel::SourcesModel(QObject *parent) : QAbstractTableModel(parent) {}

SourcesModel::~SourcesModel() = default;

void SourcesModel::setCase(const QString &path)
{
    beginResetModel();
    m_rows.clear();
    m_file.reset();
    m_path.clear();
    try {
        if (!path.isEmpty()) {
            m_file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
            m_path = path;
            m_rows = load();
        }
    } catch (...) {
        m_file.reset();
        m_path.clear();
        m_rows.clear();
        endResetModel();
        throw;
    }
    endResetModel();
}

void SourcesModel::refresh()
{
    if (!m_file) return;
    QVector<Row> rows;
    QString error;
    try {
        rows = load();
    } catch (const std::exception &e) {
        error = QString::fromStdString(e.what());
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (!error.isEmpty()) Q_EMIT errorOccurred(tr("Cannot read the sources: %1").arg(error));
}

QVector<SourcesModel::Row> SourcesModel::load()
{
    QVector<Row> rows;
    Statement select = m_file->db().prepare(
        "SELECT id, name, origin, kind, format, state, records, rejected, first_ts, last_ts, "
        "clock_domain = 'monotonic' AND clock_origin = 'none' FROM v_sources ORDER BY id");
    while (select.step()) {
        Row row;
        row.id = select.int64(0);
        row.name = toQString(select.textView(1));
        row.origin = toQString(select.textView(2));
        row.kind = toQString(select.textView(3));
        row.format = toQString(select.textView(4));
        row.state = toQString(select.textView(5));
        row.records = select.int64(6);
        row.rejected = select.int64(7);
        row.unaligned = select.int64(10) != 0;
        // An unaligned monotonic clock has no wall time to show (DESIGN.md, "Clocks").
        if (!row.unaligned) {
            row.firstTs = select.optionalInt64(8);
            row.lastTs = select.optionalInt64(9);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

qint64 SourcesModel::totalRecords() const
{
    qint64 total = 0;
    for (const Row &row : m_rows)
        total += row.records;
    return total;
}

int SourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SourcesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    auto time = [&row](const std::optional<qint64> &ns) -> QVariant {
        if (ns) return QString::fromStdString(formatRfc3339(*ns));
        return row.unaligned ? QVariant(tr("unaligned")) : QVariant();
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Id:
            return row.id;
        case Name:
            return row.name;
        case Kind:
            return row.kind;
        case Format:
            return row.format;
        case Records:
            return QLocale().toString(row.records);
        case Rejected:
            return QLocale().toString(row.rejected);
        case State:
            return row.state;
        case FirstTime:
            return time(row.firstTs);
        case LastTime:
            return time(row.lastTs);
        case ColumnCount:
            break;
        }
        break;
    case Qt::EditRole: // raw values, for sorting proxies and tests
        switch (Column(index.column())) {
        case Records:
            return row.records;
        case Rejected:
            return row.rejected;
        case FirstTime:
            return row.firstTs ? QVariant(*row.firstTs) : QVariant();
        case LastTime:
            return row.lastTs ? QVariant(*row.lastTs) : QVariant();
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == Name) return row.origin;
        if (index.column() == State && row.state == QLatin1String("partial"))
            return tr("The input ended early; everything up to the last complete record was "
                      "imported.");
        break;
    case Qt::TextAlignmentRole:
        switch (Column(index.column())) {
        case Id:
        case Records:
        case Rejected:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant SourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("ID");
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Format:
        return tr("Format");
    case Records:
        return tr("Records");
    case Rejected:
        return tr("Rejected");
    case State:
        return tr("State");
    case FirstTime:
        return tr("First time");
    case LastTime:
        return tr("Last time");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace perfcase
