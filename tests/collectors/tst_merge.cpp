// `perfcase merge` (core/share/CaseMerger) over cases filled by the real
// importers. The teammate's case starts as a copy of ours (they received our
// file), then gains sources, an annotation, a note, an override and a clock
// change; merging it back must bring exactly those, whole (rows, full-text
// index, derived levels, templates) and nothing twice.
#include "CaseFile.h"
#include "ClockAligner.h"
#include "ImportTestSupport.h"
#include "import/FileImporter.h"
#include "import/ImporterRegistry.h"
#include "playbook/ChecklistStore.h"
#include "share/CaseExporter.h"
#include "share/CaseMerger.h"
#include "sqlite/Statement.h"
#include "timeline/AnnotationStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace perfcase;

namespace {

void import(CaseFile &file, const QString &path)
{
    const ImporterRegistry importers;
    FileImporter importer(file, importers);
    CancelToken token;
    const ImportOutcome outcome =
        importer.import(path.toStdString(), QFileInfo(path).fileName().toStdString(), {}, token);
    QVERIFY2(outcome.status == ImportOutcome::Status::Imported, outcome.error.c_str());
}

std::int64_t scalar(CaseFile &file, const std::string &sql)
{
    return file.db().scalarInt(sql);
}

// Every row a source owns, in id order, with ids replaced by what they point
// at: equal digests mean the source arrived whole and its references hold.
QByteArray digestOfSource(CaseFile &file, const std::string &sourceUuid)
{
    const std::string bySource = "(SELECT id FROM sources WHERE uuid = ?1)";
    const std::string byTrack = "(SELECT id FROM tracks WHERE source_id = " + bySource + ")";
    const std::string queries[] = {
        "SELECT kind, name, format, sha256, records, first_raw_ns, last_raw_ns, clock_offset_ns "
        "FROM sources WHERE uuid = ?1",
        "SELECT kind, name, unit, labels, row_count FROM tracks WHERE source_id = " + bySource +
            " ORDER BY id",
        "SELECT t.name, l.ts, l.level, l.message, l.line, p.pattern FROM logs l JOIN tracks t ON "
        "t.id = l.track_id LEFT JOIN log_templates p ON p.id = l.template_id WHERE l.track_id IN " +
            byTrack + " ORDER BY l.id",
        "SELECT t.name, s.ts, s.dur, s.name, s.category, s.depth, s.args FROM slices s JOIN "
        "tracks t ON t.id = s.track_id WHERE s.track_id IN " +
            byTrack + " ORDER BY s.id",
        "SELECT t.name, i.ts, i.name, i.severity, i.args FROM instants i JOIN tracks t ON t.id = "
        "i.track_id WHERE i.track_id IN " +
            byTrack + " ORDER BY i.id",
        "SELECT t.name, c.ts, c.value FROM counters c JOIN tracks t ON t.id = c.track_id WHERE "
        "c.track_id IN " +
            byTrack + " ORDER BY t.name, c.ts",
        "SELECT t.name, c.width, c.ts, c.count, c.sum FROM counter_levels c JOIN tracks t ON "
        "t.id = c.track_id WHERE c.track_id IN " +
            byTrack + " ORDER BY t.name, c.width, c.ts",
        "SELECT t.name, r.width, r.ts, r.level, r.count FROM log_rates r JOIN tracks t ON t.id = "
        "r.track_id WHERE r.track_id IN " +
            byTrack + " ORDER BY t.name, r.width, r.ts, r.level",
        "SELECT t.name, b.rows, f.message, l.message FROM log_blocks b JOIN tracks t ON t.id = "
        "b.track_id JOIN logs f ON f.id = b.first_id JOIN logs l ON l.id = b.last_id WHERE "
        "b.track_id IN " +
            byTrack + " ORDER BY t.name, b.first_ts",
        "SELECT ts, kind, namespace, name, json FROM objects WHERE source_id = " + bySource +
            " ORDER BY id",
        "SELECT line, byte, kind, message FROM import_errors WHERE source_id = " + bySource +
            " ORDER BY id",
        "SELECT name, compression, data FROM blobs WHERE source_id = " + bySource + " ORDER BY id",
    };
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const std::string &sql : queries) {
        Statement rows = file.db().prepare(sql);
        rows.bind(1, sourceUuid);
        while (rows.step())
            for (int column = 0; column < rows.columnCount(); ++column) {
                hash.addData(
                    QByteArray::fromStdString(rows.isNull(column) ? "\\N" : rows.text(column)));
                hash.addData("\x1f");
            }
        hash.addData("\x1e");
    }
    return hash.result();
}

std::string sourceUuid(CaseFile &file, const std::string &name)
{
    Statement find = file.db().prepare("SELECT uuid FROM sources WHERE name = ?1");
    find.bind(1, name);
    return find.step() ? find.text(0) : std::string();
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

std::vector<std::string> names(const std::vector<MergeSummary::Source> &sources)
{
    std::vector<std::string> list;
    for (const auto &source : sources)
        list.push_back(source.name);
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace

class TestMerge : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_base, m_theirs;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Ours: a log and a Prometheus range, an annotation, an override.
    void makeBase(const QString &casePath)
    {
        auto file = CaseFile::create(casePath.toStdString(), "ours", "alice");
        import(*file, testing::corpus("uvicorn_logs/uvicorn_fastapi_reload_mixed_sqlalchemy.log"));
        import(*file,
               testing::corpus("prometheus/holmes_range_query_cpu_throttling_api_envelope.json"));
        AnnotationStore::add(file->db(), 1, std::nullopt, QStringLiteral("import started"),
                             QStringLiteral("alice"));
        ChecklistStore(file->db())
            .setOverride("import-lag", "hpa-at-max", "fail", "HPA sat at 10/10 for 12 minutes",
                         "alice");
        file->checkpoint();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = path(QStringLiteral("ours.perfcase"));
        makeBase(m_base);
        // The teammate works on a copy of our file.
        m_theirs = path(QStringLiteral("theirs.perfcase"));
        CaseExporter::run(m_base.toStdString(), m_theirs.toStdString(), {});
        auto theirs = CaseFile::open(m_theirs.toStdString(), CaseFile::Access::ReadWrite);
        import(*theirs, testing::corpus("har/mitmproxy_har_files_chrome.har"));
        import(*theirs, testing::corpus("app_logs/loghub_Apache_2k_error.log"));
        import(*theirs, testing::corpus("k8s/cluster_info_dump_aks_2020_kube-system_pods.json"));
        AnnotationStore::add(theirs->db(), 2, 3, QStringLiteral("scroll stalls here"),
                             QStringLiteral("bob"));
        ChecklistStore checklist(theirs->db());
        checklist.addNote("import-lag", "main-thread-long-tasks", "see the 900 ms task", "bob");
        checklist.setOverride("import-lag", "main-thread-long-tasks", "pass",
                              "the long task is the extension, not the app", "bob");
        const auto spark = theirs->db().scalarInt(
            "SELECT id FROM sources WHERE name = 'uvicorn_fastapi_reload_mixed_sqlalchemy.log'");
        ClockAligner::apply(theirs->db(), spark, 1'500'000'000, "manual", std::nullopt, "bob");
        theirs->checkpoint();
    }

    void bringsWhatIsNewWhole()
    {
        const QString ours = path(QStringLiteral("merge-1.perfcase"));
        QVERIFY(QFile::copy(m_base, ours));
        auto target = CaseFile::open(ours.toStdString(), CaseFile::Access::ReadWrite);
        auto other = CaseFile::open(m_theirs.toStdString(), CaseFile::Access::ReadOnly);
        const std::int64_t logsBefore = scalar(*target, "SELECT count(*) FROM logs");

        const MergeSummary summary = CaseMerger::run(*target, *other);

        QCOMPARE(names(summary.sourcesAdded),
                 (std::vector<std::string>{"cluster_info_dump_aks_2020_kube-system_pods.json",
                                           "loghub_Apache_2k_error.log",
                                           "mitmproxy_har_files_chrome.har"}));
        QCOMPARE(names(summary.sourcesPresent),
                 (std::vector<std::string>{"holmes_range_query_cpu_throttling_api_envelope.json",
                                           "uvicorn_fastapi_reload_mixed_sqlalchemy.log"}));
        QCOMPARE(summary.annotationsAdded, 1);
        QCOMPARE(summary.annotationsPresent, 1);
        QCOMPARE(summary.notesAdded, 1);
        QCOMPARE(summary.overridesAdded, 1);
        QCOMPARE(summary.overridesPresent, 1);
        QCOMPARE(summary.clockChangesAdded, 1);
        QCOMPARE(summary.clocksTaken,
                 std::vector<std::string>{"uvicorn_fastapi_reload_mixed_sqlalchemy.log"});

        // Each new source is whole, its references intact under new ids.
        for (const char *name : {"mitmproxy_har_files_chrome.har", "loghub_Apache_2k_error.log",
                                 "cluster_info_dump_aks_2020_kube-system_pods.json"}) {
            const std::string uuid = sourceUuid(*other, name);
            QVERIFY(!uuid.empty());
            QCOMPARE(digestOfSource(*target, uuid), digestOfSource(*other, uuid));
        }
        // The shared source took the teammate's later alignment.
        const std::string spark =
            sourceUuid(*target, "uvicorn_fastapi_reload_mixed_sqlalchemy.log");
        QCOMPARE(digestOfSource(*target, spark), digestOfSource(*other, spark));
        QCOMPARE(
            scalar(*target, "SELECT clock_offset_ns FROM sources WHERE uuid = '" + spark + "'"),
            1'500'000'000);
        // The full-text index finds the new log's words, and only once per row.
        const std::int64_t apacheLines = scalar(
            *other, "SELECT count(*) FROM logs WHERE message LIKE '%mod_jk child workerEnv%'");
        QVERIFY(apacheLines > 0);
        QCOMPARE(scalar(*target, "SELECT count(*) FROM v_log_search WHERE message MATCH "
                                 "'\"mod_jk child workerEnv\"'"),
                 apacheLines);
        QCOMPARE(scalar(*target, "SELECT count(*) FROM logs") - logsBefore,
                 scalar(*other, "SELECT count(*) FROM logs l JOIN tracks t ON t.id = l.track_id "
                                "JOIN sources s ON s.id = t.source_id WHERE s.name = "
                                "'loghub_Apache_2k_error.log'"));
        target->db().exec("INSERT INTO logs_fts(logs_fts) VALUES('integrity-check')");
        Statement integrity = target->db().prepare("PRAGMA integrity_check");
        QVERIFY(integrity.step());
        QCOMPARE(integrity.text(0), std::string("ok"));
        // Their note, annotation and override, with their author.
        ChecklistStore checklist(target->db());
        const auto history = checklist.overrideHistory("import-lag");
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(scalar(*target, "SELECT count(*) FROM v_annotations WHERE author = 'bob'"), 1);
        QCOMPARE(checklist.notes("import-lag").size(), std::size_t(1));
        QCOMPARE(checklist.notes("import-lag").front().author, std::string("bob"));
    }

    void mergingAgainAddsNothing()
    {
        const QString ours = path(QStringLiteral("merge-2.perfcase"));
        QVERIFY(QFile::copy(m_base, ours));
        auto target = CaseFile::open(ours.toStdString(), CaseFile::Access::ReadWrite);
        auto other = CaseFile::open(m_theirs.toStdString(), CaseFile::Access::ReadOnly);
        CaseMerger::run(*target, *other);
        const std::int64_t rows = scalar(*target, "SELECT (SELECT count(*) FROM logs) + (SELECT "
                                                  "count(*) FROM slices) + (SELECT count(*) FROM "
                                                  "objects) + (SELECT count(*) FROM annotations)");
        const MergeSummary again = CaseMerger::run(*target, *other);
        QVERIFY(again.sourcesAdded.empty());
        QCOMPARE(again.sourcesPresent.size(), std::size_t(5));
        QCOMPARE(again.annotationsAdded + again.notesAdded + again.overridesAdded +
                     again.clockChangesAdded,
                 0);
        QVERIFY(again.clocksTaken.empty());
        QCOMPARE(scalar(*target, "SELECT (SELECT count(*) FROM logs) + (SELECT count(*) FROM "
                                 "slices) + (SELECT count(*) FROM objects) + (SELECT count(*) FROM "
                                 "annotations)"),
                 rows);
        // A case merged with itself gains nothing either.
        const MergeSummary self = CaseMerger::run(*target, *target);
        QVERIFY(self.sourcesAdded.empty());
        QCOMPARE(self.annotationsAdded, 0);
    }

    // A teammate who imported the same file on their own (another source
    // uuid, the same content) does not make it appear twice.
    void sameContentIsNotDuplicated()
    {
        const QString ours = path(QStringLiteral("merge-3.perfcase"));
        QVERIFY(QFile::copy(m_base, ours));
        const QString separate = path(QStringLiteral("separate.perfcase"));
        {
            auto file = CaseFile::create(separate.toStdString(), "separate", "carol");
            import(*file,
                   testing::corpus("uvicorn_logs/uvicorn_fastapi_reload_mixed_sqlalchemy.log"));
        }
        auto target = CaseFile::open(ours.toStdString(), CaseFile::Access::ReadWrite);
        auto other = CaseFile::open(separate.toStdString(), CaseFile::Access::ReadOnly);
        const MergeSummary summary = CaseMerger::run(*target, *other);
        QVERIFY(summary.sourcesAdded.empty());
        QCOMPARE(names(summary.sourcesPresent),
                 std::vector<std::string>{"uvicorn_fastapi_reload_mixed_sqlalchemy.log"});
        QCOMPARE(scalar(*target, "SELECT count(*) FROM sources"), 2);
    }

    void cancelLeavesTheCaseAsItWas()
    {
        const QString ours = path(QStringLiteral("merge-4.perfcase"));
        QVERIFY(QFile::copy(m_base, ours));
        const QByteArray before = fileHash(ours);
        {
            auto target = CaseFile::open(ours.toStdString(), CaseFile::Access::ReadWrite);
            target->checkpoint();
            auto other = CaseFile::open(m_theirs.toStdString(), CaseFile::Access::ReadOnly);
            int polls = 0;
            QVERIFY_THROWS_EXCEPTION(CaseMerger::Cancelled,
                                     CaseMerger::run(*target, *other, [&] { return ++polls > 3; }));
            QCOMPARE(scalar(*target, "SELECT count(*) FROM sources"), 2);
            QCOMPARE(scalar(*target, "SELECT count(*) FROM annotations"), 1);
            target->checkpoint();
        }
        QCOMPARE(fileHash(ours), before);
    }

    // The command line (CLI.md): what came in, as text and JSON; OTHER named
    // in its errors; the case untouched when OTHER is refused.
    void commandLine_data()
    {
        QTest::addColumn<QString>("other"); // "theirs", "missing", "text", "hostile"
        QTest::addColumn<bool>("json");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected"); // in stdout (0) or stderr
        QTest::newRow("text") << QStringLiteral("theirs") << false << 0
                              << QStringLiteral("source added: mitmproxy_har_files_chrome.har");
        QTest::newRow("json") << QStringLiteral("theirs") << true << 0
                              << QStringLiteral("\"sources_added\"");
        QTest::newRow("missing") << QStringLiteral("missing") << false << 4
                                 << QStringLiteral("missing.perfcase: no such case file");
        QTest::newRow("not a case") << QStringLiteral("text") << false << 4
                                    << QStringLiteral("text.perfcase: not a case file");
        QTest::newRow("hostile trigger")
            << QStringLiteral("hostile") << false << 4 << QStringLiteral("hostile.perfcase:");
    }
    void commandLine()
    {
        QFETCH(QString, other);
        QFETCH(bool, json);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const QString ours = path(
            QStringLiteral("cli-%1.perfcase").arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(QFile::copy(m_base, ours));
        QString otherPath =
            other == QLatin1String("theirs") ? m_theirs : path(other + QStringLiteral(".perfcase"));
        if (other == QLatin1String("text")) {
            QFile text(otherPath);
            QVERIFY(text.open(QIODevice::WriteOnly));
            text.write("2026-11-20T10:00:00Z not a case\n");
        } else if (other == QLatin1String("hostile")) {
            QVERIFY(QFile::copy(m_theirs, otherPath));
            QFile::setPermissions(otherPath, QFile::ReadOwner | QFile::WriteOwner);
            Database raw(otherPath.toStdString(), Database::Mode::ReadWrite);
            raw.exec("CREATE TRIGGER evil AFTER INSERT ON annotations BEGIN DELETE FROM logs; END");
        }
        const QByteArray before = fileHash(ours);
        QProcess process;
        QStringList arguments{QStringLiteral("merge"), ours, otherPath};
        if (json) arguments << QStringLiteral("--json");
        process.start(QStringLiteral(PERFCASE_BINARY), arguments);
        QVERIFY(process.waitForFinished(60'000));
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), exitCode);
        QVERIFY2((exitCode == 0 ? out : err).contains(expected), qPrintable(out + err));
        if (exitCode != 0) {
            QVERIFY(err.startsWith(QStringLiteral("perfcase: error: ")));
            QCOMPARE(fileHash(ours), before);
            return;
        }
        if (json) {
            const QJsonObject line = QJsonDocument::fromJson(out.toUtf8()).object();
            QCOMPARE(line.value(QStringLiteral("sources_added")).toArray().size(), 3);
            QCOMPARE(line.value(QStringLiteral("notes"))
                         .toObject()
                         .value(QStringLiteral("added"))
                         .toInt(),
                     1);
            QCOMPARE(line.value(QStringLiteral("clocks_taken")).toArray().first().toString(),
                     QStringLiteral("uvicorn_fastapi_reload_mixed_sqlalchemy.log"));
        } else {
            QVERIFY2(out.contains(QStringLiteral("annotations: 1 added, 1 already here")),
                     qPrintable(out));
        }
        auto merged = CaseFile::open(ours.toStdString(), CaseFile::Access::ReadOnly);
        QCOMPARE(scalar(*merged, "SELECT count(*) FROM v_sources"), 5);
    }
};

QTEST_GUILESS_MAIN(TestMerge)
#include "tst_merge.moc"
