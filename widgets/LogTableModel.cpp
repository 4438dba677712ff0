#include "LogTableModel.h"

#include "CaseFile.h"
#include "LogLevel.h"
#include "TimeUtil.h"

#include <QColor>
#include <QTextDocument>
#include <exception>

namespace perfcase {

namespace {

// A cell shows one line; a longer first line is cut so painting stays cheap
// (a log line may hold up to 1 MiB).
constexpr qsizetype kMaxCellChars = 1000;
// Tooltips wrap at about 80 columns; past this they stop being readable.
constexpr qsizetype kMaxTooltipChars = 8000;

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

LogTableModel::LogTableModel(QObject *parent) : QAbstractTableModel(parent) {}

LogTableModel::~LogTableModel() = default;

void LogTableModel::setCase(const QString &path)
{
    beginResetModel();
    m_rows.clear();
    m_sourceNames.clear();
    m_file.reset();
    m_path.clear();
    m_atEnd = true;
    try {
        if (!path.isEmpty()) {
            m_file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
            m_path = path;
            m_atEnd = false;
            m_rows = readPage(0);
        }
    } catch (...) {
        m_file.reset();
        m_path.clear();
        m_rows.clear();
        m_atEnd = true;
        endResetModel();
        throw;
    }
    endResetModel();
}

void LogTableModel::refresh()
{
    if (!m_file) return;
    beginResetModel();
    m_rows.clear();
    m_sourceNames.clear();
    m_atEnd = false;
    QString error;
    try {
        m_rows = readPage(0);
    } catch (const std::exception &e) {
        m_atEnd = true;
        error = QString::fromStdString(e.what());
    }
    endResetModel();
    if (!error.isEmpty()) Q_EMIT errorOccurred(tr("Cannot read the logs: %1").arg(error));
}

QVector<LogTableModel::Row> LogTableModel::readPage(qint64 afterId)
{
    QVector<Row> rows;
    rows.reserve(m_pageSize);
    // The statement ends with this function: a reader left open would pin
    // the WAL and keep the importer's checkpoint from truncating it.
    Statement select = m_file->db().prepare(
        "SELECT id, ts, source_id, source, level_num, message FROM v_logs WHERE id > ? "
        "ORDER BY id LIMIT ?");
    // One row more than a page tells whether another page exists, so the
    // view is never offered a fetch that brings nothing.
    select.bind(1, afterId).bind(2, m_pageSize + 1);
    bool more = false;
    while (select.step()) {
        if (rows.size() == m_pageSize) {
            more = true;
            break;
        }
        Row row;
        row.id = select.int64(0);
        row.ts = select.int64(1);
        const qint64 sourceId = select.int64(2);
        auto name = m_sourceNames.constFind(sourceId);
        if (name == m_sourceNames.constEnd())
            name = m_sourceNames.insert(sourceId, toQString(select.textView(3)));
        row.source = *name;
        row.level = select.isNull(4) ? -1 : int(select.int64(4));
        std::string_view message = select.textView(5);
        std::size_t end = message.find('\n');
        row.shortened = end != std::string_view::npos;
        QString line = toQString(message.substr(0, end));
        if (line.size() > kMaxCellChars) {
            line.truncate(kMaxCellChars);
            line.append(QChar(0x2026));
            row.shortened = true;
        }
        row.firstLine = std::move(line);
        rows.push_back(std::move(row));
    }
    m_atEnd = !more;
    return rows;
}

QString LogTableModel::fullMessage(qint64 id) const
{
    try {
        Statement select = m_file->db().prepare("SELECT message FROM v_logs WHERE id = ?");
        select.bind(1, id);
        if (select.step()) {
            std::string_view message = select.textView(0);
            QString text = toQString(message.substr(0, std::size_t(kMaxTooltipChars) * 4));
            if (text.size() > kMaxTooltipChars) {
                text.truncate(kMaxTooltipChars);
                text.append(QChar(0x2026));
            }
            return text;
        }
    } catch (const std::exception &) {
        // A tooltip is not worth an error report; the cell text stays.
    }
    return {};
}

qint64 LogTableModel::recordId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool LogTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_file && !m_atEnd;
}

void LogTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    QVector<Row> page;
    try {
        page = readPage(m_rows.isEmpty() ? 0 : m_rows.constLast().id);
    } catch (const std::exception &e) {
        m_atEnd = true;
        Q_EMIT errorOccurred(tr("Cannot read the logs: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    if (page.isEmpty()) return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page.size()) - 1);
    m_rows.append(std::move(page));
    endInsertRows();
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Time:
            return QString::fromStdString(formatRfc3339(row.ts));
        case Source:
            return row.source;
        case Level:
            return row.level < 0 ? QString() : toQString(levelName(LogLevel(row.level)));
        case Message:
            return row.firstLine;
        case ColumnCount:
            break;
        }
        break;
    case Qt::EditRole: // raw values, for sorting proxies and tests
        if (index.column() == Time) return row.ts;
        if (index.column() == Level) return row.level < 0 ? QVariant() : QVariant(row.level);
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == Message) {
            // Qt would render a message that looks like HTML as HTML.
            const QString text = row.shortened ? fullMessage(row.id) : row.firstLine;
            return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == Level) {
            if (row.level >= int(LogLevel::Error)) return QColor(0xc6, 0x28, 0x28);
            if (row.level == int(LogLevel::Warning)) return QColor(0xd8, 0x6a, 0x00);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Source:
        return tr("Source");
    case Level:
        return tr("Level");
    case Message:
        return tr("Message");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace perfcase
