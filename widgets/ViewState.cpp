#include "ViewState.h"

#include <QDateTime>

namespace perfcase {

ViewState::ViewState(QObject *parent) : QObject(parent) {}

void ViewState::setSelection(std::optional<Range> range)
{
    if (range && range->to < range->from) std::swap(range->from, range->to);
    if (range == m_selection) return;
    m_selection = range;
    Q_EMIT selectionChanged(m_selection);
}

void ViewState::setCursor(std::optional<qint64> ns)
{
    if (ns == m_cursor) return;
    m_cursor = ns;
    Q_EMIT cursorChanged(m_cursor);
}

void ViewState::setDisplayZone(const QTimeZone &zone)
{
    if (!zone.isValid() || zone == m_zone) return;
    m_zone = zone;
    Q_EMIT displayZoneChanged(m_zone);
}

namespace {
qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    return (a % b < 0) ? q - 1 : q;
}
} // namespace

QString ViewState::zoneLabel(qint64 ns) const
{
    if (m_zone == QTimeZone::utc()) return QStringLiteral("UTC");
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(floorDiv(ns, 1'000'000), m_zone);
    const QString abbreviation = m_zone.abbreviation(at);
    return abbreviation.isEmpty() ? m_zone.displayName(at, QTimeZone::OffsetName) : abbreviation;
}

QString ViewState::formatTime(qint64 ns, int precision) const
{
    const qint64 seconds = floorDiv(ns, 1'000'000'000);
    const qint64 fraction = ns - seconds * 1'000'000'000;
    const QDateTime at = QDateTime::fromSecsSinceEpoch(seconds, m_zone);
    QString text = at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (precision > 0) {
        precision = qMin(precision, 9);
        qint64 digits = fraction;
        for (int i = precision; i < 9; ++i)
            digits /= 10;
        text +=
            QLatin1Char('.') + QStringLiteral("%1").arg(digits, precision, 10, QLatin1Char('0'));
    }
    return text;
}

} // namespace perfcase
