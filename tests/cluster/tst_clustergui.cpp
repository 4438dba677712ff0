// The window's cluster side end to end: MainWindow with its ClusterController
// against the real sshd of ClusterFixture and the real kubectl run there,
// pointed at the Kubernetes API stand-in (no cluster can run on these
// machines: tests/fixtures/kube-apiserver). The dialogs are driven as a user
// would: the unknown host key is shown and declined, then trusted; the
// checklist's Collect from Cluster opens the Collect dialog; live sampling
// starts and stops from the Cluster menu and the views grow while it runs.
#include "CaseExplorer.h"
#include "CaseFile.h"
#include "CaseTreeModel.h"
#include "ChecklistDock.h"
#include "ChecklistModel.h"
#include "ClusterController.h"
#include "ClusterFixture.h"
#include "ClusterStatusWidget.h"
#include "CollectDialog.h"
#include "GuiPrompter.h"
#include "MainWindow.h"
#include "playbook/PlaybookResult.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace perfcase;

namespace {

QPushButton *buttonStartingWith(QMessageBox *box, const QString &prefix)
{
    for (QAbstractButton *button : box->buttons())
        if (button->text().remove(QLatin1Char('&')).startsWith(prefix))
            return qobject_cast<QPushButton *>(button);
    return nullptr;
}

int count(const QString &casePath, const QString &sql)
{
    return ClusterFixture::query(casePath, sql).value(0).value(0).toInt();
}

} // namespace

class ClusterGuiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("perfcase-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_clustergui"));
        QSettings().clear();
        const QString why = m_fixture.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // The window reads ~/.ssh and the kubeconfig of the fixture's user.
        const QProcessEnvironment env = m_fixture.environment();
        for (const QString &name : {QStringLiteral("HOME"), QStringLiteral("KUBECONFIG")})
            qputenv(name.toUtf8().constData(), env.value(name).toUtf8());
        qunsetenv("SSH_AUTH_SOCK");
        m_fixture.writeKnownHosts(QString());
        m_fixture.writeSshConfig(QStringLiteral("Host *\n  IdentityFile %1\n")
                                     .arg(m_fixture.userKey(QStringLiteral("id_ed25519"))));
        m_case = m_fixture.dir() + QStringLiteral("/gui.perfcase");
        CaseFile::create(m_case.toStdString(), "gui", "tester");
        m_window = std::make_unique<MainWindow>();
        m_window->openCase(m_case);
        QCOMPARE(m_window->casePath(), m_case);
        m_window->checklist()->setPlaybook(QStringLiteral("import-lag"));
        m_cluster = m_window->cluster();
        QVERIFY(m_cluster);
        QCOMPARE(m_cluster->statusWidget()->state(), ClusterStatusWidget::State::Disconnected);
    }

    void cleanupTestCase()
    {
        m_window.reset(); // before the fixture stops its servers
    }

    void unknownHostKeyIsShownAndCanBeDeclined()
    {
        QSignalSpy asked(m_cluster->prompter(), &GuiPrompter::questionOpened);
        QSignalSpy said(m_cluster, &ClusterController::message);
        m_cluster->connectTo(profile());
        QVERIFY2(said.isEmpty(), qPrintable(said.value(0).value(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(asked.count() == 1 || !m_cluster->currentJob(), 20000);
        QVERIFY2(asked.count() == 1, qPrintable(m_cluster->statusWidget()->toolTip()));
        auto *box = qobject_cast<QMessageBox *>(asked.first().first().value<QDialog *>());
        QVERIFY(box);
        // The fingerprint ssh-keygen gives for the server's key.
        const QString fingerprint = m_fixture.hostKeyFingerprint(QStringLiteral("ed25519"));
        QVERIFY(fingerprint.startsWith(QStringLiteral("SHA256:")));
        QVERIFY2(box->informativeText().contains(fingerprint),
                 qPrintable(box->informativeText() + fingerprint));
        QCOMPARE(m_cluster->statusWidget()->state(), ClusterStatusWidget::State::Connecting);
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_cluster->currentJob(), 20000);
        QCOMPARE(m_cluster->statusWidget()->state(), ClusterStatusWidget::State::Failed);
        QVERIFY2(m_cluster->statusWidget()->toolTip().contains(QStringLiteral("host key")),
                 qPrintable(m_cluster->statusWidget()->toolTip()));
        QVERIFY(knownHosts().trimmed().isEmpty());
        closeMessageBoxes();
    }

    void trustedHostKeyConnects()
    {
        QSignalSpy asked(m_cluster->prompter(), &GuiPrompter::questionOpened);
        m_cluster->connectTo(profile());
        QTRY_COMPARE_WITH_TIMEOUT(asked.count(), 1, 20000);
        auto *box = qobject_cast<QMessageBox *>(asked.first().first().value<QDialog *>());
        QVERIFY(box);
        buttonStartingWith(box, QStringLiteral("Trust"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_cluster->currentJob(), 30000);
        const QString tip = m_cluster->statusWidget()->toolTip();
        QCOMPARE(m_cluster->statusWidget()->state(), ClusterStatusWidget::State::Connected);
        QVERIFY2(tip.contains(QStringLiteral("kubectl v")) &&
                     tip.contains(QStringLiteral("libssh2")),
                 qPrintable(tip));
        QCOMPARE(m_cluster->statusWidget()->text(), QStringLiteral("bastion · shop"));
        // Trusted once, written to known_hosts, and the profile saved
        // (without anything secret) as the active one.
        QVERIFY(!knownHosts().trimmed().isEmpty());
        QCOMPARE(ConnectionProfiles::activeName(), QStringLiteral("bastion"));
        QCOMPARE(ConnectionProfiles::load().value(0), profile());
    }

    void checklistCollectFillsTheCaseAndChecksAgain()
    {
        ChecklistDock *checklist = m_window->checklist();
        QTRY_VERIFY_WITH_TIMEOUT(!checklist->isBusy(), 20000);
        const auto *before = checklist->model()->result("hpa-at-max");
        QVERIFY(before && !before->missing.empty());
        // The step's Collect… box, then its Collect from Cluster button.
        checklist->selectStep(QStringLiteral("hpa-at-max"));
        QMessageBox *help = checklist->showCollectHelp();
        QVERIFY(help);
        buttonStartingWith(help, QStringLiteral("Collect"))->click();
        CollectDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<CollectDialog *>()));
        QVERIFY(dialog->previewText().contains(
            QStringLiteral("kubectl --namespace=shop get horizontalpodautoscalers")));
        QVERIFY(dialog->collectButton()->isEnabled());
        QSignalSpy changed(m_cluster, &ClusterController::caseChanged);
        dialog->collectButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_cluster->currentJob(), 60000);
        QCOMPARE(changed.count(), 1);
        // HPA JSON and describe, each with its command as origin.
        QCOMPARE(count(m_case, QStringLiteral("SELECT count(*) FROM sources WHERE format IN "
                                              "('k8s-hpa-json', 'k8s-hpa-describe') AND origin "
                                              "LIKE 'ssh://%: kubectl %'")),
                 2);
        // The views reload and the checks run again: the step has its data.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->caseExplorer()->treeModel()->rowCount() == 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!checklist->isBusy() && checklist->model()->result("hpa-at-max") &&
                                     checklist->model()->result("hpa-at-max")->missing.empty(),
                                 20000);
        QCOMPARE(m_cluster->statusWidget()->state(), ClusterStatusWidget::State::Connected);
    }

    void liveSamplingGrowsTheViewsUntilStopped()
    {
        const qint64 recordsBefore = m_window->caseExplorer()->treeModel()->totalRecords();
        QSignalSpy changed(m_cluster, &ClusterController::caseChanged);
        QVERIFY(m_cluster->startLive(1));
        QVERIFY(m_cluster->liveAction()->isChecked());
        QCOMPARE(m_cluster->statusWidget()->state(), ClusterStatusWidget::State::Sampling);
        // Nothing else runs meanwhile, and it says why.
        QSignalSpy message(m_cluster, &ClusterController::message);
        QVERIFY(!m_cluster->collect({}));
        QVERIFY(message.first().first().toString().contains(QStringLiteral("Live sampling")));
        // The views reload while it samples (caseChanged unfinished).
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 2, 30000);
        for (const auto &signal : changed)
            QCOMPARE(signal.first().toBool(), false);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->caseExplorer()->treeModel()->totalRecords() > recordsBefore, 10000);
        // F8 again stops it; the samples stay, one growing source per signal.
        m_cluster->liveAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!m_cluster->currentJob(), 20000);
        QVERIFY(!m_cluster->liveAction()->isChecked());
        QCOMPARE(changed.last().first().toBool(), true);
        QCOMPARE(m_cluster->statusWidget()->state(), ClusterStatusWidget::State::Connected);
        const auto live = ClusterFixture::query(
            m_case, QStringLiteral("SELECT format, count(*) FROM sources WHERE name LIKE 'live %' "
                                   "GROUP BY format"));
        QCOMPARE(live.size(), 4);
        for (const QStringList &row : live)
            QCOMPARE(row[1], QStringLiteral("1"));
        QVERIFY(count(m_case,
                      QStringLiteral("SELECT count(DISTINCT c.ts) FROM counters c JOIN tracks t ON "
                                     "t.id = c.track_id JOIN sources s ON s.id = t.source_id WHERE "
                                     "s.name LIKE 'live top-nodes%'")) >= 2);
    }

    void failedCommandsAreReportedPerCommand()
    {
        // A deployment the stand-in does not serve: the logs step fails,
        // said per command, and nothing else is lost.
        const int sources = count(m_case, QStringLiteral("SELECT count(*) FROM sources"));
        KubeScope scope;
        scope.nameSpace = "shop";
        scope.params["deployment"] = "no-such-api";
        QVERIFY(m_cluster->collect({{"logs", scope}, {"top-nodes", KubeScope{}}}));
        QTRY_VERIFY_WITH_TIMEOUT(!m_cluster->currentJob(), 60000);
        QCOMPARE(count(m_case, QStringLiteral("SELECT count(*) FROM sources")), sources + 1);
        // The report opened by itself, one line per command.
        ImportReportDialog *report = nullptr;
        QTRY_VERIFY((report = m_window->findChild<ImportReportDialog *>()));
        QCOMPARE(report->entryCount(), 2);
        const QString text = report->text();
        QVERIFY2(text.contains(QStringLiteral("failed\tkubectl --namespace=shop get deployments "
                                              "no-such-api")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("imported\tkubectl top nodes")), qPrintable(text));
        report->close();
    }

private:
    ConnectionProfile profile() const
    {
        return {QStringLiteral("bastion"), m_fixture.target(), {}, QStringLiteral("shop"), {}};
    }

    QString knownHosts() const
    {
        QFile file(m_fixture.sshDir() + QStringLiteral("/known_hosts"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    void closeMessageBoxes()
    {
        for (QMessageBox *box : m_window->findChildren<QMessageBox *>())
            box->close();
    }

    ClusterFixture m_fixture;
    QString m_case;
    std::unique_ptr<MainWindow> m_window;
    ClusterController *m_cluster = nullptr;
};

QTEST_MAIN(ClusterGuiTest)
#include "tst_clustergui.moc"
