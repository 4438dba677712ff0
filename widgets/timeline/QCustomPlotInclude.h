#pragma once

// qcustomplot.h spells the Qt keywords (signals, slots, emit, foreach) that
// the project turns off with QT_NO_KEYWORDS; map them for this header only.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
