// The time state the panels share, the zone menu, the shortcuts list and
// the preferences that change how the window looks.
#include "PreferencesDialog.h"
#include "ShortcutsDialog.h"
#include "TimeZoneMenu.h"
#include "UserPreferences.h"
#include "ViewState.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStyle>
#include <QTest>

using namespace perfcase;

class TestViewState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsTime_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<int>("precision");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("label");
        const qint64 t = 1'795'168'800'123'456'789; // 2026-11-20T10:00:00.123456789Z
        QTest::newRow("utc us") << t << QByteArray("UTC") << 6
                                << QStringLiteral("2026-11-20 10:00:00.123456")
                                << QStringLiteral("UTC");
        QTest::newRow("utc ns") << t << QByteArray("UTC") << 9
                                << QStringLiteral("2026-11-20 10:00:00.123456789")
                                << QStringLiteral("UTC");
        QTest::newRow("utc s") << t << QByteArray("UTC") << 0
                               << QStringLiteral("2026-11-20 10:00:00") << QStringLiteral("UTC");
        QTest::newRow("tokyo") << t << QByteArray("Asia/Tokyo") << 3
                               << QStringLiteral("2026-11-20 19:00:00.123")
                               << QStringLiteral("JST");
        QTest::newRow("kolkata half hour")
            << t << QByteArray("Asia/Kolkata") << 3 << QStringLiteral("2026-11-20 15:30:00.123")
            << QStringLiteral("IST");
        QTest::newRow("berlin summer")
            << qint64(1'782'900'000'000'000'000) << QByteArray("Europe/Berlin") << 0
            << QStringLiteral("2026-07-01 12:00:00") << QStringLiteral("CEST");
        QTest::newRow("before 1970")
            << qint64(-1) << QByteArray("UTC") << 9
            << QStringLiteral("1969-12-31 23:59:59.999999999") << QStringLiteral("UTC");
    }
    void formatsTime()
    {
        QFETCH(qint64, ns);
        QFETCH(QByteArray, zone);
        QFETCH(int, precision);
        QFETCH(QString, text);
        QFETCH(QString, label);
        ViewState state;
        QSignalSpy changed(&state, &ViewState::displayZoneChanged);
        state.setDisplayZone(zone == "UTC" ? QTimeZone::utc() : QTimeZone(zone));
        QCOMPARE(changed.count(), zone == "UTC" ? 0 : 1); // UTC is the default
        QCOMPARE(state.formatTime(ns, precision), text);
        QCOMPARE(state.zoneLabel(ns), label);
    }

    void selectionAndCursorSignalOnChange()
    {
        ViewState state;
        QSignalSpy selection(&state, &ViewState::selectionChanged);
        QSignalSpy cursor(&state, &ViewState::cursorChanged);
        state.setSelection(ViewState::Range{200, 100}); // reversed: normalised
        QCOMPARE(state.selection()->from, qint64(100));
        QCOMPARE(state.selection()->to, qint64(200));
        state.setSelection(ViewState::Range{100, 200}); // same: no signal
        QCOMPARE(selection.count(), 1);
        state.setSelection(std::nullopt);
        QCOMPARE(selection.count(), 2);
        QVERIFY(!state.selection());
        state.setCursor(5);
        state.setCursor(5);
        QCOMPARE(cursor.count(), 1);
        state.setDisplayZone(QTimeZone()); // invalid: ignored
        QCOMPARE(state.displayZone(), QTimeZone::utc());
    }

    void zoneMenuSetsZone()
    {
        ViewState state;
        TimeZoneMenu menu(&state);
        QAction *tokyo = nullptr;
        for (QAction *action : menu.actions())
            if (action->text() == QStringLiteral("Asia/Tokyo")) tokyo = action;
        QVERIFY(tokyo);
        QVERIFY(menu.actions().first()->isChecked()); // UTC
        tokyo->trigger();
        QCOMPARE(state.displayZone().id(), QByteArray("Asia/Tokyo"));
        QCoreApplication::processEvents(); // the menu rebuilds queued
        bool checked = false;
        for (QAction *action : menu.actions())
            if (action->text() == QStringLiteral("Asia/Tokyo")) checked = action->isChecked();
        QVERIFY(checked);
    }

    void shortcutsListEveryMenuShortcut()
    {
        QMenuBar bar;
        QMenu *file = bar.addMenu(QStringLiteral("&File"));
        file->addAction(QStringLiteral("&Open…"))->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
        file->addAction(QStringLiteral("No shortcut"));
        QMenu *sub = file->addMenu(QStringLiteral("&Export"));
        sub->addAction(QStringLiteral("As &PNG"))->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
        ShortcutsDialog dialog(&bar, {{QStringLiteral("Timeline"), QStringLiteral("Shift+drag"),
                                       QStringLiteral("select a time range")}});
        const auto rows = dialog.rows();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].action, QStringLiteral("Open"));
        QCOMPARE(rows[0].area, QStringLiteral("File"));
        QCOMPARE(rows[0].keys,
                 QKeySequence(Qt::CTRL | Qt::Key_O).toString(QKeySequence::NativeText));
        QCOMPARE(rows[1].area, QStringLiteral("File › Export"));
        QCOMPARE(rows[1].action, QStringLiteral("As PNG"));
        QCOMPARE(rows[2].keys, QStringLiteral("Shift+drag"));
    }

    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("perfcase-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_viewstate"));
        QSettings().clear();
    }

    void preferences_data()
    {
        QTest::addColumn<QString>("zone"); // the combo's text
        QTest::addColumn<QByteArray>("zoneId");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<int>("theme");
        QTest::addColumn<bool>("dark");
        QTest::newRow("tokyo, dark") << QStringLiteral("Asia/Tokyo") << QByteArray("Asia/Tokyo")
                                     << QStringLiteral("shop") << 2 << true;
        QTest::newRow("utc, light") << QStringLiteral("UTC") << QByteArray("UTC")
                                    << QStringLiteral("prod-eu-1") << 1 << false;
        QTest::newRow("kolkata, system") << QStringLiteral("Asia/Kolkata")
                                         << QByteArray("Asia/Kolkata") << QString() << 0 << false;
    }

    void preferences()
    {
        QFETCH(QString, zone);
        QFETCH(QByteArray, zoneId);
        QFETCH(QString, nameSpace);
        QFETCH(int, theme);
        QFETCH(bool, dark);
        ViewState view;
        TimeZoneMenu::rememberChoices(&view);
        {
            PreferencesDialog dialog(&view);
            dialog.zoneBox()->setCurrentIndex(dialog.zoneBox()->findText(zone));
            QVERIFY(dialog.zoneBox()->currentIndex() >= 0);
            dialog.namespaceEdit()->clear();
            QTest::keyClicks(dialog.namespaceEdit(), nameSpace);
            dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData(theme));
            dialog.accept();
        }
        QCOMPARE(view.displayZone().id(), zoneId == "UTC" ? QTimeZone::utc().id() : zoneId);
        QCOMPARE(UserPreferences::defaultNamespace(), nameSpace);
        QCOMPARE(int(UserPreferences::theme()), theme);
        const QColor window = QApplication::palette().color(QPalette::Window);
        QCOMPARE(window.lightness() < 100, dark);
        if (theme != 0) QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        // A new window starts from what was chosen.
        ViewState next;
        TimeZoneMenu::rememberChoices(&next);
        QCOMPARE(next.displayZone(), view.displayZone());
        PreferencesDialog reopened(&next);
        QCOMPARE(reopened.zoneBox()->currentText(), zone);
        QCOMPARE(reopened.namespaceEdit()->text(), nameSpace);
        QCOMPARE(reopened.themeBox()->currentData().toInt(), theme);
    }

    void namespaceMustBeALabel()
    {
        ViewState view;
        PreferencesDialog dialog(&view);
        dialog.namespaceEdit()->clear();
        QTest::keyClicks(dialog.namespaceEdit(), QStringLiteral("Shop Prod!"));
        // Upper case, spaces and punctuation are refused as typed.
        QCOMPARE(dialog.namespaceEdit()->text(), QStringLiteral("hoprod"));
    }
};

QTEST_MAIN(TestViewState)
#include "tst_viewstate.moc"
