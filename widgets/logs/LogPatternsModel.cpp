#include "LogPatternsModel.h"

#include "CaseFile.h"
#include "LogBlockIndex.h"

#include <QColor>
#include <QFont>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <memory>

namespace perfcase {

LogPatternsModel::LogPatternsModel(QObject *parent) : QAbstractTableModel(parent) {}

LogPatternsModel::~LogPatternsModel() = default;

void LogPatternsModel::setCase(const QString &path)
{
    beginResetModel();
    m_stats.clear();
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
    const quint64 generation = ++m_generation;
    if (!m_file) {
        apply(generation, {}, {});
        return;
    }
    const std::string path = m_path.toStdString();
    const auto window = m_window;
    const auto baseline = m_baseline;
    auto *watcher = new QFutureWatcher<void>(this);
    auto result = std::make_shared<std::pair<std::vector<LogTemplateStat>, QString>>();
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, result, generation] {
        watcher->deleteLater();
        apply(generation, std::move(result->first), result->second);
    });
    watcher->setFuture(QtConcurrent::run([path, window, baseline, result] {
        try {
            auto file = CaseFile::open(path, CaseFile::Access::ReadOnly);
            if (window) {
                LogBlockIndex index(file->db());
                result->first = LogTemplateSurge::surge(file->db(), index, window->first,
                                                        window->second, baseline);
            } else {
                result->first = LogTemplateSurge::templates(file->db());
            }
        } catch (const std::exception &e) {
            result->second = QString::fromStdString(e.what());
        }
    }));
}

void LogPatternsModel::apply(quint64 generation, std::vector<LogTemplateStat> stats,
                             const QString &error)
{
    if (generation != m_generation) return; // a newer request is on its way
    beginResetModel();
    m_stats = std::move(stats);
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
