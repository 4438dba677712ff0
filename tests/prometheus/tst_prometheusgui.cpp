// Prometheus > Query… from the window against a real Prometheus (Debian's
// /usr/bin/prometheus) on 127.0.0.1 scraping itself: the dialog offers the
// checklist playbook's suggested queries filled with the namespace, the
// answer lands as a source with its series as counter tracks, and an error
// from Prometheus is shown in Prometheus's own words.
#include "CaseExplorer.h"
#include "CaseFile.h"
#include "CaseTreeModel.h"
#include "ChecklistDock.h"
#include "ClusterController.h"
#include "MainWindow.h"
#include "PrometheusDialog.h"
#include "PrometheusProcess.h"
#include "TimelineWidget.h"
#include "ViewState.h"

#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

using namespace perfcase;
using perfcase::testing::PrometheusProcess;

namespace {

// Read with plain SQLite, not through the code under test.
qint64 scalar(const QString &casePath, const char *sql)
{
    sqlite3 *db = nullptr;
    qint64 value = -1;
    if (sqlite3_open_v2(casePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW)
            value = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return value;
}

} // namespace

class PrometheusGuiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("perfcase-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_prometheusgui"));
        QSettings().clear();
        QVERIFY2(m_prometheus.start(20'000), qPrintable(m_prometheus.error()));
        QVERIFY2(m_prometheus.waitForSamples(5, 30'000), qPrintable(m_prometheus.error()));
        QSettings().setValue(QStringLiteral("prometheus/lastUrl"), m_prometheus.url().toString());
        QSettings().setValue(QStringLiteral("cluster/parameters/namespace"),
                             QStringLiteral("shop"));
        m_case = m_dir.filePath(QStringLiteral("gui.perfcase"));
        CaseFile::create(m_case.toStdString(), "gui", "tester");
        m_window = std::make_unique<MainWindow>();
        m_window->openCase(m_case);
        m_window->checklist()->setPlaybook(QStringLiteral("import-lag"));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_prometheus.stop();
    }

    void queryLandsAsTracks()
    {
        PrometheusDialog *dialog = openDialog();
        QVERIFY(dialog);
        // The playbook's suggestions, filled with the remembered namespace.
        QVERIFY(dialog->suggestionBox()->count() > 1);
        QVERIFY2(dialog->queryEdit()->toPlainText().contains(QStringLiteral("namespace=\"shop\"")),
                 qPrintable(dialog->queryEdit()->toPlainText()));
        // An empty case: the last hour, one point per pixel of the timeline.
        const PrometheusRange suggested = dialog->range();
        QVERIFY(suggested.end - suggested.start >= 3599LL * 1'000'000'000);
        dialog->suggestionBox()->setCurrentIndex(0);
        dialog->queryEdit()->setPlainText(QStringLiteral("up"));
        dialog->stepEdit()->setText(QStringLiteral("1s"));
        QVERIFY2(dialog->queryButton()->isEnabled(), qPrintable(dialog->problemText()));
        QSignalSpy changed(m_window->cluster(), &ClusterController::caseChanged);
        dialog->queryButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->cluster()->currentJob(), 30000);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(scalar(m_case, "SELECT count(*) FROM sources WHERE format = 'prometheus-json'"),
                 qint64(1));
        // `up` of the one target: one counter track with the scrapes so far.
        QCOMPARE(scalar(m_case, "SELECT count(*) FROM tracks WHERE name = 'up'"), qint64(1));
        QVERIFY(scalar(m_case, "SELECT count(*) FROM counters c JOIN tracks t ON t.id = "
                               "c.track_id WHERE t.name = 'up'") >= 5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->caseExplorer()->treeModel()->rowCount(), 1, 10000);
    }

    void prometheusErrorsAreShownAsTheyAre()
    {
        // The timeline loads the case the last test filled in the background
        // (seconds under ASan): wait until it shows it.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->timeline()->visibleRange().from > 0, 20000);
        PrometheusDialog *dialog = openDialog();
        QVERIFY(dialog);
        dialog->suggestionBox()->setCurrentIndex(0);
        dialog->queryEdit()->setPlainText(QStringLiteral("sum(up"));
        // The window is now what the timeline shows of the case.
        const auto [from, to] = std::pair{dialog->range().start, dialog->range().end};
        QVERIFY2(to > from && from > 0, qPrintable(QStringLiteral("%1 %2").arg(from).arg(to)));
        QVERIFY2(dialog->queryButton()->isEnabled(), qPrintable(dialog->problemText()));
        dialog->queryButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->cluster()->currentJob(), 30000);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>()));
        QVERIFY2(box->informativeText().startsWith(QStringLiteral("bad_data: ")) &&
                     box->informativeText().contains(QStringLiteral("parse error")),
                 qPrintable(box->informativeText()));
        box->close();
        QCOMPARE(scalar(m_case, "SELECT count(*) FROM sources"), qint64(1)); // nothing added
    }

    void instantSelectionGivesTheMinutesAround()
    {
        // An instant (a k8s event, an evidence row) selected: a window of
        // five minutes around it, not "the last hour" of today nor one second.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->timeline()->visibleRange().from > 0, 20000);
        const qint64 at = m_window->timeline()->visibleRange().from + 1'000'000'000;
        m_window->viewState()->setSelection(ViewState::Range{at, at});
        PrometheusDialog *dialog = openDialog();
        QVERIFY(dialog);
        const PrometheusRange range = dialog->range();
        QVERIFY2(range.start < at && range.end > at,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(range.start).arg(at).arg(range.end)));
        QVERIFY(std::abs((range.end - range.start) - 300'000'000'000LL) <= 2'000'000'000LL);
        dialog->reject();
        m_window->viewState()->setSelection(std::nullopt);
    }

private:
    PrometheusDialog *openDialog()
    {
        for (auto *old : m_window->findChildren<PrometheusDialog *>())
            delete old;
        m_window->cluster()->prometheusAction()->trigger();
        // open() shows it at once: no event loop turn needed.
        return m_window->findChild<PrometheusDialog *>();
    }

    PrometheusProcess m_prometheus;
    QTemporaryDir m_dir;
    QString m_case;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(PrometheusGuiTest)
#include "tst_prometheusgui.moc"
