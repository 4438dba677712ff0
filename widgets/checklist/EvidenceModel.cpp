#include "EvidenceModel.h"

#include <QLocale>
#include <algorithm>

namespace perfcase {

namespace {

// Milliseconds: evidence is frames, requests and samples; finer digits
// only widen the column.
constexpr int kPrecision = 3;

QString durationText(qint64 ns)
{
    if (ns < 1'000'000) return QStringLiteral("%1 µs").arg(double(ns) / 1e3, 0, 'f', 0);
    if (ns < 1'000'000'000) return QStringLiteral("%1 ms").arg(double(ns) / 1e6, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(double(ns) / 1e9, 0, 'f', 3);
}

} // namespace

EvidenceModel::EvidenceModel(QObject *parent)
    : QAbstractTableModel(parent), m_utc(new ViewState(this))
{}

void EvidenceModel::setViewState(ViewState *state)
{
    if (m_state) disconnect(m_state, nullptr, this, nullptr);
    m_state = state;
    if (state)
        connect(state, &ViewState::displayZoneChanged, this, [this] {
            if (!m_rows.empty()) Q_EMIT dataChanged(index(0, Time), index(rowCount() - 1, End));
            Q_EMIT headerDataChanged(Qt::Horizontal, Time, Time);
        });
}

void EvidenceModel::setEvidence(std::vector<Evidence> rows, qint64 totalRows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_total = std::max<qint64>(totalRows, qint64(m_rows.size()));
    endResetModel();
}

std::optional<ViewState::Range> EvidenceModel::rangeAt(int row) const
{
    if (row < 0 || row >= rowCount()) return std::nullopt;
    const Evidence &e = m_rows[std::size_t(row)];
    if (!e.ts) return std::nullopt;
    const qint64 end = e.end.value_or(*e.ts);
    return ViewState::Range{std::min<qint64>(*e.ts, end), std::max<qint64>(*e.ts, end)};
}

int EvidenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EvidenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EvidenceModel::timeText(qint64 ns) const
{
    return state().formatTime(ns, kPrecision);
}

QString EvidenceModel::endText(const Evidence &row) const
{
    if (!row.end || !row.ts) return row.end ? timeText(*row.end) : QString();
    // The end on the start's day shows its time of day only: the column
    // stays narrow, and the date is one column to the left.
    const QString start = timeText(*row.ts), end = timeText(*row.end);
    const qsizetype space = end.indexOf(QLatin1Char(' '));
    if (space > 0 && start.left(space) == end.left(space)) return end.mid(space + 1);
    return end;
}

QVariant EvidenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Evidence &row = m_rows[std::size_t(index.row())];
    const auto column = Column(index.column());
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Time:
            return row.ts ? timeText(*row.ts) : QString();
        case End:
            return endText(row);
        case Value:
            return row.value ? QLocale().toString(*row.value, 'g', 6) : QString();
        case Text:
            return QString::fromStdString(row.text);
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::EditRole) { // raw values, for sorting and tests
        switch (column) {
        case Time:
            return row.ts ? QVariant(qint64(*row.ts)) : QVariant();
        case End:
            return row.end ? QVariant(qint64(*row.end)) : QVariant();
        case Value:
            return row.value ? QVariant(*row.value) : QVariant();
        case Text:
            return QString::fromStdString(row.text);
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::TextAlignmentRole && column == Value)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (column == Text)
            return QString(QStringLiteral("<p>") +
                           QString::fromStdString(row.text).toHtmlEscaped() +
                           QStringLiteral("</p>"));
        if (column == End && row.ts && row.end)
            return tr("%1 (%2 after the start)")
                .arg(timeText(*row.end), durationText(*row.end - *row.ts));
        if (row.ts) return tr("Click to show this on the timeline");
    }
    return {};
}

QVariant EvidenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time: {
        // The zone's name at the first row (a zone's abbreviation changes with DST).
        const qint64 at = m_rows.empty() || !m_rows.front().ts ? 0 : *m_rows.front().ts;
        return tr("Time (%1)").arg(state().zoneLabel(at));
    }
    case End:
        return tr("End");
    case Value:
        return tr("Value");
    case Text:
        return tr("Evidence");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace perfcase
