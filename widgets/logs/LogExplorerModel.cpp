#include "LogExplorerModel.h"

#include "CaseFile.h"
#include "LogBlockIndex.h"
#include "LogLevel.h"
#include "LogMatchCursor.h"
#include "LogPager.h"
#include "ViewState.h"
#include "sqlite/SqlError.h"

#include <QTextDocument>
#include <QTimer>
#include <algorithm>
#include <climits>
#include <exception>

namespace perfcase {

namespace {

constexpr int kCachedPages = 64;
// Matches looked for in the background after a filter, before waiting for
// the view to ask: enough for a few screens and for F3.
constexpr int kBackgroundTarget = 1000;
constexpr int kStepBudgetMs = 40;
constexpr int kFirstBudgetMs = 80;

QString toQString(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

LogExplorerModel::LogExplorerModel(QObject *parent)
    : QAbstractTableModel(parent), m_state(new ViewState(this))
{}

LogExplorerModel::~LogExplorerModel() = default;

void LogExplorerModel::setViewState(ViewState *state)
{
    if (!state || state == m_state) return;
    if (m_state && m_state->parent() == this) delete m_state;
    m_state = state;
    connect(m_state, &ViewState::displayZoneChanged, this, [this] {
        if (rowCountInt() > 0) Q_EMIT dataChanged(index(0, Time), index(rowCountInt() - 1, Time));
        Q_EMIT headerDataChanged(Qt::Horizontal, Time, Time);
    });
}

void LogExplorerModel::setCase(const QString &path)
{
    beginResetModel();
    m_cursor.reset();
    m_pager.reset();
    m_index.reset();
    m_file.reset();
    m_path.clear();
    m_matches.clear();
    m_pages.clear();
    m_pageUse.clear();
    m_trackLabels.clear();
    std::exception_ptr failure;
    try {
        if (!path.isEmpty()) {
            m_file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
            m_path = path;
            m_index = std::make_unique<LogBlockIndex>(m_file->db());
            m_pager = std::make_unique<LogPager>(*m_index);
        }
    } catch (...) {
        m_pager.reset();
        m_index.reset();
        m_file.reset();
        m_path.clear();
        failure = std::current_exception();
    }
    endResetModel();
    if (failure) std::rethrow_exception(failure);
    if (m_file) rebuild();
}

void LogExplorerModel::refresh()
{
    if (!m_file) return;
    const LogFilter filter = m_filter;
    const QString path = m_path; // a copy: setCase() clears m_path first
    try {
        setCase(path);
    } catch (const std::exception &e) {
        Q_EMIT errorOccurred(tr("Cannot read the logs: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    setFilter(filter);
}

void LogExplorerModel::setFilter(const LogFilter &filter)
{
    m_filter = filter;
    rebuild();
}

void LogExplorerModel::rebuild()
{
    QString error;
    beginResetModel();
    m_cursor.reset();
    m_matches.clear();
    m_pages.clear();
    m_pageUse.clear();
    if (m_index) {
        try {
            std::vector<int> tracks;
            std::vector<std::int64_t> sources = m_filter.sourceIds;
            if (m_filter.templateId) {
                // A template belongs to one source: read only its tracks.
                Statement owner =
                    m_file->db().prepare("SELECT source_id FROM v_log_templates WHERE id = ?");
                owner.bind(1, *m_filter.templateId);
                if (owner.step()) sources = {owner.int64(0)};
            }
            bool restricted = !sources.empty();
            for (int i = 0; i < int(m_index->tracks().size()); ++i)
                if (std::find(sources.begin(), sources.end(),
                              m_index->tracks()[std::size_t(i)].sourceId) != sources.end())
                    tracks.push_back(i);
            if (restricted && tracks.empty()) tracks.push_back(-1); // nothing matches
            if (tracks.size() == 1 && tracks.front() < 0) {
                m_pager->setScope({}, 0, -1); // an empty scope
            } else {
                m_pager->setScope(tracks, m_filter.from, m_filter.to);
                if (m_filter.needsScan()) {
                    m_cursor = std::make_unique<LogMatchCursor>(m_file->db(), *m_index,
                                                                m_pager->tracks(), m_filter);
                    m_cursor->fetch(m_matches, kPageRows * 2,
                                    std::chrono::milliseconds(kFirstBudgetMs));
                }
            }
        } catch (const std::exception &e) {
            m_cursor.reset();
            m_matches.clear();
            m_pager->setScope({}, 0, -1);
            error = QString::fromStdString(e.what());
        }
    }
    endResetModel();
    if (!error.isEmpty()) Q_EMIT errorOccurred(tr("Search failed: %1").arg(error));
    Q_EMIT filterApplied();
    continueInBackground();
}

void LogExplorerModel::continueInBackground()
{
    if (m_backgroundQueued || !m_cursor || m_cursor->atEnd() ||
        int(m_matches.size()) >= kBackgroundTarget)
        return;
    m_backgroundQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_backgroundQueued = false;
        if (!m_cursor || int(m_matches.size()) >= kBackgroundTarget) return;
        fetchStep(LogMatchCursor::kChunk, kStepBudgetMs);
        continueInBackground();
    });
}

void LogExplorerModel::fetchStep(int rows, int budgetMs)
{
    if (!m_cursor || m_cursor->atEnd()) return;
    std::vector<LogRef> found;
    try {
        m_cursor->fetch(found, rows, std::chrono::milliseconds(budgetMs));
    } catch (const std::exception &e) {
        m_cursor.reset();
        Q_EMIT errorOccurred(tr("Search failed: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    if (found.empty()) {
        Q_EMIT filterApplied(); // the count may now be final
        return;
    }
    const int first = int(m_matches.size());
    beginInsertRows({}, first, first + int(found.size()) - 1);
    m_matches.insert(m_matches.end(), found.begin(), found.end());
    endInsertRows();
    Q_EMIT filterApplied();
}

bool LogExplorerModel::isComplete() const
{
    return !m_cursor || m_cursor->atEnd();
}

bool LogExplorerModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !isComplete();
}

void LogExplorerModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    fetchStep(4 * kPageRows, kStepBudgetMs);
}

bool LogExplorerModel::ensureRow(int row)
{
    while (row >= rowCountInt() && !isComplete())
        fetchStep(4 * kPageRows, 200);
    return row < rowCountInt();
}

int LogExplorerModel::rowCountInt() const
{
    if (m_cursor) return int(m_matches.size());
    // A QTableView cannot show more than INT_MAX rows; cases stay far below.
    return m_pager ? int(std::min<std::int64_t>(m_pager->rowCount(), INT_MAX)) : 0;
}

int LogExplorerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rowCountInt();
}

int LogExplorerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const LogRecord *LogExplorerModel::record(int row) const
{
    if (row < 0 || row >= rowCountInt() || !m_file) return nullptr;
    const qint64 page = row / kPageRows;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        try {
            std::vector<LogRef> refs;
            const qint64 first = page * kPageRows;
            if (m_cursor) {
                const auto end =
                    std::min<std::size_t>(m_matches.size(), std::size_t(first + kPageRows));
                refs.assign(m_matches.begin() + first, m_matches.begin() + qsizetype(end));
            } else {
                refs = m_pager->rows(first, kPageRows);
            }
            if (int(m_pages.size()) >= kCachedPages) {
                m_pages.remove(m_pageUse.front());
                m_pageUse.erase(m_pageUse.begin());
            }
            it = m_pages.insert(page, LogRecordReader::read(m_file->db(), refs));
        } catch (const std::exception &) {
            return nullptr; // the cell stays empty; the next paint tries again
        }
    }
    auto use = std::find(m_pageUse.begin(), m_pageUse.end(), page);
    if (use != m_pageUse.end()) m_pageUse.erase(use);
    m_pageUse.push_back(page);
    const std::size_t offset = std::size_t(row - page * kPageRows);
    return offset < it->size() ? &(*it)[offset] : nullptr;
}

qint64 LogExplorerModel::recordId(int row) const
{
    const LogRecord *r = record(row);
    return r ? r->ref.key.id : 0;
}

qint64 LogExplorerModel::timeAt(int row) const
{
    const LogRecord *r = record(row);
    return r ? r->ref.key.ts : 0;
}

int LogExplorerModel::rowForTime(qint64 ts)
{
    if (!m_pager) return -1;
    if (!m_cursor) {
        try {
            const std::int64_t row = m_pager->nearestIndex(ts);
            return int(std::min<std::int64_t>(row, INT_MAX));
        } catch (const std::exception &) {
            return -1;
        }
    }
    // Matches arrive in time order: read on while they end before ts.
    int steps = 0;
    while (!isComplete() && (m_matches.empty() || m_matches.back().key.ts < ts) && steps++ < 50)
        fetchStep(4 * kPageRows, kStepBudgetMs);
    if (m_matches.empty()) return -1;
    auto at = std::lower_bound(m_matches.begin(), m_matches.end(), LogKey::at(ts),
                               [](const LogRef &ref, const LogKey &key) { return ref.key < key; });
    if (at == m_matches.end()) return int(m_matches.size()) - 1;
    if (at != m_matches.begin() &&
        std::uint64_t(ts - (at - 1)->key.ts) <= std::uint64_t(at->key.ts - ts))
        --at;
    return int(at - m_matches.begin());
}

QList<QPair<qint64, QString>> LogExplorerModel::sources() const
{
    QList<QPair<qint64, QString>> list;
    if (!m_index) return list;
    for (const LogBlockIndex::Track &track : m_index->tracks()) {
        const bool known = std::any_of(list.begin(), list.end(),
                                       [&](const auto &s) { return s.first == track.sourceId; });
        if (!known) list.append({track.sourceId, toQString(track.sourceName)});
    }
    return list;
}

bool LogExplorerModel::hasPods() const
{
    return m_index && std::any_of(m_index->tracks().begin(), m_index->tracks().end(),
                                  [](const LogBlockIndex::Track &track) {
                                      return !track.pod.empty() || !track.container.empty();
                                  });
}

QStringList LogExplorerModel::highlightTerms() const
{
    QStringList terms;
    if (m_filter.search.kind != LogSearchQuery::Kind::FullText) return terms;
    for (const std::string &term : m_filter.search.terms)
        terms.append(toQString(term));
    return terms;
}

QString LogExplorerModel::fullMessage(int row) const
{
    const LogRecord *r = record(row);
    if (!r) return {};
    if (!r->shortened) return toQString(r->firstLine);
    try {
        return toQString(LogRecordReader::message(m_file->db(), r->ref.key.id));
    } catch (const std::exception &) {
        return toQString(r->firstLine);
    }
}

QColor LogExplorerModel::levelColor(int level)
{
    if (level >= int(LogLevel::Critical)) return QColor(0x9c, 0x12, 0x12);
    if (level == int(LogLevel::Error)) return QColor(0xc6, 0x28, 0x28);
    if (level == int(LogLevel::Warning)) return QColor(0xd8, 0x6a, 0x00);
    if (level == int(LogLevel::Notice)) return QColor(0x1f, 0x5f, 0xa8);
    if (level >= 0 && level <= int(LogLevel::Debug)) return QColor(0x70, 0x70, 0x70);
    return {};
}

QVariant LogExplorerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogRecord *r = record(index.row());
    if (!r) return {};
    const auto &track = m_index->tracks()[std::size_t(r->ref.track)];
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Time:
            return m_state->formatTime(r->ref.key.ts, 6);
        case Source:
            return toQString(track.sourceName);
        case Level:
            return r->level < 0
                       ? QString()
                       : QString::fromLatin1(levelName(LogLevel(r->level)).data(),
                                             qsizetype(levelName(LogLevel(r->level)).size()));
        case Message:
            return toQString(r->firstLine);
        case Pod: {
            QString pod = toQString(track.pod);
            if (!track.container.empty())
                pod +=
                    (pod.isEmpty() ? QString() : QStringLiteral("/")) + toQString(track.container);
            return pod;
        }
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Message)
            return Qt::convertFromPlainText(fullMessage(index.row()), Qt::WhiteSpaceNormal);
        if (index.column() == Time)
            return QString(QString::number(r->ref.key.ts) + QStringLiteral(" ns"));
        break;
    case Qt::ForegroundRole:
        if (index.column() == Level) {
            const QColor color = levelColor(r->level);
            if (color.isValid()) return color;
        }
        break;
    case TimeRole:
        return qint64(r->ref.key.ts);
    case IdRole:
        return qint64(r->ref.key.id);
    case LevelRole:
        return r->level;
    case TemplateRole:
        return r->templateId ? QVariant(qint64(*r->templateId)) : QVariant();
    default:
        break;
    }
    return {};
}

QVariant LogExplorerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time: {
        const qint64 at = m_index && !m_index->empty() ? m_index->firstTs() : 0;
        return tr("Time (%1)").arg(m_state->zoneLabel(at));
    }
    case Source:
        return tr("Source");
    case Level:
        return tr("Level");
    case Message:
        return tr("Message");
    case Pod:
        return tr("Pod / container");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace perfcase
