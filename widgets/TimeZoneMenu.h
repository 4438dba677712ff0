#pragma once

#include <QMenu>

class QActionGroup;

namespace perfcase {

class ViewState;

// View > Time Zone: UTC, the machine's zone, a few common ones and any IANA
// zone by name. Sets the ViewState's display zone; the data never changes
// (DESIGN: display time zone is a view setting, never baked into data).
class TimeZoneMenu : public QMenu
{
    Q_OBJECT

public:
    TimeZoneMenu(ViewState *state, QWidget *parent = nullptr);

    // Restores the zone chosen last time into state and saves each new choice
    // (settings "view/displayZone"), so the window shows the same zone again.
    static void rememberChoices(ViewState *state);
    // The zone ids offered after UTC and the machine's zone, before "Other…".
    static QList<QByteArray> offeredZones();

private:
    void rebuild();
    void chooseOther();

    ViewState *m_state;
    QActionGroup *m_group;
};

} // namespace perfcase
