// The command-line contract (CLI.md): exit codes, messages and --json shapes,
// checked on the real binary.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run perfcase(const QStringList &arguments, const QProcessEnvironment &environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(QStringLiteral(PERFCASE_BINARY), arguments);
    if (!process.waitForFinished(120'000))
        qFatal("perfcase did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QString corpus(const char *relative)
{
    return QStringLiteral(PERFCASE_CORPUS "/") + QString::fromUtf8(relative);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_userFormatRuns = 0;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString freshCase(const QString &name)
    {
        const QString file = path(name);
        Run run = perfcase({QStringLiteral("new"), file, QStringLiteral("--title"), QStringLiteral("CLI test")});
        if (run.exitCode != 0)
            qFatal("new failed: %s", run.err.constData());
        return file;
    }

private Q_SLOTS:
    void version()
    {
        Run run = perfcase({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^perfcase \\d+\\.\\d+\\.\\d+ \\(case schema 1\\)\\n$"))
                     .match(QString::fromUtf8(run.out))
                     .hasMatch(),
                 run.out.constData());
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments"); // CASE, FILE, NOTHING expand below
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrPart");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << 2 << QStringLiteral("unknown option");
        QTest::newRow("mistyped command") << QStringList{QStringLiteral("improt"), QStringLiteral("CASE"), QStringLiteral("FILE")} << 2 << QStringLiteral("unknown command \"improt\"");
        QTest::newRow("import: missing args") << QStringList{QStringLiteral("import"), QStringLiteral("CASE")} << 2 << QStringLiteral("missing arguments");
        QTest::newRow("import: unknown option") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"), QStringLiteral("FILE"), QStringLiteral("--bogus")} << 2 << QStringLiteral("bogus");
        QTest::newRow("import: unknown format id") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"), QStringLiteral("FILE"), QStringLiteral("--format"), QStringLiteral("nope")} << 2 << QStringLiteral("unknown format");
        QTest::newRow("import: bad tz") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"), QStringLiteral("FILE"), QStringLiteral("--tz"), QStringLiteral("Mars/Olympus")} << 2 << QStringLiteral("unknown time zone");
        QTest::newRow("import: --name with two files") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"), QStringLiteral("FILE"), QStringLiteral("FILE"), QStringLiteral("--name"), QStringLiteral("x")} << 2 << QStringLiteral("--name");
        QTest::newRow("import: bad --at") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"), QStringLiteral("FILE"), QStringLiteral("--at"), QStringLiteral("teatime")} << 2 << QStringLiteral("--at");
        QTest::newRow("import: missing case") << QStringList{QStringLiteral("import"), QStringLiteral("NOCASE"), QStringLiteral("FILE")} << 4 << QStringLiteral("no such case file");
        QTest::newRow("import: missing file") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"), QStringLiteral("NOTHING")} << 3 << QStringLiteral("no such file");
        QTest::newRow("import: unknown format file") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"), QStringLiteral("UNKNOWN")} << 3 << QStringLiteral("unrecognized format");
        QTest::newRow("import: folder with nothing importable") << QStringList{QStringLiteral("import"), QStringLiteral("CASE"), QStringLiteral("EMPTYDIR")} << 3 << QStringLiteral("nothing importable");
        QTest::newRow("import: into a foreign file") << QStringList{QStringLiteral("import"), QStringLiteral("FOREIGN"), QStringLiteral("FILE")} << 4 << QStringLiteral("not a case file");
        QTest::newRow("info: foreign file") << QStringList{QStringLiteral("info"), QStringLiteral("FOREIGN")} << 4 << QStringLiteral("not a case file");
        QTest::newRow("info: missing") << QStringList{QStringLiteral("info"), QStringLiteral("NOCASE")} << 4 << QStringLiteral("no such case file");
        QTest::newRow("new: exists") << QStringList{QStringLiteral("new"), QStringLiteral("CASE")} << 4 << QStringLiteral("exists already");
        QTest::newRow("query: writes") << QStringList{QStringLiteral("query"), QStringLiteral("CASE"), QStringLiteral("DELETE FROM v_logs")} << 2 << QStringLiteral("cannot modify v_logs");
        QTest::newRow("query: writes a table") << QStringList{QStringLiteral("query"), QStringLiteral("CASE"), QStringLiteral("INSERT INTO meta(key) VALUES('x')")} << 2 << QStringLiteral("read-only");
        QTest::newRow("query: base table") << QStringList{QStringLiteral("query"), QStringLiteral("CASE"), QStringLiteral("SELECT * FROM logs")} << 2 << QStringLiteral("public v_* views");
        QTest::newRow("query: syntax") << QStringList{QStringLiteral("query"), QStringLiteral("CASE"), QStringLiteral("SELEKT 1")} << 2 << QStringLiteral("syntax error");
        QTest::newRow("query: two statements") << QStringList{QStringLiteral("query"), QStringLiteral("CASE"), QStringLiteral("SELECT 1; SELECT 2")} << 2 << QStringLiteral("one statement");
        QTest::newRow("query: runtime error") << QStringList{QStringLiteral("query"), QStringLiteral("CASE"), QStringLiteral("SELECT 'a' REGEXP '('")} << 5 << QStringLiteral("invalid regular expression");
    }
    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrPart);
        static const QString casePath = freshCase(QStringLiteral("codes.perfcase"));
        const QString unknown = path(QStringLiteral("unknown.txt"));
        writeFile(unknown, "just some words\nwithout any time\n");
        const QString foreign = path(QStringLiteral("foreign.db"));
        if (!QFile::exists(foreign)) {
            QProcess sqlite;
            sqlite.start(QStringLiteral("sqlite3"), {foreign, QStringLiteral("CREATE TABLE t(x);")});
            QVERIFY(sqlite.waitForFinished());
        }
        QDir(m_dir.path()).mkpath(QStringLiteral("emptydir/sub"));
        writeFile(path(QStringLiteral("emptydir/sub/notes.txt")), "no timestamps here\n");
        for (QString &argument : arguments) {
            if (argument == QLatin1String("CASE"))
                argument = casePath;
            else if (argument == QLatin1String("NOCASE"))
                argument = path(QStringLiteral("missing.perfcase"));
            else if (argument == QLatin1String("FILE"))
                argument = corpus("nginx_access/combined_small.log");
            else if (argument == QLatin1String("NOTHING"))
                argument = path(QStringLiteral("does-not-exist.log"));
            else if (argument == QLatin1String("UNKNOWN"))
                argument = unknown;
            else if (argument == QLatin1String("EMPTYDIR"))
                argument = path(QStringLiteral("emptydir"));
            else if (argument == QLatin1String("FOREIGN"))
                argument = foreign;
        }
        Run run = perfcase(arguments);
        QVERIFY2(run.exitCode == exitCode, run.err.constData());
        QVERIFY2(QString::fromUtf8(run.err).contains(stderrPart), run.err.constData());
        QVERIFY2(run.err.startsWith("perfcase: "), run.err.constData());
    }

    // A log format of the user's own (docs/formats.md): a good one imports
    // its files; a broken one is named where a file it should have read is
    // turned away, with where to see the others.
    void userLogFormats_data()
    {
        const QByteArray good = R"({
  "id": "pay-gateway",
  "priority": 50,
  "patterns": [{"regex": "^PAY\\|(?<ts>\\d{8}-\\d{6}\\.\\d{3})\\|(?<level>[DIWE])\\|(?<msg>.*)$",
                "time": "%Y%m%d-%H%M%S.%f"}],
  "samples": [{"line": "PAY|20261120-100001.250|I|charge ok", "ts": "2026-11-20T10:00:01.250Z", "level": "info"}]
})";
        QByteArray staleSample = good;
        staleSample.replace("10:00:01.250Z", "10:00:09.000Z");
        QTest::addColumn<QByteArray>("definition");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("stderrParts");
        QTest::newRow("good") << good << QStringList() << 0 << QStringList();
        QTest::newRow("not JSON, detected")
            << QByteArray("{\"id\": \"pay-gateway\",") << QStringList() << 3
            << QStringList{QStringLiteral("unrecognized format"), QStringLiteral("pay-gateway.json"), QStringLiteral("not valid JSON"),
                           QStringLiteral("perfcase formats")};
        QTest::newRow("good, --format") << good << QStringList{QStringLiteral("--format"), QStringLiteral("pay-gateway")} << 0 << QStringList();
        QTest::newRow("a sample that disagrees, --format")
            << staleSample << QStringList{QStringLiteral("--format"), QStringLiteral("pay-gateway")} << 2
            << QStringList{QStringLiteral("unknown format \"pay-gateway\""), QStringLiteral("pay-gateway.json"),
                           QStringLiteral("sample"), QStringLiteral("perfcase formats")};
    }
    void userLogFormats()
    {
        QFETCH(QByteArray, definition);
        QFETCH(QStringList, options);
        QFETCH(int, exitCode);
        QFETCH(QStringList, stderrParts);
        QTemporaryDir config;
        QVERIFY(QDir(config.path()).mkpath(QStringLiteral("perfcase/formats")));
        writeFile(config.filePath(QStringLiteral("perfcase/formats/pay-gateway.json")), definition);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        const QString log = path(QStringLiteral("gateway.log"));
        writeFile(log, "PAY|20261120-100001.250|I|charge ok order=8812\n"
                       "PAY|20261120-100002.913|E|upstream 502 from acquirer\n"
                       "PAY|20261120-100003.001|W|retrying\n");
        const QString casePath =
            freshCase(QStringLiteral("user-format-%1.perfcase").arg(++m_userFormatRuns));
        const Run run = perfcase(QStringList{QStringLiteral("import"), casePath, log} + options,
                                 environment);
        QVERIFY2(run.exitCode == exitCode, run.err.constData());
        for (const QString &part : stderrParts)
            QVERIFY2(QString::fromUtf8(run.err).contains(part), run.err.constData());
        const Run query = perfcase({QStringLiteral("query"), casePath,
                                    QStringLiteral("SELECT count(*) || ' ' || count(CASE WHEN "
                                                   "level = 'error' THEN 1 END) AS n FROM v_logs")});
        QCOMPARE(query.out.trimmed().split('\n').last(),
                 exitCode == 0 ? QByteArray("3 1") : QByteArray("0 0"));
    }

    void importJsonLines()
    {
        const QString casePath = freshCase(QStringLiteral("json.perfcase"));
        const QString unknown = path(QStringLiteral("folder/readme.txt"));
        QDir(m_dir.path()).mkpath(QStringLiteral("folder/logs"));
        writeFile(unknown, "hello\n");
        QVERIFY(QFile::copy(corpus("nginx_access/combined_small.log"), path(QStringLiteral("folder/logs/access.log"))));
        Run run = perfcase({QStringLiteral("import"), casePath, path(QStringLiteral("folder")), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("perfcase: skipped: ") && run.err.contains("readme.txt: unrecognized format"), run.err.constData());
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2); // in byte order: logs/access.log, readme.txt
        QJsonObject imported = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(imported.value(QStringLiteral("status")).toString(), QStringLiteral("imported"));
        QCOMPARE(imported.value(QStringLiteral("format")).toString(), QStringLiteral("access-combined"));
        QCOMPARE(imported.value(QStringLiteral("kind")).toString(), QStringLiteral("log"));
        QCOMPARE(imported.value(QStringLiteral("state")).toString(), QStringLiteral("complete"));
        QCOMPARE(imported.value(QStringLiteral("compression")).toString(), QStringLiteral("none"));
        QCOMPARE(imported.value(QStringLiteral("records")).toInt(), 3);
        QCOMPARE(imported.value(QStringLiteral("rejected")).toInt(), 0);
        QCOMPARE(imported.value(QStringLiteral("bytes")).toInt(), 351);
        QCOMPARE(imported.value(QStringLiteral("first_ts")).toString(), QStringLiteral("2009-07-20T22:59:26Z"));
        QCOMPARE(imported.value(QStringLiteral("first_ts_ns")).toInteger(), qint64(1'248'130'766) * 1'000'000'000);
        QCOMPARE(imported.value(QStringLiteral("last_ts")).toString(), QStringLiteral("2009-07-20T22:59:29Z"));
        QVERIFY(imported.value(QStringLiteral("error")).isNull());
        QVERIFY(imported.value(QStringLiteral("seconds")).toDouble() >= imported.value(QStringLiteral("rows_seconds")).toDouble());
        for (const char *key : {"path", "source_id", "ignored", "last_ts_ns"})
            QVERIFY2(imported.contains(QLatin1String(key)), key);
        QJsonObject skipped = QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(skipped.value(QStringLiteral("status")).toString(), QStringLiteral("skipped"));
        QVERIFY(skipped.value(QStringLiteral("source_id")).isNull());

        // The same bytes again: a duplicate of the first source, exit 0.
        Run again = perfcase({QStringLiteral("import"), casePath, corpus("nginx_access/combined_small.log"), QStringLiteral("--json")});
        QCOMPARE(again.exitCode, 0);
        QJsonObject duplicate = QJsonDocument::fromJson(again.out.trimmed()).object();
        QCOMPARE(duplicate.value(QStringLiteral("status")).toString(), QStringLiteral("duplicate"));
        QCOMPARE(duplicate.value(QStringLiteral("source_id")).toInt(), imported.value(QStringLiteral("source_id")).toInt());

        // info --json has the shape CLI.md promises.
        Run info = perfcase({QStringLiteral("info"), casePath, QStringLiteral("--json")});
        QCOMPARE(info.exitCode, 0);
        QJsonObject root = QJsonDocument::fromJson(info.out).object();
        QCOMPARE(root.value(QStringLiteral("schema_version")).toInt(), 1);
        QCOMPARE(root.value(QStringLiteral("title")).toString(), QStringLiteral("CLI test"));
        QCOMPARE(root.value(QStringLiteral("case_uuid")).toString().size(), 36);
        QCOMPARE(root.value(QStringLiteral("first_ts")).toString(), QStringLiteral("2009-07-20T22:59:26Z"));
        const QJsonArray sources = root.value(QStringLiteral("sources")).toArray();
        QCOMPARE(sources.size(), 1);
        QJsonObject source = sources.at(0).toObject();
        QCOMPARE(source.value(QStringLiteral("name")).toString(), QStringLiteral("logs/access.log"));
        QCOMPARE(source.value(QStringLiteral("tz")).toString(), QStringLiteral("UTC"));
        QCOMPARE(source.value(QStringLiteral("time_source")).toString(), QStringLiteral("data"));
        QCOMPARE(source.value(QStringLiteral("clock_domain")).toString(), QStringLiteral("wall"));
        QCOMPARE(source.value(QStringLiteral("clock_origin")).toString(), QStringLiteral("none"));
        QCOMPARE(source.value(QStringLiteral("sha256")).toString().size(), 64);
        for (const char *key : {"id", "kind", "format", "compression", "records", "rejected", "ignored", "bytes",
                                "state", "first_ts", "first_ts_ns", "last_ts", "clock_offset_ns",
                                "clock_residual_ns", "origin", "imported_at"})
            QVERIFY2(source.contains(QLatin1String(key)), key);
        const QJsonArray tracks = root.value(QStringLiteral("tracks")).toArray();
        // The log lines, and the requests they record (for clock anchors).
        QCOMPARE(tracks.size(), 2);
        QCOMPARE(tracks.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("log"));
        QCOMPARE(tracks.at(0).toObject().value(QStringLiteral("count")).toInt(), 3);
        QVERIFY(tracks.at(0).toObject().value(QStringLiteral("labels")).isObject());
        QCOMPARE(tracks.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("slice"));
        QCOMPARE(tracks.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("http.requests"));
        QCOMPARE(tracks.at(1).toObject().value(QStringLiteral("count")).toInt(), 3);
        QVERIFY(root.value(QStringLiteral("errors")).isArray());
    }

    void importReportsRejectedLines()
    {
        const QString casePath = freshCase(QStringLiteral("rejects.perfcase"));
        const QString log = path(QStringLiteral("app.log"));
        writeFile(log, "orphan line before any time\n"
                       "2026-11-20T10:00:00.000001Z INFO start\n"
                       "2026-11-20T10:00:01Z ERROR boom\n"
                       "  at frame 1\n");
        Run run = perfcase({QStringLiteral("import"), casePath, log, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonObject line = QJsonDocument::fromJson(run.out.trimmed()).object();
        QCOMPARE(line.value(QStringLiteral("records")).toInt(), 2);
        QCOMPARE(line.value(QStringLiteral("rejected")).toInt(), 1);
        QCOMPARE(line.value(QStringLiteral("first_ts")).toString(), QStringLiteral("2026-11-20T10:00:00.000001Z"));
        Run info = perfcase({QStringLiteral("info"), casePath, QStringLiteral("--json")});
        QJsonArray errors = QJsonDocument::fromJson(info.out).object().value(QStringLiteral("errors")).toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).toObject().value(QStringLiteral("line")).toInt(), 1);
        QCOMPARE(errors.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("error"));
        QCOMPARE(errors.at(0).toObject().value(QStringLiteral("excerpt")).toString(), QStringLiteral("orphan line before any time"));

        // The stack-trace line belongs to the ERROR record.
        Run query = perfcase({QStringLiteral("query"), casePath,
                              QStringLiteral("SELECT level, message FROM v_logs ORDER BY ts"), QStringLiteral("--json")});
        QCOMPARE(query.exitCode, 0);
        QJsonObject table = QJsonDocument::fromJson(query.out).object();
        QCOMPARE(table.value(QStringLiteral("columns")).toArray(), QJsonArray({QStringLiteral("level"), QStringLiteral("message")}));
        QJsonArray rows = table.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(1).toArray().at(0).toString(), QStringLiteral("error"));
        QCOMPARE(rows.at(1).toArray().at(1).toString(), QStringLiteral("ERROR boom\n  at frame 1"));
    }

    void queryCsv()
    {
        const QString casePath = freshCase(QStringLiteral("csv.perfcase"));
        QCOMPARE(perfcase({QStringLiteral("import"), casePath, corpus("nginx_access/combined_small.log")}).exitCode, 0);
        Run run = perfcase({QStringLiteral("query"), casePath,
                            QStringLiteral("SELECT rfc3339(ts) AS t, level, 'a,\"b' AS quoted, NULL AS empty "
                                           "FROM v_logs ORDER BY ts LIMIT 2")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("t,level,quoted,empty\n"
                                     "2009-07-20T22:59:26Z,info,\"a,\"\"b\",\n"
                                     "2009-07-20T22:59:29Z,warning,\"a,\"\"b\",\n"));
    }

    void searchThroughPublicView()
    {
        const QString casePath = freshCase(QStringLiteral("search.perfcase"));
        QCOMPARE(perfcase({QStringLiteral("import"), casePath, corpus("nginx_access/elastic_examples_apache_combined_10k.log")}).exitCode, 0);
        Run run = perfcase({QStringLiteral("query"), casePath,
                            QStringLiteral("SELECT count(*) FROM v_log_search WHERE message MATCH '\"kibana-dashboard3.png\"'")});
        QCOMPARE(run.exitCode, 0);
        // Independent count: grep -c 'kibana-dashboard3.png' on the file.
        QProcess grep;
        grep.start(QStringLiteral("grep"), {QStringLiteral("-c"), QStringLiteral("kibana-dashboard3.png"),
                                            corpus("nginx_access/elastic_examples_apache_combined_10k.log")});
        QVERIFY(grep.waitForFinished());
        QCOMPARE(run.out.split('\n').value(1).trimmed(), grep.readAllStandardOutput().trimmed());
    }

    // perfcase remove CASE SOURCE_ID...: all or nothing, and what was
    // removed is gone from the tables and from the full-text index.
    void removeSources_data()
    {
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("sourcesLeft");
        QTest::addColumn<QString>("said"); // in stdout (0) or stderr
        QTest::newRow("one") << QStringList{QStringLiteral("1")} << 0 << 1
                             << QStringLiteral("removed source #1 (elastic_examples");
        QTest::newRow("both") << QStringList{QStringLiteral("1"), QStringLiteral("2")} << 0 << 0
                              << QStringLiteral("removed source #2 (haproxy.log)");
        QTest::newRow("one unknown: none removed")
            << QStringList{QStringLiteral("1"), QStringLiteral("9")} << 2 << 2
            << QStringLiteral("the case has no source #9; nothing was removed");
        QTest::newRow("not a number") << QStringList{QStringLiteral("x1")} << 2 << 2
                                      << QStringLiteral("x1 is not a source id");
        QTest::newRow("no id") << QStringList{} << 2 << 2 << QStringLiteral("usage:");
    }
    void removeSources()
    {
        QFETCH(QStringList, ids);
        QFETCH(int, exitCode);
        QFETCH(int, sourcesLeft);
        QFETCH(QString, said);
        const QString casePath = freshCase(QStringLiteral("remove-%1.perfcase")
                                               .arg(QString::fromLatin1(QTest::currentDataTag()))
                                               .replace(QLatin1Char(' '), QLatin1Char('-')));
        QCOMPARE(perfcase({QStringLiteral("import"), casePath,
                           corpus("nginx_access/elastic_examples_apache_combined_10k.log"),
                           corpus("app_logs/haproxy.log")})
                     .exitCode,
                 0);
        const Run run = perfcase(QStringList{QStringLiteral("remove"), casePath} + ids);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2((exitCode == 0 ? run.out : run.err).contains(said.toUtf8()),
                 QByteArray(run.out + run.err).constData());
        auto count = [&](const char *sql) {
            const Run query =
                perfcase({QStringLiteral("query"), casePath, QString::fromLatin1(sql)});
            return query.out.split('\n').value(1).trimmed().toInt();
        };
        QCOMPARE(count("SELECT count(*) FROM v_sources"), sourcesLeft);
        const bool nginxGone = exitCode == 0;
        QCOMPARE(count("SELECT count(*) FROM v_log_search WHERE message MATCH "
                       "'\"kibana-dashboard3.png\"'") == 0,
                 nginxGone);
        QCOMPARE(count("SELECT count(*) FROM v_logs WHERE source LIKE 'elastic%'") == 0, nginxGone);
    }

    void snapshotsAtDifferentTimesAreNotDuplicates()
    {
        // The same HPA bytes saved at two times (stamps in the names) are two
        // samples; the same file again is a duplicate.
        const QString casePath = freshCase(QStringLiteral("snapshots.perfcase"));
        const QString fixture = QStringLiteral(PERFCASE_FIXTURES "/k8s/hpa_v2_list_20261120T101500Z.json");
        const QString first = path(QStringLiteral("hpa-20261120T101500Z.json"));
        const QString second = path(QStringLiteral("hpa-20261120T102000Z.json"));
        QVERIFY(QFile::copy(fixture, first));
        QVERIFY(QFile::copy(fixture, second));
        Run run = perfcase({QStringLiteral("import"), casePath, first, second, first, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QStringList statuses;
        for (const QByteArray &line : lines)
            statuses << QJsonDocument::fromJson(line).object().value(QStringLiteral("status")).toString();
        QCOMPARE(statuses, (QStringList{QStringLiteral("imported"), QStringLiteral("imported"), QStringLiteral("duplicate")}));
        Run query = perfcase({QStringLiteral("query"), casePath,
                              QStringLiteral("SELECT count(DISTINCT ts) FROM v_counters WHERE track = 'hpa.current_replicas'")});
        QCOMPARE(query.out.split('\n').value(1).trimmed(), QByteArray("2"));
    }

    // The window's way in (no command, or a case to open) needs a display.
    void noDisplayExitsSix_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no argument") << QStringList();
        QTest::newRow("a case, even a missing one") << QStringList{QStringLiteral("gone.perfcase")};
    }
    void noDisplayExitsSix()
    {
        QFETCH(QStringList, arguments);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        Run run = perfcase(arguments, environment);
        QCOMPARE(run.exitCode, 6);
        QVERIFY(run.err.contains("no display"));
        QCOMPARE(run.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
