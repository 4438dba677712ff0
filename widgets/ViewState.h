#pragma once

#include <QObject>
#include <QString>
#include <QTimeZone>
#include <optional>

namespace perfcase {

// What the panels of one window share about time: the selected range (which
// filters the log table and other views), the cursor (a click on a log row
// moves the timeline's cursor and back), and the display time zone. It owns
// no case data; panels read the case themselves and follow these signals.
// Times are ns since the epoch, UTC, corrected by the sources' clock offsets.
class ViewState : public QObject
{
    Q_OBJECT

public:
    struct Range
    {
        qint64 from = 0;
        qint64 to = 0; // inclusive
        bool operator==(const Range &other) const = default;
    };

    explicit ViewState(QObject *parent = nullptr);

    std::optional<Range> selection() const { return m_selection; }
    void setSelection(std::optional<Range> range);

    std::optional<qint64> cursor() const { return m_cursor; }
    void setCursor(std::optional<qint64> ns);

    // UTC by default; "local" is QTimeZone::systemTimeZone().
    QTimeZone displayZone() const { return m_zone; }
    void setDisplayZone(const QTimeZone &zone);
    // The zone's short name as shown next to every time ("UTC", "CET", "+05:30").
    QString zoneLabel(qint64 ns) const;
    // "2026-11-20 10:00:00.123456" in the display zone; precision: digits of
    // the fraction (0, 3, 6 or 9).
    QString formatTime(qint64 ns, int precision = 6) const;

Q_SIGNALS:
    void selectionChanged(std::optional<perfcase::ViewState::Range> range);
    void cursorChanged(std::optional<qint64> ns);
    void displayZoneChanged(const QTimeZone &zone);

private:
    std::optional<Range> m_selection;
    std::optional<qint64> m_cursor;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace perfcase
