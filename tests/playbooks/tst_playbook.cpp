// The playbook engine: loading and its errors, every bundled playbook's SQL
// and vocabulary, the analysis SQL functions, text templates, overrides and
// notes, and the decision rules.
#include "CaseFile.h"
#include "CliRunner.h"
#include "QueryRunner.h"
#include "playbook/ChecklistStore.h"
#include "playbook/DecisionMaker.h"
#include "playbook/PlaybookCatalog.h"
#include "playbook/PlaybookEngine.h"
#include "playbook/PlaybookLoader.h"
#include "playbook/TextTemplate.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

using namespace perfcase;

class TestPlaybook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadErrors_data();
    void loadErrors();
    void bundledPlaybooksCompile();
    void bundledPlaybooksUseKnownNames();
    void emptyCaseIsInconclusive();
    void textTemplate_data();
    void textTemplate();
    void aggregates_data();
    void aggregates();
    void trackFunctionsAgreeWithPlainSql();
    void overridesAndNotes();
    void decision_data();
    void decision();
    void userPlaybookShadowsBundled();

private:
    QTemporaryDir m_dir;
    QString m_emptyCase, m_traceCase;
};

namespace {

// A small valid playbook to mutate.
nlohmann::json minimal()
{
    return nlohmann::json::parse(R"json({
      "id": "demo", "version": 1, "title": "Demo",
      "hypotheses": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
      "sections": [{"id": "s", "title": "S", "steps": [
        {"id": "one", "title": "One", "why": "Because.", "supports": "a",
         "requires": [{"track": "browser.long_tasks", "hint": "a trace"}],
         "check": {"sql": "SELECT ts, end_ts, name AS text, dur AS value FROM v_slices WHERE track = 'browser.long_tasks'",
                   "facts": {"worst": "max(value)"}, "fail_if": "rows > 0", "fail": "{rows} long", "pass": "none"}},
        {"id": "two", "title": "Two", "why": "Because.", "supports": "b",
         "requires": [{"source_kind": "log", "hint": "logs"}],
         "check": {"sql": "SELECT ts, NULL AS end_ts, message AS text, level_num AS value FROM v_logs",
                   "fail_if": "rows > 3", "fail": "many", "pass": "few"}},
        {"id": "three", "title": "Three", "why": "Because.", "supports": "b",
         "requires": [{"format": "har", "hint": "a HAR"}],
         "check": {"sql": "SELECT ts, end_ts, name AS text, dur AS value FROM v_slices WHERE track = 'http.requests'",
                   "fail_if": "rows > 0", "fail": "x", "pass": "y"}}]}],
      "criteria": [{"verdict": "a", "because": "one failed", "all": ["one"]},
                   {"verdict": "b", "because": "two or three", "any": ["two", "three"]}],
      "mitigations": [{"id": "m", "title": "M", "cost": 1, "for": ["a"]}]
    })json");
}

StepResult stepResult(const std::string &id, Verdict verdict)
{
    StepResult result;
    result.stepId = id;
    result.autoVerdict = verdict;
    result.summary = id + " " + verdictName(verdict);
    return result;
}

} // namespace

void TestPlaybook::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_emptyCase = m_dir.filePath(QStringLiteral("empty.perfcase"));
    m_traceCase = m_dir.filePath(QStringLiteral("trace.perfcase"));
    const QString recording = QStringLiteral(PERFCASE_FIXTURES) + QStringLiteral("/recording/");
    QString error;
    QVERIFY2(buildCase(m_emptyCase, {}, &error), qPrintable(error));
    QVERIFY2(buildCase(m_traceCase,
                       {{recording + QStringLiteral("table-lag.trace.json.gz")},
                        {recording + QStringLiteral("table-lag.har")}},
                       &error),
             qPrintable(error));
}

void TestPlaybook::loadErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    auto mutated = [](auto change) {
        nlohmann::json document = minimal();
        change(document);
        return QByteArray::fromStdString(document.dump());
    };
    QTest::newRow("not json") << QByteArray("{\"id\": ") << "demo.json@";
    QTest::newRow("missing title") << mutated([](auto &d) { d.erase("title"); }) << "title";
    QTest::newRow("bad step id") << mutated([](auto &d) {
        d["sections"][0]["steps"][0]["id"] = "Bad Id";
    }) << "sections[0].steps[0].id";
    QTest::newRow("check without fail text")
        << mutated([](auto &d) { d["sections"][0]["steps"][1]["check"].erase("fail"); })
        << "step 'two'";
    QTest::newRow("unknown hypothesis")
        << mutated([](auto &d) { d["sections"][0]["steps"][0]["supports"] = "c"; })
        << "step 'one': supports unknown hypothesis 'c'";
    QTest::newRow("check without requires")
        << mutated([](auto &d) { d["sections"][0]["steps"][2].erase("requires"); })
        << "step 'three': a check needs `requires`";
    QTest::newRow("duplicate step")
        << mutated([](auto &d) { d["sections"][0]["steps"][2]["id"] = "one"; })
        << "step 'one': the id is used twice";
    QTest::newRow("unknown mitigation")
        << mutated([](auto &d) { d["sections"][0]["steps"][0]["unlocks"] = {"nope"}; })
        << "unlocks unknown mitigation 'nope'";
    QTest::newRow("criterion unknown step")
        << mutated([](auto &d) { d["criteria"][0]["all"] = {"four"}; }) << "unknown step 'four'";
    QTest::newRow("criterion verdict")
        << mutated([](auto &d) { d["criteria"][0]["verdict"] = "zzz"; })
        << "the verdict is not one of the hypotheses";
    QTest::newRow("min_any too large")
        << mutated([](auto &d) { d["criteria"][1]["min_any"] = 3; }) << "min_any is larger";
    QTest::newRow("unknown field")
        << mutated([](auto &d) { d["sections"][0]["steps"][0]["chek"] = 1; }) << "step 'one'";
    QTest::newRow("query with an undeclared field") << mutated([](auto &d) {
        d["queries"] = {{{"id", "p95"}, {"title", "p95"}, {"promql", "up{job=\"{job}\"}"}}};
    }) << "query 'p95': uses {job}, which `parameters` does not declare";
    QTest::newRow("query used twice") << mutated([](auto &d) {
        d["queries"] = {{{"id", "up"}, {"title", "a"}, {"promql", "up"}},
                        {{"id", "up"}, {"title", "b"}, {"promql", "up"}}};
    }) << "query 'up': the id is used twice";
    QTest::newRow("query without promql") << mutated([](auto &d) {
        d["queries"] = {{{"id", "up"}, {"title", "a"}}};
    }) << "queries[0]";
    QTest::newRow("bad cost") << mutated([](auto &d) { d["mitigations"][0]["cost"] = 9; })
                              << "mitigations[0].cost";
}

void TestPlaybook::loadErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    try {
        PlaybookLoader::parse(json.toStdString(), "demo.json");
        QFAIL("the playbook loaded");
    } catch (const PlaybookError &error) {
        const QString text = QString::fromStdString(error.what());
        QVERIFY2(text.startsWith(QLatin1String("demo.json")), qPrintable(text));
        QVERIFY2(text.contains(message), qPrintable(text));
    }
}

void TestPlaybook::bundledPlaybooksCompile()
{
    PlaybookCatalog catalog(m_dir.filePath(QStringLiteral("no-user-playbooks")).toStdString());
    QVERIFY(catalog.find("import-lag"));
    QueryRunner runner(m_emptyCase.toStdString());
    for (const auto &playbook : catalog.playbooks()) {
        QVERIFY(playbook.builtin);
        for (const Step *step : playbook.steps()) {
            if (!step->hasCheck) continue;
            const std::string where = playbook.id + "/" + step->id;
            try {
                runner.prepare(PlaybookEngine::factsSql(step->check));
                runner.prepare("SELECT * FROM (" + step->check.sql + ") LIMIT 1");
            } catch (const std::exception &error) {
                QFAIL(qPrintable(QString::fromStdString(where + ": " + error.what())));
            }
        }
        for (const auto &question : playbook.questions) {
            if (question.sql.empty()) continue;
            try {
                runner.prepare(question.sql);
            } catch (const std::exception &error) {
                QFAIL(qPrintable(QString::fromStdString(playbook.id + " question " + question.id +
                                                        ": " + error.what())));
            }
        }
    }
}

void TestPlaybook::bundledPlaybooksUseKnownNames()
{
    // docs/case-file.md is the authority on track names and label keys
    // (DESIGN.md, Vocabulary): every one a playbook names must be there.
    QFile docs(QStringLiteral(PERFCASE_SOURCE_DIR "/docs/case-file.md"));
    QVERIFY(docs.open(QIODevice::ReadOnly));
    const QString vocabulary = QString::fromUtf8(docs.readAll());
    const QRegularExpression trackLiteral(QStringLiteral(
        R"((?:track|name)\s*(?:=|IN\s*\()\s*'([a-z0-9_]+\.[a-z0-9_]+)'|track_(?:count|overlap)\('([a-z0-9_.]+)')"));
    const QRegularExpression listItem(QStringLiteral(R"(,\s*'([a-z0-9_]+\.[a-z0-9_]+)')"));
    const QRegularExpression label(
        QStringLiteral(R"(json_extract\((?:\w+\.)?labels,\s*'\$\.(\w+)'\))"));
    PlaybookCatalog catalog(m_dir.filePath(QStringLiteral("no-user-playbooks")).toStdString());
    for (const auto &playbook : catalog.playbooks()) {
        for (const Step *step : playbook.steps()) {
            QStringList names;
            for (const auto &requirement : step->requires_)
                if (!requirement.track.empty()) names << QString::fromStdString(requirement.track);
            QString sql = QString::fromStdString(step->check.sql);
            for (const auto &[name, fact] : step->check.facts)
                sql += u' ' + QString::fromStdString(fact);
            for (auto it = trackLiteral.globalMatch(sql); it.hasNext();) {
                auto match = it.next();
                names << (match.captured(1).isEmpty() ? match.captured(2) : match.captured(1));
            }
            for (auto it = listItem.globalMatch(sql); it.hasNext();)
                names << it.next().captured(1);
            for (const QString &name : names)
                QVERIFY2(vocabulary.contains(u'`' + name + u'`'),
                         qPrintable(QStringLiteral("%1/%2: track %3 is not in docs/case-file.md")
                                        .arg(QString::fromStdString(playbook.id),
                                             QString::fromStdString(step->id), name)));
            for (auto it = label.globalMatch(sql); it.hasNext();) {
                const QString key = it.next().captured(1);
                QVERIFY2(vocabulary.contains(u'`' + key + u'`'),
                         qPrintable(QStringLiteral("%1/%2: label %3 is not in docs/case-file.md")
                                        .arg(QString::fromStdString(playbook.id),
                                             QString::fromStdString(step->id), key)));
            }
        }
    }
}

void TestPlaybook::emptyCaseIsInconclusive()
{
    PlaybookCatalog catalog(m_dir.filePath(QStringLiteral("no-user-playbooks")).toStdString());
    QueryRunner runner(m_emptyCase.toStdString());
    PlaybookEngine engine(runner);
    for (const auto &playbook : catalog.playbooks()) {
        PlaybookResult result = engine.run(playbook);
        QCOMPARE(result.decision.verdict, std::string("inconclusive"));
        QCOMPARE(result.decision.confidence, 0.0);
        for (const auto &step : result.steps) {
            QVERIFY2(step.verdict() == Verdict::Inconclusive,
                     qPrintable(QString::fromStdString(step.stepId)));
            if (playbook.step(step.stepId)->hasCheck) QVERIFY(!step.missing.empty());
            QVERIFY(step.error.empty());
        }
        QVERIFY(result.findings.empty());
    }
}

void TestPlaybook::textTemplate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("int") << "{n} rows"
                         << "12,345 rows";
    QTest::newRow("real") << "{r}"
                          << "3.14";
    QTest::newRow("ms") << "{ns:ms}"
                        << "1823 ms";
    QTest::newRow("small ms") << "{small:ms}"
                              << "2.5 ms";
    QTest::newRow("pct") << "{ratio:pct}"
                         << "53 %";
    QTest::newRow("small pct") << "{tiny:pct}"
                               << "4.2 %";
    QTest::newRow("bytes") << "{size:bytes}"
                           << "130 KiB";
    QTest::newRow("time") << "{at:time}"
                          << "2026-11-20T10:00:00.123Z";
    QTest::newRow("null") << "{none}"
                          << "n/a";
    QTest::newRow("unknown stays") << "{typo} x"
                                   << "{typo} x";
    QTest::newRow("text") << "{name}"
                          << "api-1";
}

void TestPlaybook::textTemplate()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    std::map<std::string, SqlValue> facts{
        {"n", std::int64_t(12345)}, {"r", 3.14159},
        {"ns", 1823456789.0},       {"small", 2500000.0},
        {"ratio", 0.5294},          {"tiny", 0.042},
        {"size", 133120.0},         {"at", std::int64_t(1795168800123456789)},
        {"none", std::monostate()}, {"name", std::string("api-1")}};
    QCOMPARE(QString::fromStdString(TextTemplate::render(text.toStdString(), facts)), expected);
}

void TestPlaybook::aggregates_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<double>("expected");
    const QString values = QStringLiteral("(VALUES (1),(2),(3),(4),(10))");
    QTest::newRow("median") << QString(QStringLiteral("SELECT percentile(column1, 50) FROM ") +
                                       values)
                            << 3.0;
    QTest::newRow("p95 interpolates")
        << QString(QStringLiteral("SELECT percentile(column1, 95) FROM ") + values) << 8.8;
    QTest::newRow("p0") << QString(QStringLiteral("SELECT percentile(column1, 0) FROM ") + values)
                        << 1.0;
    QTest::newRow("corr +1")
        << QString(QStringLiteral("SELECT corr(column1, column1 * 2 + 1) FROM ") + values) << 1.0;
    QTest::newRow("corr -1") << QString(QStringLiteral("SELECT corr(column1, -column1) FROM ") +
                                        values)
                             << -1.0;
    QTest::newRow("max_rate")
        << QStringLiteral("SELECT max_rate(column1, 1000000000) FROM (VALUES (0),(100),(200),"
                          "(999999999),(1000000000),(5000000000))")
        << 4.0;
    QTest::newRow("max_rate per 250 ms")
        << QStringLiteral("SELECT max_rate(column1, 250000000) FROM (VALUES (0),(1),(2))") << 12.0;
}

void TestPlaybook::aggregates()
{
    QFETCH(QString, sql);
    QFETCH(double, expected);
    QueryRunner runner(m_emptyCase.toStdString());
    Statement statement = runner.prepare(sql.toStdString());
    QVERIFY(statement.step());
    QVERIFY2(std::fabs(statement.real(0) - expected) < 1e-9,
             qPrintable(QString::number(statement.real(0), 'g', 12)));
}

void TestPlaybook::trackFunctionsAgreeWithPlainSql()
{
    QueryRunner runner(m_traceCase.toStdString());
    // For each long task: WebSocket messages in the 250 ms before it, by the
    // function and by a plain correlated subquery.
    Statement compare = runner.prepare(
        "SELECT count(*), sum(track_count('browser.websocket_messages', t.ts - 250000000, t.ts) = "
        "(SELECT count(*) FROM v_instants w WHERE w.track = 'browser.websocket_messages' AND "
        "w.ts BETWEEN t.ts - 250000000 AND t.ts)), sum(track_count('browser.websocket_messages', "
        "t.ts - 250000000, t.ts)) FROM v_slices t WHERE t.track = 'browser.long_tasks'");
    QVERIFY(compare.step());
    QVERIFY(compare.int64(0) > 10);
    QCOMPARE(compare.int64(1), compare.int64(0));
    QVERIFY(compare.int64(2) > 0); // the recording has messages right before long tasks
    // Long tasks on one thread do not overlap: the covered time of the whole
    // span is their total duration.
    Statement overlap = runner.prepare(
        "SELECT track_overlap('browser.long_tasks', min(ts), max(end_ts)), sum(dur), "
        "track_overlap('browser.long_tasks', max(end_ts), max(end_ts) + 1000) FROM v_slices "
        "WHERE track = 'browser.long_tasks'");
    QVERIFY(overlap.step());
    QCOMPARE(overlap.int64(0), overlap.int64(1));
    QCOMPARE(overlap.int64(2), std::int64_t(0));
    Statement windows = runner.prepare("SELECT count(*), min(slices) FROM v_lag_windows");
    QVERIFY(windows.step());
    QVERIFY(windows.int64(0) >= 1);
    QVERIFY(windows.int64(1) >= 2);
}

void TestPlaybook::overridesAndNotes()
{
    const QString path = m_dir.filePath(QStringLiteral("overrides.perfcase"));
    QVERIFY(QFile::copy(m_traceCase, path));
    PlaybookCatalog catalog(m_dir.filePath(QStringLiteral("no-user-playbooks")).toStdString());
    const Playbook *playbook = catalog.find("import-lag");
    auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadWrite);
    ChecklistStore store(file->db());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             store.setOverride("import-lag", "dom-size", "pass", "  ", "ana"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             store.setOverride("import-lag", "dom-size", "maybe", "why", "ana"));

    auto runOnce = [&] {
        QueryRunner runner(path.toStdString());
        return PlaybookEngine(runner).run(*playbook);
    };
    PlaybookResult before = runOnce();
    QCOMPARE(before.step("dom-size")->verdict(), Verdict::Fail);
    store.saveRun(before);
    store.setOverride("import-lag", "dom-size", "pass", "The grid is virtualized in prod.", "ana");
    PlaybookResult after = runOnce();
    const StepResult *step = after.step("dom-size");
    QCOMPARE(step->autoVerdict, Verdict::Fail);
    QCOMPARE(step->verdict(), Verdict::Pass);
    QCOMPARE(step->override->author, std::string("ana"));
    QCOMPARE(step->override->justification, std::string("The grid is virtualized in prod."));
    store.setOverride("import-lag", "dom-size", "auto", "Measured again.", "ben");
    QCOMPARE(runOnce().step("dom-size")->verdict(), Verdict::Fail);
    auto history = store.overrideHistory("import-lag");
    QCOMPARE(history.size(), std::size_t(2));
    QVERIFY(!history[0].handsBack);
    QVERIFY(history[1].handsBack);
    QCOMPARE(history[1].author, std::string("ben"));

    store.addNote("import-lag", "dom-size", "Checked with the React profiler.", "ana");
    auto notes = store.notes("import-lag");
    QCOMPARE(notes.size(), std::size_t(1));
    QCOMPARE(notes[0].step, std::string("dom-size"));
    // Saving a new run keeps overrides and notes; it replaces the automatic rows.
    store.saveRun(runOnce());
    QCOMPARE(store.overrideHistory("import-lag").size(), std::size_t(2));
    QCOMPARE(file->db().scalarInt("SELECT count(*) FROM checklist WHERE user_verdict IS NULL"),
             std::int64_t(playbook->steps().size()));
}

void TestPlaybook::decision_data()
{
    QTest::addColumn<QString>("one");
    QTest::addColumn<QString>("two");
    QTest::addColumn<QString>("three");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<double>("confidence");
    // confidence = (agreement/2 + purity/2) * (1/2 + coverage/2)
    QTest::newRow("a: all agree, all checked") << "fail"
                                               << "pass"
                                               << "pass"
                                               << "a" << 1.0;
    QTest::newRow("a against b") << "fail"
                                 << "fail"
                                 << "pass"
                                 << "a" << 0.75;
    QTest::newRow("b with one unchecked") << "pass"
                                          << "fail"
                                          << "inconclusive"
                                          << "b" << 0.83;
    QTest::newRow("nothing holds") << "pass"
                                   << "pass"
                                   << "pass"
                                   << "inconclusive" << 0.0;
    QTest::newRow("no data") << "inconclusive"
                             << "inconclusive"
                             << "inconclusive"
                             << "inconclusive" << 0.0;
}

void TestPlaybook::decision()
{
    QFETCH(QString, one);
    QFETCH(QString, two);
    QFETCH(QString, three);
    QFETCH(QString, verdict);
    QFETCH(double, confidence);
    Playbook playbook = PlaybookLoader::parse(minimal().dump(), "demo.json");
    PlaybookResult result;
    result.steps = {stepResult("one", *parseVerdict(one.toStdString())),
                    stepResult("two", *parseVerdict(two.toStdString())),
                    stepResult("three", *parseVerdict(three.toStdString()))};
    Decision decision = DecisionMaker::decide(playbook, result);
    QCOMPARE(QString::fromStdString(decision.verdict), verdict);
    QCOMPARE(decision.confidence, confidence);
    if (verdict != QLatin1String("inconclusive")) {
        // The reasoning cites the failing steps' own texts, nothing else.
        for (const auto &step : result.steps)
            if (step.autoVerdict == Verdict::Fail &&
                playbook.step(step.stepId)->supports == verdict.toStdString())
                QVERIFY(decision.reasoning.find(step.summary) != std::string::npos);
    }
}

void TestPlaybook::userPlaybookShadowsBundled()
{
    QTemporaryDir user;
    nlohmann::json document = minimal();
    document["id"] = "import-lag";
    document["title"] = "Mine";
    QFile mine(user.filePath(QStringLiteral("mine.json")));
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.write(QByteArray::fromStdString(document.dump()));
    mine.close();
    QFile broken(user.filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{");
    broken.close();
    PlaybookCatalog catalog(user.path().toStdString());
    QCOMPARE(catalog.find("import-lag")->title, std::string("Mine"));
    QVERIFY(!catalog.find("import-lag")->builtin);
    QCOMPARE(catalog.problems().size(), std::size_t(1));
    QVERIFY(QString::fromStdString(catalog.problems()[0]).contains(QLatin1String("broken.json")));

    // check and report say why a playbook of the user's was not loaded,
    // whether it is the one asked for or not.
    QTemporaryDir config;
    QVERIFY(QDir().mkpath(config.filePath(QStringLiteral("perfcase/playbooks"))));
    QVERIFY(QFile::copy(broken.fileName(),
                        config.filePath(QStringLiteral("perfcase/playbooks/broken.json"))));
    const QByteArray before = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    const CliResult unknown = runPerfcase({QStringLiteral("check"), m_emptyCase,
                                           QStringLiteral("--playbook"), QStringLiteral("broken")});
    const CliResult other = runPerfcase({QStringLiteral("check"), m_emptyCase,
                                         QStringLiteral("--playbook"), QStringLiteral("import-lag"),
                                         QStringLiteral("--no-save")});
    qputenv("XDG_CONFIG_HOME", before);
    QCOMPARE(unknown.exitCode, 2);
    for (const CliResult &result : {unknown, other}) {
        QVERIFY2(result.err.contains("perfcase: warning: ") && result.err.contains("broken.json"),
                 result.err.constData());
    }
    QVERIFY(unknown.err.contains("unknown playbook broken"));
    QCOMPARE(other.exitCode, 0);
}

QTEST_GUILESS_MAIN(TestPlaybook)
#include "tst_playbook.moc"
