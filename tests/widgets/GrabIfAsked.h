#pragma once
// PERFCASE_GRAB_DIR=DIR saves dialogs as PNG files there: to look at them,
// and for the documentation's pictures.

#include <QString>
#include <QTest>
#include <QWidget>

namespace perfcase::testing {

inline void grabIfAsked(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PERFCASE_GRAB_DIR");
    if (dir.isEmpty()) return;
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

} // namespace perfcase::testing
