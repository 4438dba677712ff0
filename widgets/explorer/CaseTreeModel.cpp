#include "CaseTreeModel.h"

#include "CaseFile.h"
#include "TimeUtil.h"

#include <QFont>
#include <QLocale>
#include <cstdlib>
#include <exception>

namespace perfcase {

namespace {

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// An offset or residual in the unit that keeps it readable: "1.250 s",
// "-3.2 ms", "850 ns". Exact values are in the tooltip.
QString formatDuration(qint64 ns)
{
    const double value = double(std::llabs(ns));
    const QString sign = ns < 0 ? QStringLiteral("-") : QString();
    if (value >= 1e9) return sign + QString::number(value / 1e9, 'f', 3) + QStringLiteral(" s");
    if (value >= 1e6) return sign + QString::number(value / 1e6, 'f', 1) + QStringLiteral(" ms");
    if (value >= 1e3)
        return sign + QString::number(value / 1e3, 'f', 1) + QStringLiteral(" \u00b5s");
    return sign + QString::number(ns < 0 ? -ns : ns) + QStringLiteral(" ns");
}

// internalId of a source row; a track row stores its source's row + 1.
constexpr quintptr kSourceRow = 0;

} // namespace

CaseTreeModel::CaseTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

CaseTreeModel::~CaseTreeModel() = default;

void CaseTreeModel::setCaseFile(std::shared_ptr<CaseFile> file)
{
    beginResetModel();
    m_sources.clear();
    m_file = std::move(file);
    try {
        if (m_file) m_sources = load();
    } catch (...) {
        m_file.reset();
        m_sources.clear();
        endResetModel();
        throw;
    }
    endResetModel();
}

qint64 CaseTreeModel::totalRecords() const
{
    qint64 total = 0;
    for (const Source &source : m_sources)
        total += source.records;
    return total;
}

void CaseTreeModel::refresh()
{
    if (!m_file) return;
    QVector<Source> sources;
    QString error;
    try {
        sources = load();
    } catch (const std::exception &e) {
        error = QString::fromStdString(e.what());
    }
    beginResetModel();
    m_sources = std::move(sources);
    endResetModel();
    if (!error.isEmpty()) Q_EMIT errorOccurred(tr("Cannot read the case: %1").arg(error));
}

QVector<CaseTreeModel::Source> CaseTreeModel::load()
{
    QVector<Source> sources;
    // The base table, not v_sources: warnings and the residual are not in
    // the view. Same rows as the view (ready only), same corrected times.
    Statement select = m_file->db().prepare(
        "SELECT id, name, origin, kind, format, state, records, rejected, warnings, "
        "first_raw_ns + clock_offset_ns, last_raw_ns + clock_offset_ns, clock_domain, "
        "clock_offset_ns, clock_origin, clock_residual_ns FROM sources WHERE ready = 1 "
        "ORDER BY id");
    while (select.step()) {
        Source source;
        source.id = select.int64(0);
        source.name = toQString(select.textView(1));
        source.origin = toQString(select.textView(2));
        source.kind = toQString(select.textView(3));
        source.format = toQString(select.textView(4));
        source.state = toQString(select.textView(5));
        source.records = select.int64(6);
        source.rejected = select.int64(7);
        source.warnings = select.int64(8);
        source.clockDomain = toQString(select.textView(11));
        source.clockOffsetNs = select.int64(12);
        source.clockOrigin = toQString(select.textView(13));
        source.clockResidualNs = select.optionalInt64(14);
        // A monotonic clock without an offset has no wall time (DESIGN.md, "Clocks").
        source.unaligned = source.clockDomain == QLatin1String("monotonic") &&
                           source.clockOrigin == QLatin1String("none");
        if (!source.unaligned) {
            source.firstTs = select.optionalInt64(9);
            source.lastTs = select.optionalInt64(10);
        }
        sources.push_back(std::move(source));
    }
    Statement tracks = m_file->db().prepare(
        "SELECT source_id, id, kind, name, unit, labels, row_count FROM v_tracks "
        "ORDER BY source_id, name, id");
    int at = 0;
    while (tracks.step()) {
        const qint64 sourceId = tracks.int64(0);
        // Both lists are ordered by source id: walk them together.
        while (at < sources.size() && sources[at].id < sourceId)
            ++at;
        if (at == sources.size() || sources[at].id != sourceId) continue;
        Track track;
        track.id = tracks.int64(1);
        track.kind = toQString(tracks.textView(2));
        track.name = toQString(tracks.textView(3));
        track.unit = toQString(tracks.textView(4));
        track.labels = toQString(tracks.textView(5));
        track.rows = tracks.int64(6);
        sources[at].tracks.push_back(std::move(track));
    }
    return sources;
}

QModelIndex CaseTreeModel::sourceIndex(qint64 sourceId, int column) const
{
    for (int row = 0; row < m_sources.size(); ++row)
        if (m_sources[row].id == sourceId) return createIndex(row, column, kSourceRow);
    return {};
}

QModelIndex CaseTreeModel::trackIndex(qint64 trackId, int column) const
{
    for (int row = 0; row < m_sources.size(); ++row) {
        const QVector<Track> &tracks = m_sources[row].tracks;
        for (int child = 0; child < tracks.size(); ++child)
            if (tracks[child].id == trackId) return createIndex(child, column, quintptr(row) + 1);
    }
    return {};
}

bool CaseTreeModel::isSource(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() == kSourceRow;
}

QString CaseTreeModel::origin(qint64 sourceId) const
{
    for (const Source &source : m_sources)
        if (source.id == sourceId) return source.origin;
    return {};
}

QModelIndex CaseTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0) return {};
    if (!parent.isValid())
        return row < m_sources.size() ? createIndex(row, column, kSourceRow) : QModelIndex();
    if (!isSource(parent) || row >= m_sources[parent.row()].tracks.size()) return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex CaseTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kSourceRow) return {};
    return createIndex(int(child.internalId() - 1), 0, kSourceRow);
}

int CaseTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) return int(m_sources.size());
    if (isSource(parent) && parent.column() == 0) return int(m_sources[parent.row()].tracks.size());
    return 0;
}

int CaseTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant CaseTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    if (isSource(index)) {
        const Source &source = m_sources.at(index.row());
        switch (role) {
        case SourceIdRole:
            return source.id;
        case TrackIdRole:
            return qint64(0);
        case OriginRole:
            return source.origin;
        default:
            return sourceData(source, index.column(), role);
        }
    }
    const Source &source = m_sources.at(int(index.internalId() - 1));
    const Track &track = source.tracks.at(index.row());
    switch (role) {
    case SourceIdRole:
        return source.id;
    case TrackIdRole:
        return track.id;
    case OriginRole:
        return source.origin;
    default:
        return trackData(source, track, index.column(), role);
    }
}

QVariant CaseTreeModel::sourceData(const Source &source, int column, int role) const
{
    auto time = [&source](const std::optional<qint64> &ns) -> QVariant {
        if (ns) return QString::fromStdString(formatRfc3339(*ns));
        return source.unaligned ? QVariant(tr("unaligned")) : QVariant();
    };
    if (role == Qt::DisplayRole) {
        switch (Column(column)) {
        case Name:
            return source.name;
        case Kind:
            return source.kind;
        case Format:
            return source.format;
        case Records:
            return QLocale().toString(source.records);
        case Rejected:
            return QLocale().toString(source.rejected);
        case Warnings:
            return QLocale().toString(source.warnings);
        case State:
            return source.state;
        case FirstTime:
            return time(source.firstTs);
        case LastTime:
            return time(source.lastTs);
        case Clock:
            return clockText(source);
        case Labels:
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::EditRole) { // raw values, for sorting proxies and tests
        switch (Column(column)) {
        case Records:
            return source.records;
        case Rejected:
            return source.rejected;
        case Warnings:
            return source.warnings;
        case FirstTime:
            return source.firstTs ? QVariant(*source.firstTs) : QVariant();
        case LastTime:
            return source.lastTs ? QVariant(*source.lastTs) : QVariant();
        case Clock:
            return source.clockOffsetNs;
        default:
            return sourceData(source, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(column)) {
        case Name:
            return source.origin;
        case Rejected:
        case Warnings:
            return tr("Click to show this source's import errors and warnings");
        case Clock:
            return tr("offset %1 ns, origin %2, residual %3")
                .arg(source.clockOffsetNs)
                .arg(source.clockOrigin, source.clockResidualNs
                                             ? tr("%1 ns").arg(*source.clockResidualNs)
                                             : tr("unknown"));
        case State:
            if (source.state == QLatin1String("partial"))
                return tr("The input ended early; everything up to the last complete record "
                          "was imported.");
            break;
        default:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole &&
        (column == Records || column == Rejected || column == Warnings))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && (column == Rejected || column == Warnings) &&
        (column == Rejected ? source.rejected : source.warnings) > 0) {
        // Looks like a link: clicking the count opens the errors.
        QFont font;
        font.setUnderline(true);
        return font;
    }
    return {};
}

QVariant CaseTreeModel::trackData(const Source &, const Track &track, int column, int role) const
{
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (Column(column)) {
        case Name:
            return track.name;
        case Kind:
            return track.kind;
        case Format:
            return track.unit;
        case Records:
            return role == Qt::EditRole ? QVariant(track.rows)
                                        : QVariant(QLocale().toString(track.rows));
        case Labels:
            return track.labels == QLatin1String("{}") ? QString() : track.labels;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && column == Labels) return track.labels;
    if (role == Qt::TextAlignmentRole && column == Records)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QString CaseTreeModel::clockText(const Source &source) const
{
    if (source.unaligned) return tr("unaligned");
    if (source.clockOrigin == QLatin1String("none") && source.clockOffsetNs == 0) return {};
    QString text = (source.clockOffsetNs >= 0 ? QStringLiteral("+") : QString()) +
                   formatDuration(source.clockOffsetNs) + QStringLiteral(" (") + source.clockOrigin;
    if (source.clockResidualNs)
        text += QStringLiteral(", \u00b1") + formatDuration(*source.clockResidualNs);
    return text + QLatin1Char(')');
}

QVariant CaseTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Format:
        return tr("Format / unit");
    case Records:
        return tr("Records / rows");
    case Rejected:
        return tr("Rejected");
    case Warnings:
        return tr("Warnings");
    case State:
        return tr("State");
    case FirstTime:
        return tr("First time");
    case LastTime:
        return tr("Last time");
    case Clock:
        return tr("Clock offset");
    case Labels:
        return tr("Labels");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace perfcase
