// The cluster dialogs and the GUI's SSH prompter, without a cluster: what
// each dialog accepts and refuses as the user types (checked with the
// collectors' own rules), the commands a collection will run, the suggested
// Prometheus queries, and questions asked from a worker thread. The window
// against a real sshd and kubectl is tests/cluster/tst_clustergui.
#include "ClusterStatusWidget.h"
#include "CollectDialog.h"
#include "ConnectDialog.h"
#include "ConnectionProfiles.h"
#include "GrabIfAsked.h"
#include "GuiPrompter.h"
#include "ImportProgressWidget.h"
#include "PrometheusDialog.h"
#include "SshPromptDialog.h"
#include "playbook/CollectPlan.h"
#include "playbook/PlaybookCatalog.h"
#include "prometheus/PrometheusStep.h"
#include "transport/HostKey.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <future>
#include <thread>

using namespace perfcase;
using perfcase::testing::grabIfAsked;

namespace {

constexpr qint64 kSecond = 1'000'000'000;

QPushButton *buttonStartingWith(QMessageBox *box, const QString &prefix)
{
    for (QAbstractButton *button : box->buttons())
        if (button->text().remove(QLatin1Char('&')).startsWith(prefix))
            return qobject_cast<QPushButton *>(button);
    return nullptr;
}

} // namespace

class TestClusterDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("perfcase-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_clusterdialogs"));
        QSettings().clear();
        QVERIFY(m_catalog.find("import-lag"));
    }

    void profilesRoundTripWithoutSecrets()
    {
        const QList<ConnectionProfile> profiles{
            {QStringLiteral("prod"), QStringLiteral("ssh://ops@bastion.example:2222"),
             QStringLiteral("gke_shop_europe-west1_prod"), QStringLiteral("shop"),
             QStringLiteral("https://prometheus.example")},
            {QStringLiteral("laptop"), QStringLiteral("local"), {}, {}, {}}};
        ConnectionProfiles::save(profiles);
        ConnectionProfiles::setActiveName(QStringLiteral("laptop"));
        QCOMPARE(ConnectionProfiles::load(), profiles);
        QCOMPARE(ConnectionProfiles::activeName(), QStringLiteral("laptop"));
        // Saving fewer removes the rest.
        ConnectionProfiles::save({profiles.first()});
        QCOMPARE(ConnectionProfiles::load().size(), 1);
        // Only these keys are written: no password, passphrase or token.
        QSettings settings;
        settings.beginReadArray(QStringLiteral("cluster/profiles"));
        settings.setArrayIndex(0);
        QStringList keys = settings.childKeys();
        keys.sort();
        QCOMPARE(keys, (QStringList{QStringLiteral("context"), QStringLiteral("name"),
                                    QStringLiteral("namespace"), QStringLiteral("prometheus"),
                                    QStringLiteral("target")}));
        settings.endArray();
    }

    void profileProblems_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QString>("prometheus");
        QTest::addColumn<QString>("problem"); // "" when the profile can be used
        QTest::newRow("local") << "local"
                               << ""
                               << ""
                               << ""
                               << "";
        QTest::newRow("ssh url") << "ssh://ops@bastion:2222"
                                 << "prod"
                                 << "shop"
                                 << "http://127.0.0.1:9090"
                                 << "";
        QTest::newRow("config alias") << "bastion"
                                      << ""
                                      << "kube-system"
                                      << ""
                                      << "";
        QTest::newRow("empty target") << ""
                                      << ""
                                      << ""
                                      << ""
                                      << "target is empty";
        QTest::newRow("option as host") << "-oProxyCommand=id"
                                        << ""
                                        << ""
                                        << ""
                                        << "-";
        QTest::newRow("bad port") << "ssh://ops@bastion:99999"
                                  << ""
                                  << ""
                                  << ""
                                  << "port";
        QTest::newRow("namespace with capitals") << "local"
                                                 << ""
                                                 << "Shop"
                                                 << ""
                                                 << "namespace";
        QTest::newRow("namespace as option") << "local"
                                             << ""
                                             << "-n"
                                             << ""
                                             << "namespace";
        QTest::newRow("context with newline") << "local"
                                              << "a\nb"
                                              << ""
                                              << ""
                                              << "context";
        QTest::newRow("prometheus ftp") << "local"
                                        << ""
                                        << ""
                                        << "ftp://x"
                                        << "http://";
        QTest::newRow("prometheus credentials") << "local"
                                                << ""
                                                << ""
                                                << "https://me:secret@prometheus"
                                                << "must not hold credentials";
    }

    void profileProblems()
    {
        QFETCH(QString, target);
        QFETCH(QString, context);
        QFETCH(QString, nameSpace);
        QFETCH(QString, prometheus);
        QFETCH(QString, problem);
        ConnectDialog dialog({}, {});
        dialog.targetEdit()->setText(target);
        dialog.contextEdit()->setText(context);
        dialog.namespaceEdit()->setText(nameSpace);
        dialog.prometheusEdit()->setText(prometheus);
        if (problem.isEmpty()) {
            QVERIFY2(dialog.problemText().isEmpty(), qPrintable(dialog.problemText()));
            QVERIFY(dialog.connectButton()->isEnabled());
        } else {
            QVERIFY2(dialog.problemText().contains(problem), qPrintable(dialog.problemText()));
            QVERIFY(!dialog.connectButton()->isEnabled());
        }
    }

    void connectDialogEditsProfiles()
    {
        const QList<ConnectionProfile> saved{
            {QStringLiteral("a"), QStringLiteral("local"), {}, {}, {}},
            {QStringLiteral("b"), QStringLiteral("ssh://ops@b"), {}, QStringLiteral("shop"), {}}};
        ConnectDialog dialog(saved, QStringLiteral("b"));
        // It opens on the active profile.
        QCOMPARE(dialog.list()->currentRow(), 1);
        QCOMPARE(dialog.targetEdit()->text(), QStringLiteral("ssh://ops@b"));
        QCOMPARE(dialog.chosen(), saved.at(1));
        // A new profile gets a free name and must be given a target.
        dialog.addProfile();
        QCOMPARE(dialog.profiles().size(), 3);
        QCOMPARE(dialog.chosen().name, QStringLiteral("cluster"));
        QVERIFY(!dialog.connectButton()->isEnabled());
        dialog.targetEdit()->setText(QStringLiteral("ops@c:2200"));
        QVERIFY(dialog.connectButton()->isEnabled());
        // Two profiles may not share a name.
        dialog.nameEdit()->setText(QStringLiteral("a"));
        QVERIFY(dialog.problemText().contains(QStringLiteral("Another profile")));
        QVERIFY(!dialog.connectButton()->isEnabled());
        dialog.nameEdit()->setText(QStringLiteral("c"));
        QCOMPARE(dialog.list()->item(2)->text(), QStringLiteral("c"));
        // Switching rows shows each profile's own values.
        dialog.list()->setCurrentRow(0);
        QCOMPARE(dialog.targetEdit()->text(), QStringLiteral("local"));
        dialog.list()->setCurrentRow(2);
        QCOMPARE(dialog.targetEdit()->text(), QStringLiteral("ops@c:2200"));
        dialog.targetEdit()->setText(QStringLiteral("-oProxyCommand=id"));
        grabIfAsked(dialog, QStringLiteral("connect-dialog"));
        dialog.removeProfile();
        QCOMPARE(dialog.profiles().size(), 2);
        // With no profile saved it offers `local`.
        ConnectDialog first({}, {});
        QCOMPARE(first.chosen().target, QStringLiteral("local"));
    }

    void collectDialogShowsTheCommands_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("deployment");
        QTest::addColumn<QString>("since");
        QTest::addColumn<QStringList>("commands"); // each a line of the preview
        QTest::addColumn<QString>("problem");
        QTest::newRow("whole playbook")
            << ""
            << "api"
            << "30m"
            << QStringList{QStringLiteral("kubectl --context=prod --namespace=shop get "
                                          "horizontalpodautoscalers --output=json"),
                           QStringLiteral("kubectl --context=prod --namespace=shop describe "
                                          "horizontalpodautoscalers"),
                           QStringLiteral("kubectl --context=prod top nodes"),
                           QStringLiteral("get deployments api --output=json")}
            << "";
        QTest::newRow("one step") << "nodes-saturated"
                                  << ""
                                  << "1h"
                                  << QStringList{QStringLiteral("kubectl --context=prod top nodes")}
                                  << "";
        QTest::newRow("a step with nothing to collect")
            << "dom-size"
            << "api"
            << "1h" << QStringList{} << "nothing to collect";
        QTest::newRow("missing deployment") << ""
                                            << ""
                                            << "1h" << QStringList{} << "deployment";
        QTest::newRow("hostile deployment") << "api-log-errors"
                                            << "-rf"
                                            << "1h" << QStringList{} << "deployment";
        QTest::newRow("deployment with a space") << "api-log-errors"
                                                 << "api; id"
                                                 << "1h" << QStringList{} << "deployment";
        QTest::newRow("bad since") << "api-log-errors"
                                   << "api"
                                   << "yesterday" << QStringList{} << "since";
    }

    void collectDialogShowsTheCommands()
    {
        QFETCH(QString, step);
        QFETCH(QString, deployment);
        QFETCH(QString, since);
        QFETCH(QStringList, commands);
        QFETCH(QString, problem);
        QSettings().remove(QStringLiteral("cluster/parameters"));
        const ConnectionProfile profile{QStringLiteral("prod"),
                                        QStringLiteral("ssh://ops@bastion"),
                                        QStringLiteral("prod"),
                                        QStringLiteral("shop"),
                                        {}};
        CollectDialog dialog(*m_catalog.find("import-lag"), step, profile);
        // The namespace comes from the profile.
        QCOMPARE(dialog.field(QStringLiteral("namespace"))->text(), QStringLiteral("shop"));
        dialog.field(QStringLiteral("deployment"))->setText(deployment);
        dialog.sinceEdit()->setText(since);
        if (!problem.isEmpty()) {
            QVERIFY2(dialog.problemText().contains(problem), qPrintable(dialog.problemText()));
            QVERIFY(!dialog.collectButton()->isEnabled());
            QVERIFY(dialog.requests().empty());
            return;
        }
        QVERIFY2(dialog.problemText().isEmpty(), qPrintable(dialog.problemText()));
        QVERIFY(dialog.collectButton()->isEnabled());
        if (step.isEmpty()) grabIfAsked(dialog, QStringLiteral("collect-dialog"));
        const QString preview = dialog.previewText();
        for (const QString &command : commands)
            QVERIFY2(preview.contains(command), qPrintable(preview));
        // Exactly what the plan asks, with the profile's context and namespace.
        std::map<std::string, std::string> values{{"namespace", "shop"}};
        if (!deployment.isEmpty()) values["deployment"] = deployment.toStdString();
        KubeScope base;
        base.context = "prod";
        base.since = since.toStdString();
        const auto expected = KubeCollector::requestsFor(
            CollectPlan::build(*m_catalog.find("import-lag"), values, step.toStdString()), base);
        const auto requests = dialog.requests();
        QCOMPARE(requests.size(), expected.size());
        for (std::size_t i = 0; i < requests.size(); ++i) {
            QCOMPARE(requests[i].collector, expected[i].collector);
            QCOMPARE(requests[i].scope.nameSpace, expected[i].scope.nameSpace);
            QCOMPARE(requests[i].scope.params, expected[i].scope.params);
            QCOMPARE(requests[i].scope.context, "prod");
            QCOMPARE(requests[i].scope.since, since.toStdString());
        }
        // Accepting remembers the values for the next collection.
        dialog.collectButton()->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        if (!deployment.isEmpty())
            QCOMPARE(CollectDialog::rememberedValue(QStringLiteral("deployment")), deployment);
    }

    void prometheusDialogSuggestsAndChecks()
    {
        const Playbook *playbook = m_catalog.find("import-lag");
        const auto suggestions =
            CollectPlan::queries(*playbook, {{"namespace", "shop"}, {"deployment", "api"}});
        const qint64 end = 1'700'000'000 * kSecond, start = end - 3600 * kSecond;
        PrometheusDialog dialog(QStringLiteral("http://127.0.0.1:9090"), suggestions, {}, start,
                                end, 1200);
        // The first suggestion is chosen, its PromQL and title filled in.
        QCOMPARE(dialog.suggestionBox()->count(), int(suggestions.size()) + 1);
        QCOMPARE(dialog.queryEdit()->toPlainText().toStdString(), suggestions.front().promql);
        QCOMPARE(dialog.sourceName().toStdString(), suggestions.front().title);
        QVERIFY(dialog.queryButton()->isEnabled());
        grabIfAsked(dialog, QStringLiteral("prometheus-dialog"));
        // The window is the one given; the step one point per pixel.
        const PrometheusRange range = dialog.range();
        QCOMPARE(qint64(range.start), start);
        QCOMPARE(qint64(range.end), end);
        QCOMPARE(qint64(range.step), qint64(PrometheusStep::forPixels(start, end, 1200)));
        QCOMPARE(qint64(range.step), 3 * kSecond); // 3600 s over 1200 pixels
        // Another suggestion replaces the PromQL; free PromQL keeps it editable.
        dialog.suggestionBox()->setCurrentIndex(2);
        QCOMPARE(dialog.queryEdit()->toPlainText().toStdString(), suggestions.at(1).promql);
        dialog.suggestionBox()->setCurrentIndex(0);
        dialog.queryEdit()->setPlainText(QStringLiteral("up"));
        QCOMPARE(dialog.range().query, "up");
        QVERIFY(dialog.sourceName().isEmpty());
        // A typed step wins, and one too fine for the window is refused.
        dialog.stepEdit()->setText(QStringLiteral("30s"));
        QCOMPARE(qint64(dialog.range().step), 30 * kSecond);
        dialog.stepEdit()->setText(QStringLiteral("100ms"));
        QVERIFY2(dialog.problemText().contains(QStringLiteral("11")),
                 qPrintable(dialog.problemText()));
        QVERIFY(!dialog.queryButton()->isEnabled());
        dialog.stepEdit()->setText(QStringLiteral("soon"));
        QVERIFY(dialog.problemText().contains(QStringLiteral("duration")));
        dialog.stepEdit()->clear();
        QVERIFY(dialog.queryButton()->isEnabled());
        // Credentials never go in the URL; an empty query cannot run.
        dialog.urlEdit()->setText(QStringLiteral("http://me:pw@127.0.0.1:9090"));
        QVERIFY(dialog.problemText().contains(QStringLiteral("PERFCASE_PROMETHEUS_TOKEN")));
        dialog.urlEdit()->setText(QStringLiteral("http://127.0.0.1:9090"));
        dialog.queryEdit()->clear();
        QVERIFY(!dialog.queryButton()->isEnabled());
    }

    void prometheusDialogSaysWhatIsLeftOut()
    {
        std::vector<std::string> missing;
        const auto suggestions =
            CollectPlan::queries(*m_catalog.find("import-lag"), {{"namespace", "shop"}}, &missing);
        QCOMPARE(missing, std::vector<std::string>{"deployment"});
        PrometheusDialog dialog(QString(), suggestions, {QStringLiteral("deployment")}, kSecond,
                                600 * kSecond, 800);
        QVERIFY(dialog.suggestionBox()->toolTip().contains(QStringLiteral("deployment")));
        QVERIFY(!dialog.queryButton()->isEnabled()); // no URL yet
        QVERIFY(dialog.problemText().contains(QStringLiteral("URL")));
    }

    // The prompter asked from a worker thread, as a transport asks it.
    void hostKeyQuestion_data()
    {
        QTest::addColumn<bool>("trust");
        QTest::newRow("trusted") << true;
        QTest::newRow("declined") << false;
    }

    void hostKeyQuestion()
    {
        QFETCH(bool, trust);
        QWidget window;
        GuiPrompter prompter(&window);
        QSignalSpy opened(&prompter, &GuiPrompter::questionOpened);
        const HostKey key{"ssh-ed25519",
                          // 4-byte length, the name, 32 bytes of key: 47 bytes.
                          std::string("\0\0\0\x0bssh-ed25519", 15) + std::string(32, '*')};
        auto answer = std::async(std::launch::async, [&] {
            return prompter.acceptNewHostKey("bastion.example", 2222, key);
        });
        QTRY_COMPARE(opened.count(), 1);
        auto *box = qobject_cast<QMessageBox *>(opened.first().first().value<QDialog *>());
        QVERIFY(box);
        // It names the host, the port and the fingerprint ssh-keygen would.
        QVERIFY(box->text().contains(QStringLiteral("bastion.example (port 2222)")));
        QVERIFY2(
            box->informativeText().contains(QString::fromStdString(sha256Fingerprint(key.blob))),
            qPrintable(box->informativeText()));
        grabIfAsked(*box, QStringLiteral("host-key-dialog"));
        // Cancel is the default: Return does not trust a key.
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        if (trust)
            buttonStartingWith(box, QStringLiteral("Trust"))->click();
        else
            box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
        QCOMPARE(answer.get(), trust);
    }

    void passphraseQuestion()
    {
        QWidget window;
        GuiPrompter prompter(&window);
        QSignalSpy opened(&prompter, &GuiPrompter::questionOpened);
        auto answer =
            std::async(std::launch::async, [&] { return prompter.passphrase("/home/me/.ssh/id"); });
        QTRY_COMPARE(opened.count(), 1);
        auto *dialog = qobject_cast<SshPromptDialog *>(opened.first().first().value<QDialog *>());
        QVERIFY(dialog);
        QCOMPARE(dialog->fields().size(), 1);
        QCOMPARE(dialog->fields().first()->echoMode(), QLineEdit::Password);
        dialog->fields().first()->setText(QStringLiteral("correct horse"));
        dialog->accept();
        QTRY_VERIFY(answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
        QCOMPARE(answer.get(), std::optional<std::string>("correct horse"));
    }

    void keyboardInteractiveQuestions()
    {
        QWidget window;
        GuiPrompter prompter(&window);
        QSignalSpy opened(&prompter, &GuiPrompter::questionOpened);
        auto answer = std::async(std::launch::async, [&] {
            return prompter.answer("Duo", "Second factor",
                                   {{"Password: ", false}, {"Code: ", true}});
        });
        QTRY_COMPARE(opened.count(), 1);
        auto *dialog = qobject_cast<SshPromptDialog *>(opened.first().first().value<QDialog *>());
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Duo"));
        QCOMPARE(dialog->fields().at(0)->echoMode(), QLineEdit::Password);
        QCOMPARE(dialog->fields().at(1)->echoMode(), QLineEdit::Normal);
        dialog->fields().at(0)->setText(QStringLiteral("pw"));
        dialog->fields().at(1)->setText(QStringLiteral("123456"));
        dialog->accept();
        QTRY_VERIFY(answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
        QCOMPARE(answer.get(), (std::optional<std::vector<std::string>>{{"pw", "123456"}}));
    }

    // A cancelled job must not leave its worker waiting for an answer.
    void abandonEndsTheWait()
    {
        QWidget window;
        GuiPrompter prompter(&window);
        QSignalSpy opened(&prompter, &GuiPrompter::questionOpened);
        auto answer = std::async(std::launch::async, [&] { return prompter.passphrase("/k"); });
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(prompter.openDialogs().size(), 1);
        prompter.abandon();
        QVERIFY(answer.wait_for(std::chrono::seconds(2)) == std::future_status::ready);
        QCOMPARE(answer.get(), std::nullopt);
        QTRY_VERIFY(prompter.openDialogs().isEmpty());
        // Until resumed, questions are declined without a dialog.
        QVERIFY(!std::async(std::launch::async, [&] {
                     return prompter.acceptNewHostKey("h", 22, HostKey{"ssh-ed25519", "x"});
                 }).get());
        prompter.resume();
        auto again = std::async(std::launch::async, [&] { return prompter.passphrase("/k"); });
        QTRY_COMPARE(opened.count(), 2);
        opened.last().first().value<QDialog *>()->reject();
        QTRY_VERIFY(again.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
        QCOMPARE(again.get(), std::nullopt);
    }

    void statusWidgetStates_data()
    {
        QTest::addColumn<int>("state");
        for (int state = 0; state <= int(ClusterStatusWidget::State::Sampling); ++state)
            QTest::addRow("%d", state) << state;
    }

    void statusWidgetStates()
    {
        QFETCH(int, state);
        ClusterStatusWidget widget;
        const auto value = ClusterStatusWidget::State(state);
        widget.setState(value, QStringLiteral("prod · shop"), QStringLiteral("details"));
        QCOMPARE(widget.state(), value);
        QCOMPARE(widget.text(), QStringLiteral("prod · shop"));
        QCOMPARE(widget.toolTip(), QStringLiteral("details"));
        QVERIFY(!widget.icon().isNull());
    }

    void progressWidgetNamesCommands()
    {
        ImportProgressWidget progress;
        progress.start();
        progress.setActivity(QStringLiteral("Collecting"));
        progress.setCurrentItem(1, 4, QStringLiteral("kubectl top pods"));
        QCOMPARE(progress.text(), QStringLiteral("Collecting kubectl top pods (2 of 4)"));
        QCOMPARE(progress.value(), 250);
        progress.setActivity(QStringLiteral("Live sampling"), true);
        progress.setCurrentItem(0, 0, QStringLiteral("(3 samples)"));
        QCOMPARE(progress.text(), QStringLiteral("Live sampling (3 samples)"));
    }

private:
    PlaybookCatalog m_catalog;
};

QTEST_MAIN(TestClusterDialogs)
#include "tst_clusterdialogs.moc"
