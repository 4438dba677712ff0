// The kubectl catalogue, argument checks and collect plans, without a
// cluster: what can be built, what is refused, and that every bundled
// playbook asks only for collectors the catalogue has.
#include "collect/KubeArguments.h"
#include "collect/KubeCatalogue.h"
#include "playbook/CollectPlan.h"
#include "playbook/PlaybookCatalog.h"
#include "transport/ShellQuote.h"

#include <QProcess>
#include <QTest>
#include <algorithm>

using namespace perfcase;

class CatalogueTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kubernetesNames_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("label") << QStringLiteral("label") << QStringLiteral("shop") << true;
        QTest::newRow("label with dash")
            << QStringLiteral("label") << QStringLiteral("shop-prod-2") << true;
        QTest::newRow("label upper case")
            << QStringLiteral("label") << QStringLiteral("Shop") << false;
        QTest::newRow("label with dot")
            << QStringLiteral("label") << QStringLiteral("shop.prod") << false;
        QTest::newRow("label 64 chars")
            << QStringLiteral("label") << QString(64, QLatin1Char('a')) << false;
        QTest::newRow("label ends with dash")
            << QStringLiteral("label") << QStringLiteral("shop-") << false;
        QTest::newRow("label option") << QStringLiteral("label") << QStringLiteral("-n") << false;
        QTest::newRow("label shell")
            << QStringLiteral("label") << QStringLiteral("shop;id") << false;
        QTest::newRow("subdomain")
            << QStringLiteral("subdomain") << QStringLiteral("api-7d9c8b6f5-x2x9k") << true;
        QTest::newRow("subdomain dots")
            << QStringLiteral("subdomain") << QStringLiteral("api.v2") << true;
        QTest::newRow("subdomain empty label")
            << QStringLiteral("subdomain") << QStringLiteral("api..v2") << false;
        QTest::newRow("subdomain newline")
            << QStringLiteral("subdomain") << QStringLiteral("api\nrm") << false;
        QTest::newRow("subdomain substitution")
            << QStringLiteral("subdomain") << QStringLiteral("$(id)") << false;
        QTest::newRow("selector") << QStringLiteral("selector")
                                  << QStringLiteral("app=api,tier!=cache") << true;
        QTest::newRow("selector prefix and exists")
            << QStringLiteral("selector") << QStringLiteral("app.kubernetes.io/name=api,!canary")
            << true;
        QTest::newRow("selector space")
            << QStringLiteral("selector") << QStringLiteral("app = api") << false;
        QTest::newRow("selector shell")
            << QStringLiteral("selector") << QStringLiteral("app=api;id") << false;
        QTest::newRow("duration") << QStringLiteral("duration") << QStringLiteral("1h30m") << true;
        QTest::newRow("duration seconds")
            << QStringLiteral("duration") << QStringLiteral("90s") << true;
        QTest::newRow("duration bare number")
            << QStringLiteral("duration") << QStringLiteral("90") << false;
        QTest::newRow("duration days")
            << QStringLiteral("duration") << QStringLiteral("1d") << false;
        QTest::newRow("context arn")
            << QStringLiteral("context") << QStringLiteral("arn:aws:eks:eu-west-1:123:cluster/prod")
            << true;
        QTest::newRow("context gke")
            << QStringLiteral("context") << QStringLiteral("gke_project_europe-west1_prod") << true;
        QTest::newRow("context option")
            << QStringLiteral("context") << QStringLiteral("--kubeconfig=/x") << false;
        QTest::newRow("context space")
            << QStringLiteral("context") << QStringLiteral("my context") << false;
    }
    void kubernetesNames()
    {
        QFETCH(QString, kind);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        const std::string v = value.toStdString();
        bool accepted = true;
        try {
            if (kind == QLatin1String("label"))
                KubeArguments::label(v, "x");
            else if (kind == QLatin1String("subdomain"))
                KubeArguments::subdomain(v, "x");
            else if (kind == QLatin1String("selector"))
                KubeArguments::selector(v, "x");
            else if (kind == QLatin1String("duration"))
                KubeArguments::duration(v, "x");
            else
                KubeArguments::context(v, "x");
        } catch (const InvalidArgument &error) {
            accepted = false;
            QVERIFY(std::string(error.what()).find("x") == 0); // names what it checked
        }
        QCOMPARE(accepted, valid);
    }

    void catalogueIsReadOnly()
    {
        KubeScope scope;
        scope.nameSpace = "shop";
        scope.context = "prod";
        scope.params = {{"deployment", "api"}, {"hpa", "api"}, {"selector", "app=api"}};
        const std::vector<std::string> writes{
            "exec",  "attach", "port-forward", "edit", "delete", "scale", "apply",
            "patch", "create", "replace",      "cp",   "run",    "proxy"};
        for (const auto &entry : KubeCatalogue::entries()) {
            const KubeCommand command = KubeCatalogue::command(entry.id, scope);
            QCOMPARE(command.argv.front(), std::string("kubectl"));
            for (const auto &argument : command.argv)
                QVERIFY2(std::find(writes.begin(), writes.end(), argument) == writes.end(),
                         argument.c_str());
            // Values travel in --flag=value form, never as separate words
            // that could be read as options.
            QVERIFY(std::find(command.argv.begin(), command.argv.end(), "--namespace=shop") !=
                        command.argv.end() ||
                    entry.id == "top-nodes");
            QVERIFY(!command.permissions.empty());
        }
    }

    void logsFollowTheDeploymentToItsContainers()
    {
        KubeScope scope;
        scope.nameSpace = "shop";
        scope.since = "15m";
        scope.params = {{"deployment", "api"}};
        const KubeCommand first = KubeCatalogue::command("logs", scope);
        QVERIFY(first.format.empty());
        QCOMPARE(KubeCatalogue::selectorOf(
                     R"({"spec":{"selector":{"matchLabels":{"app":"api","tier":"web"}}}})"),
                 std::string("app=api,tier=web"));
        const auto commands = KubeCatalogue::logsCommands(scope, R"({"items":[
            {"metadata":{"name":"api-1"},"spec":{"containers":[{"name":"api"},{"name":"sidecar"}]}},
            {"metadata":{"name":"api-2"},"spec":{"containers":[{"name":"api"}]}}]})");
        QCOMPARE(commands.size(), std::size_t(3));
        const std::vector<std::string> expected{
            "kubectl",           "--namespace=shop", "logs", "api-1", "--container=sidecar",
            "--timestamps=true", "--since=15m"};
        QCOMPARE(commands[1].argv, expected);
        // Names from the cluster are checked like the user's.
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, KubeCatalogue::logsCommands(scope, R"({"items":[
            {"metadata":{"name":"-rf"},"spec":{"containers":[{"name":"api"}]}}]})"));
        // A hostile pod list nested deeper than the cap is refused, not recursed.
        std::string deep(100000, '[');
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 KubeCatalogue::logsCommands(scope, "{\"items\":" + deep));
    }

    void bundledPlaybooksUseTheCatalogue()
    {
        PlaybookCatalog catalog;
        int actions = 0;
        for (const auto &playbook : catalog.playbooks()) {
            if (!playbook.builtin) continue;
            std::map<std::string, std::string> values{{"namespace", "shop"}, {"deployment", "api"}};
            const CollectPlan plan = CollectPlan::build(playbook, values);
            for (const auto &action : plan.actions) {
                QVERIFY2(KubeCatalogue::find(action.collector),
                         (playbook.id + ": " + action.collector).c_str());
                KubeScope scope;
                scope.nameSpace =
                    action.params.count("namespace") ? action.params.at("namespace") : "";
                for (const auto &[key, value] : action.params)
                    if (key != "namespace") scope.params[key] = value;
                KubeCatalogue::command(action.collector, scope); // builds with these values
                ++actions;
            }
        }
        QVERIFY(actions >= 5);
    }

    void requiredParametersMustBeGiven()
    {
        PlaybookCatalog catalog;
        const Playbook *playbook = catalog.find("import-lag");
        QVERIFY(playbook);
        QVERIFY_THROWS_EXCEPTION(MissingParameter,
                                 CollectPlan::build(*playbook, {{"namespace", "shop"}}));
        // Without a namespace the context's own is used: not required.
        const CollectPlan plan = CollectPlan::build(*playbook, {{"deployment", "api"}});
        for (const auto &action : plan.actions)
            QVERIFY(!action.params.count("namespace"));
        // The HPA JSON is asked by two steps and planned once.
        int hpa = 0;
        for (const auto &action : plan.actions)
            hpa += action.collector == "hpa-json";
        QCOMPARE(hpa, 1);
    }

    void suggestedQueriesAreFilled()
    {
        PlaybookCatalog catalog;
        const Playbook *playbook = catalog.find("import-lag");
        QVERIFY(playbook);
        QVERIFY(playbook->queries.size() >= 5);
        std::vector<std::string> missing;
        const auto filled = CollectPlan::queries(
            *playbook, {{"namespace", "shop"}, {"deployment", "api"}}, &missing);
        QCOMPARE(filled.size(), playbook->queries.size());
        QVERIFY(missing.empty());
        for (const auto &query : filled) {
            QVERIFY2(CollectPlan::fieldsIn(query.promql).empty(), query.promql.c_str());
            QVERIFY2(query.promql.find("namespace=\"shop\"") != std::string::npos,
                     query.promql.c_str());
        }
        // Without a deployment the query that needs one is left out and named.
        const auto partial = CollectPlan::queries(*playbook, {{"namespace", "shop"}}, &missing);
        QCOMPARE(partial.size() + 1, playbook->queries.size());
        QCOMPARE(missing, std::vector<std::string>{"deployment"});
        for (const auto &query : partial)
            QVERIFY(query.promql.find("{deployment}") == std::string::npos);
    }

    void shellQuotingSurvivesARealShell_data()
    {
        QTest::addColumn<QString>("word");
        int row = 0;
        for (const char *word : {"plain", "it's", "'", "''", "a'b'c", "$(id)", "`id`", "a b\tc",
                                 "x\ny", "\\", "!event", "*", "~root", "--flag=1", ""})
            QTest::addRow("%d", ++row) << QString::fromUtf8(word);
    }
    void shellQuotingSurvivesARealShell()
    {
        QFETCH(QString, word);
        QProcess shell;
        shell.start(QStringLiteral("/bin/sh"),
                    {QStringLiteral("-c"),
                     QString::fromStdString(shellCommand({"printf", "%s", word.toStdString()}))});
        QVERIFY(shell.waitForFinished());
        QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()), word);
    }
};

QTEST_GUILESS_MAIN(CatalogueTest)
#include "tst_catalogue.moc"
