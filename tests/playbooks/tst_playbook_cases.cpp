// Every scenario case in the fixtures (resources/scenarios/*/case.json,
// tests/fixtures/playbook-cases/*/case.json) is built with the real CLI from
// its recorded files, checked with its playbook, and compared with what the
// case says: the decision, step verdicts, and facts — the numbers taken from
// the case's independent expected.json where it has one.
#include "CliRunner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

class TestPlaybookCases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scenario_data();
    void scenario();
};

namespace {

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// "key.dom_nodes_max" in expected.json.
QJsonValue lookup(const QJsonObject &root, const QString &dotted)
{
    QJsonValue node = root;
    for (const QString &part : dotted.split(u'.'))
        node = node.toObject().value(part);
    return node;
}

} // namespace

void TestPlaybookCases::scenario_data()
{
    QTest::addColumn<QString>("folder");
    int cases = 0;
    for (const char *root : {PERFCASE_SCENARIOS, PERFCASE_FIXTURES "/playbook-cases"}) {
        QDir dir(QString::fromUtf8(root));
        for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            if (!QFile::exists(dir.filePath(name + QStringLiteral("/case.json")))) continue;
            QTest::newRow(qPrintable(dir.dirName() + u'/' + name)) << dir.filePath(name);
            ++cases;
        }
    }
    QVERIFY2(cases >= 3, "the scenario fixtures are missing");
}

void TestPlaybookCases::scenario()
{
    QFETCH(QString, folder);
    const QJsonObject spec = readJson(folder + QStringLiteral("/case.json"));
    const QJsonObject expected = readJson(folder + QStringLiteral("/expected.json"));
    const QString corpus = QStringLiteral(PERFCASE_CORPUS);
    QTemporaryDir dir;
    const QString casePath = dir.filePath(QStringLiteral("case.perfcase"));

    QList<QStringList> imports;
    for (const QJsonValue &item : spec.value(QStringLiteral("imports")).toArray()) {
        const QJsonObject import = item.toObject();
        QString path = import.contains(QStringLiteral("corpus"))
                           ? corpus + u'/' + import.value(QStringLiteral("corpus")).toString()
                           : folder + u'/' + import.value(QStringLiteral("path")).toString();
        QStringList arguments{path};
        for (const QJsonValue &arg : import.value(QStringLiteral("args")).toArray())
            arguments << arg.toString();
        imports << arguments;
    }
    if (imports.isEmpty()) imports << QStringList{folder}; // the whole folder, as a user drops it
    QString error;
    QVERIFY2(buildCase(casePath, imports, &error), qPrintable(error));

    const QString playbook = spec.value(QStringLiteral("playbook")).toString();
    CliResult check =
        runPerfcase({QStringLiteral("check"), casePath, QStringLiteral("--playbook"), playbook,
                     QStringLiteral("--json"), QStringLiteral("--no-save")});
    QCOMPARE(check.exitCode, 0);
    const QJsonObject result = QJsonDocument::fromJson(check.out).object();
    const QJsonObject expect = spec.value(QStringLiteral("expect")).toObject();
    const QJsonObject decision = result.value(QStringLiteral("decision")).toObject();
    QCOMPARE(decision.value(QStringLiteral("verdict")).toString(),
             expect.value(QStringLiteral("decision")).toString());
    if (expect.contains(QStringLiteral("min_confidence")))
        QVERIFY(decision.value(QStringLiteral("confidence")).toDouble() >=
                expect.value(QStringLiteral("min_confidence")).toDouble());

    QHash<QString, QJsonObject> steps;
    for (const QJsonValue &step : result.value(QStringLiteral("steps")).toArray())
        steps.insert(step.toObject().value(QStringLiteral("id")).toString(), step.toObject());
    const QJsonObject verdicts = expect.value(QStringLiteral("steps")).toObject();
    for (auto it = verdicts.begin(); it != verdicts.end(); ++it) {
        QVERIFY2(steps.contains(it.key()), qPrintable(u"no step "_qs + it.key()));
        QCOMPARE(steps[it.key()].value(QStringLiteral("verdict")).toString() + u' ' + it.key(),
                 it.value().toString() + u' ' + it.key());
        if (it.value().toString() == QLatin1String("inconclusive") &&
            !steps[it.key()].value(QStringLiteral("missing")).toArray().isEmpty())
            QVERIFY(!steps[it.key()].value(QStringLiteral("summary")).toString().isEmpty());
    }

    // Facts: "step.fact": number, or {"expected": "key.x", "scale": 0.01, "tolerance": 1}.
    const QJsonObject facts = expect.value(QStringLiteral("facts")).toObject();
    for (auto it = facts.begin(); it != facts.end(); ++it) {
        const QStringList parts = it.key().split(u'.');
        QCOMPARE(parts.size(), 2);
        double want = 0, tolerance = 1e-6;
        if (it.value().isObject()) {
            const QJsonObject ref = it.value().toObject();
            QJsonValue value = lookup(expected, ref.value(QStringLiteral("expected")).toString());
            QVERIFY2(value.isDouble(),
                     qPrintable(u"expected.json lacks "_qs +
                                ref.value(QStringLiteral("expected")).toString()));
            want = value.toDouble() * ref.value(QStringLiteral("scale")).toDouble(1.0);
            tolerance = ref.value(QStringLiteral("tolerance")).toDouble(1e-6);
        } else {
            want = it.value().toDouble();
        }
        QVERIFY2(steps.contains(parts[0]), qPrintable(parts[0]));
        const QJsonValue fact =
            steps[parts[0]].value(QStringLiteral("facts")).toObject().value(parts[1]);
        QVERIFY2(fact.isDouble(), qPrintable(it.key() + u" is not a number"_qs));
        const double got = fact.toDouble();
        QVERIFY2(
            std::fabs(got - want) <= tolerance,
            qPrintable(QStringLiteral("%1: %2, expected %3").arg(it.key()).arg(got).arg(want)));
    }
}

QTEST_GUILESS_MAIN(TestPlaybookCases)
#include "tst_playbook_cases.moc"
