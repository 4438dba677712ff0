#include "TimeZoneMenu.h"

#include "ViewState.h"

#include <QActionGroup>
#include <QInputDialog>
#include <QSettings>
#include <QTimeZone>

namespace perfcase {

TimeZoneMenu::TimeZoneMenu(ViewState *state, QWidget *parent)
    : QMenu(tr("Time &Zone"), parent), m_state(state), m_group(new QActionGroup(this))
{
    // Queued: the action that changed the zone is still running when it changes.
    connect(state, &ViewState::displayZoneChanged, this, &TimeZoneMenu::rebuild,
            Qt::QueuedConnection);
    rebuild();
}

void TimeZoneMenu::rememberChoices(ViewState *state)
{
    const QByteArray zone = QSettings().value(QStringLiteral("view/displayZone")).toByteArray();
    if (!zone.isEmpty()) state->setDisplayZone(zone == "UTC" ? QTimeZone::utc() : QTimeZone(zone));
    connect(state, &ViewState::displayZoneChanged, state, [](const QTimeZone &chosen) {
        QSettings().setValue(QStringLiteral("view/displayZone"),
                             chosen == QTimeZone::utc() ? QByteArray("UTC") : chosen.id());
    });
}

QList<QByteArray> TimeZoneMenu::offeredZones()
{
    QList<QByteArray> zones;
    for (const QByteArray &zone :
         {QByteArrayLiteral("America/Los_Angeles"), QByteArrayLiteral("America/New_York"),
          QByteArrayLiteral("Europe/London"), QByteArrayLiteral("Europe/Berlin"),
          QByteArrayLiteral("Asia/Kolkata"), QByteArrayLiteral("Asia/Tokyo")})
        if (zone != QTimeZone::systemTimeZoneId()) zones << zone;
    return zones;
}

void TimeZoneMenu::rebuild()
{
    clear();
    const QTimeZone currentZone = m_state->displayZone();
    const bool utc = currentZone == QTimeZone::utc();
    const QByteArray system = QTimeZone::systemTimeZoneId();
    bool shown = false;
    auto add = [&](const QString &label, const QTimeZone &zone, bool checked) {
        QAction *action = addAction(label);
        action->setCheckable(true);
        action->setChecked(checked);
        action->setActionGroup(m_group);
        shown = shown || checked;
        connect(action, &QAction::triggered, this, [this, zone] { m_state->setDisplayZone(zone); });
    };
    add(tr("UTC"), QTimeZone::utc(), utc);
    add(tr("Local (%1)").arg(QString::fromLatin1(system)), QTimeZone(system),
        !utc && currentZone.id() == system);
    addSeparator();
    const auto zones = offeredZones();
    for (const QByteArray &id : zones)
        add(QString::fromLatin1(id), QTimeZone(id), !utc && currentZone.id() == id);
    if (!shown) add(QString::fromLatin1(currentZone.id()), currentZone, true);
    addSeparator();
    addAction(tr("&Other…"), this, &TimeZoneMenu::chooseOther);
}

void TimeZoneMenu::chooseOther()
{
    QStringList ids;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        ids << QString::fromLatin1(id);
    bool ok = false;
    const QString chosen = QInputDialog::getItem(parentWidget(), tr("Display Time Zone"),
                                                 tr("IANA time zone:"), ids, 0, true, &ok);
    if (!ok) return;
    const QTimeZone zone(chosen.toLatin1());
    if (zone.isValid()) m_state->setDisplayZone(zone);
}

} // namespace perfcase
