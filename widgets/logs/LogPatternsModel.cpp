#include "LogPatternsModel.h"

#include "CaseFile.h"
#include "LogBlockIndex.h"

#include <QColor>
#include <QFont>
#include <exception>

namespace perfcase {

LogPatternsModel::LogPatternsModel(QObject *parent) : QAbstractTableModel(parent) {}

LogPatternsModel::~LogPatternsModel() = default;

void LogPatternsModel::setCase(const QString &path)
{
    beginResetModel();
    m_stats.clear();
    m_index.reset();
    m_file.reset();
    m_path.clear();
    endResetModel();
    if (path.isEmpty()) return;
    m_file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
    m_path = path;
    reload();
}

void LogPatternsModel::refresh()
{
    if (m_file) setCase(QString(m_path)); // a copy: setCase() clears m_path first
}

void LogPatternsModel::setWindow(std::optional<std::pair<qint64, qint64>> window,
                                 LogTemplateSurge::Baseline baseline)
{
    m_window = window;
    m_baseline = baseline;
    reload();
}

void LogPatternsModel::reload()
{
    QString error;
    beginResetModel();
    m_stats.clear();
    if (m_file) {
        try {
            // The block index is only needed for windows; it is read once.
            if (m_window && !m_index) m_index = std::make_unique<LogBlockIndex>(m_file->db());
            m_stats = m_window ? LogTemplateSurge::surge(m_file->db(), *m_index, m_window->first,
                                                         m_window->second, m_baseline)
                               : LogTemplateSurge::templates(m_file->db());
        } catch (const std::exception &e) {
            error = QString::fromStdString(e.what());
        }
    }
    endResetModel();
    if (!error.isEmpty()) Q_EMIT errorOccurred(tr("Cannot read the templates: %1").arg(error));
}

const LogTemplateStat *LogPatternsModel::stat(int row) const
{
    return row >= 0 && row < int(m_stats.size()) ? &m_stats[std::size_t(row)] : nullptr;
}

qint64 LogPatternsModel::templateId(int row) const
{
    const LogTemplateStat *s = stat(row);
    return s ? s->id : 0;
}

QString LogPatternsModel::pattern(int row) const
{
    const LogTemplateStat *s = stat(row);
    return s ? QString::fromStdString(s->pattern) : QString();
}

int LogPatternsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stats.size());
}

int LogPatternsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogPatternsModel::data(const QModelIndex &index, int role) const
{
    const LogTemplateStat *s = stat(index.row());
    if (!s || index.column() < 0 || index.column() >= ColumnCount) return {};
    if (role == IdRole) return qint64(s->id);
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (Column(index.column())) {
        case Pattern:
            return QString::fromStdString(s->pattern);
        case Count:
            return qint64(s->total);
        case Window:
            return m_window ? QVariant(qint64(s->window)) : QVariant();
        case Before:
            return m_window ? QVariant(qint64(s->before)) : QVariant();
        case Ratio:
            if (!m_window) return {};
            if (s->isNew) return tr("NEW");
            return QString(QString::number(s->ratio, 'f', s->ratio < 10 ? 2 : 0) +
                           QStringLiteral("×"));
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Pattern)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (m_window && index.column() == Ratio && s->isNew) {
        // The NEW badge: white on red, bold.
        if (role == Qt::BackgroundRole) return QColor(0xc6, 0x28, 0x28);
        if (role == Qt::ForegroundRole) return QColor(Qt::white);
        if (role == Qt::FontRole) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Pattern)
        return QString::fromStdString(s->pattern);
    return {};
}

QVariant LogPatternsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Pattern:
        return tr("Pattern");
    case Count:
        return tr("Count");
    case Window:
        return tr("In selection");
    case Before:
        return tr("Before");
    case Ratio:
        return tr("Surge");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace perfcase
