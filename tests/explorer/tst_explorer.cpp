// The case explorer and the SQL console on a small case built here with
// SourceWriter. Expected values are the ones written into the case (counts,
// errors, offsets, blob text), not read back from the code under test.
#include "BlobDecoder.h"
#include "BlobViewer.h"
#include "CaseExplorer.h"
#include "CaseFile.h"
#include "CaseTreeModel.h"
#include "ClockAligner.h"
#include "FittedTableView.h"
#include "ImportErrorsModel.h"
#include "QueryResultModel.h"
#include "SourceWriter.h"
#include "SqlConsole.h"
#include "SqlEditor.h"
#include "TimeUtil.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <bzlib.h>
#include <zlib.h>

using namespace perfcase;

namespace {

constexpr qint64 kBase = 1'700'000'000'000'000'000; // 2023-11-14T22:13:20Z
constexpr qint64 kSecond = 1'000'000'000;
constexpr int kLogs = 100;
constexpr int kErrorLogs = 10;            // every tenth record is an error
constexpr qint64 kOffset = 1'500'000'000; // the metrics source's clock offset, 1.5 s
const QString kCommand = QStringLiteral("kubectl top pods -n shop --context prod");
const QString kBlobText = QStringLiteral("NAME    CPU(cores)   MEMORY(bytes)\n"
                                         "web-1   250m         512Mi\n"
                                         "web-2   120m         480Mi\n");

QByteArray gzip(const QByteArray &data)
{
    z_stream stream{};
    if (deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size())) + 32), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray bzip2(const QByteArray &data)
{
    QByteArray out(data.size() + data.size() / 100 + 700, '\0');
    unsigned size = unsigned(out.size());
    if (BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char *>(data.constData()),
                                 unsigned(data.size()), 9, 0, 0) != BZ_OK)
        return {};
    out.resize(qsizetype(size));
    return out;
}

struct Ids
{
    qint64 logSource = 0, metricsSource = 0, emptySource = 0;
    qint64 logTrack = 0, cpuTrack = 0, memoryTrack = 0;
};

// Three sources: a text log with rejected lines and a warning, collected
// metrics with an aligned clock and their raw command output as a gzip
// blob, and a log source without problems or blobs.
Ids buildCase(const QString &path)
{
    Ids ids;
    auto file = CaseFile::create(path.toStdString(), "explorer test", "tester");
    {
        SourceSpec spec;
        spec.kind = "log";
        spec.name = "api.log";
        spec.origin = "/var/log/api.log";
        spec.format = "text-log";
        SourceWriter writer(file->db(), spec);
        ids.logSource = writer.sourceId();
        ids.logTrack = writer.addTrack("log", "api.log");
        for (int i = 0; i < kLogs; ++i)
            writer.addLog(ids.logTrack, kBase + i * kSecond,
                          i % 10 == 9 ? LogLevel::Error : LogLevel::Info,
                          "request " + std::to_string(i), i + 3);
        writer.addError(1, 0, "error", "no time before this line", "garbage before the start");
        writer.addError(2, 25, "error", "no time before this line", "more garbage");
        writer.addError(57, 4096, "warning", "invalid UTF-8 replaced", {});
        SourceSummary summary;
        summary.records = kLogs;
        summary.rejected = 2;
        summary.warnings = 1;
        summary.sha256 = summary.dedupKey = "a";
        writer.finish(summary);
    }
    {
        SourceSpec spec;
        spec.kind = "metrics";
        spec.name = "top pods";
        spec.origin = kCommand.toStdString();
        spec.format = "kubectl-top-pods";
        SourceWriter writer(file->db(), spec);
        ids.metricsSource = writer.sourceId();
        ids.cpuTrack = writer.addTrack("counter", "k8s.cpu", "millicores", R"({"pod":"web-1"})");
        ids.memoryTrack = writer.addTrack("counter", "k8s.memory", "bytes", R"({"pod":"web-1"})");
        for (int i = 0; i < 5; ++i) {
            writer.addCounter(ids.cpuTrack, kBase + i * 10 * kSecond, 250 + i);
            writer.addCounter(ids.memoryTrack, kBase + i * 10 * kSecond, 512e6);
        }
        SourceSummary summary;
        summary.records = 10;
        summary.sha256 = summary.dedupKey = "b";
        writer.finish(summary);
    }
    {
        SourceSpec spec;
        spec.kind = "log";
        spec.name = "worker.log";
        spec.origin = "/var/log/worker.log";
        spec.format = "celery";
        SourceWriter writer(file->db(), spec);
        ids.emptySource = writer.sourceId();
        const auto track = writer.addTrack("log", "worker.log");
        writer.addLog(track, kBase, LogLevel::Warning, "started", 1);
        SourceSummary summary;
        summary.records = 1;
        summary.sha256 = summary.dedupKey = "c";
        writer.finish(summary);
    }
    ClockAligner::apply(file->db(), ids.metricsSource, kOffset, "user", 2'000'000, "tester");
    // No collector writes blobs yet: put one where a collector will.
    const QByteArray blob = gzip(kBlobText.toUtf8());
    Statement insert = file->db().prepare(
        "INSERT INTO blobs (source_id, name, compression, sha256, data) VALUES (?, ?, ?, NULL, ?)");
    insert.bind(1, ids.metricsSource).bind(2, kCommand.toStdString()).bind(3, "gzip");
    insert.bindBlob(4, blob.constData(), std::size_t(blob.size()));
    insert.run();
    file->checkpoint();
    return ids;
}

void clickCell(QTreeView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    const QRect rect = view->visualRect(index);
    QVERIFY(view->viewport()->rect().contains(rect.center()));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

// A query that runs for minutes unless interrupted: a recursive CTE named
// like no view, which QueryRunner allows, counting to 10^9.
const QString kEndlessQuery = QStringLiteral(
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) "
    "SELECT count(*) FROM c");

} // namespace

class TestExplorer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_case;
    Ids m_ids;

    // Runs the console's SQL and waits for it to finish.
    static bool runAndWait(SqlConsole &console, const QString &sql)
    {
        console.setSql(sql);
        QSignalSpy finished(&console, &SqlConsole::queryFinished);
        console.run();
        return finished.wait(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_case = m_dir.filePath(QStringLiteral("explorer.perfcase"));
        m_ids = buildCase(m_case);
        QVERIFY(m_ids.metricsSource != 0);
    }

    // --- the explorer -------------------------------------------------------

    void treeShowsSources_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("format");
        QTest::addColumn<qint64>("records");
        QTest::addColumn<qint64>("rejected");
        QTest::addColumn<qint64>("warnings");
        QTest::addColumn<int>("tracks");
        QTest::addColumn<qint64>("firstTs");
        QTest::addColumn<QString>("clock");
        QTest::newRow("log with errors")
            << 0 << "api.log"
            << "log"
            << "text-log" << qint64(kLogs) << qint64(2) << qint64(1) << 1 << kBase << QString();
        // Times are corrected: raw + offset.
        QTest::newRow("aligned metrics")
            << 1 << "top pods"
            << "metrics"
            << "kubectl-top-pods" << qint64(10) << qint64(0) << qint64(0) << 2 << kBase + kOffset
            << QStringLiteral("+1.500 s (user, \u00b12.0 ms)");
        QTest::newRow("clean log")
            << 2 << "worker.log"
            << "log"
            << "celery" << qint64(1) << qint64(0) << qint64(0) << 1 << kBase << QString();
    }
    void treeShowsSources()
    {
        QFETCH(int, which);
        QFETCH(QString, name);
        CaseExplorer explorer;
        QAbstractItemModelTester tester(explorer.treeModel());
        explorer.setCase(m_case);
        CaseTreeModel *model = explorer.treeModel();
        QCOMPARE(model->rowCount(), 3);
        const qint64 id =
            QList<qint64>{m_ids.logSource, m_ids.metricsSource, m_ids.emptySource}[which];
        const QModelIndex source = model->sourceIndex(id);
        QVERIFY(source.isValid());
        QCOMPARE(source.row(), which);
        auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model->index(source.row(), column).data(role);
        };
        QCOMPARE(cell(CaseTreeModel::Name).toString(), name);
        QTEST(cell(CaseTreeModel::Kind).toString(), "kind");
        QTEST(cell(CaseTreeModel::Format).toString(), "format");
        QTEST(cell(CaseTreeModel::Records, Qt::EditRole).toLongLong(), "records");
        QTEST(cell(CaseTreeModel::Rejected, Qt::EditRole).toLongLong(), "rejected");
        QTEST(cell(CaseTreeModel::Warnings, Qt::EditRole).toLongLong(), "warnings");
        QTEST(cell(CaseTreeModel::FirstTime, Qt::EditRole).toLongLong(), "firstTs");
        QFETCH(qint64, firstTs);
        QCOMPARE(cell(CaseTreeModel::FirstTime).toString(),
                 QString::fromStdString(formatRfc3339(firstTs)));
        QCOMPARE(cell(CaseTreeModel::State).toString(), QStringLiteral("complete"));
        QTEST(cell(CaseTreeModel::Clock).toString(), "clock");
        QTEST(model->rowCount(source), "tracks");
        QCOMPARE(cell(0, CaseTreeModel::SourceIdRole).toLongLong(), id);
        // The view shows what the model has.
        QCOMPARE(explorer.treeView()->model()->rowCount(), 3);
    }

    void treeShowsTracks_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<QString>("labels");
        QTest::newRow("log") << 0 << "api.log"
                             << "log" << QString() << qint64(kLogs) << QString();
        QTest::newRow("cpu") << 1 << "k8s.cpu"
                             << "counter"
                             << "millicores" << qint64(5) << R"({"pod":"web-1"})";
        QTest::newRow("memory") << 2 << "k8s.memory"
                                << "counter"
                                << "bytes" << qint64(5) << R"({"pod":"web-1"})";
    }
    void treeShowsTracks()
    {
        QFETCH(int, which);
        const qint64 trackId =
            QList<qint64>{m_ids.logTrack, m_ids.cpuTrack, m_ids.memoryTrack}[which];
        const qint64 sourceId = which == 0 ? m_ids.logSource : m_ids.metricsSource;
        CaseExplorer explorer;
        explorer.setCase(m_case);
        CaseTreeModel *model = explorer.treeModel();
        const QModelIndex track = model->trackIndex(trackId);
        QVERIFY(track.isValid());
        QCOMPARE(track.parent(), model->sourceIndex(sourceId));
        auto cell = [&](int column, int role = Qt::DisplayRole) {
            return track.siblingAtColumn(column).data(role);
        };
        QTEST(cell(CaseTreeModel::Name).toString(), "name");
        QTEST(cell(CaseTreeModel::Kind).toString(), "kind");
        QTEST(cell(CaseTreeModel::Format).toString(), "unit");
        QTEST(cell(CaseTreeModel::Records, Qt::EditRole).toLongLong(), "rows");
        QTEST(cell(CaseTreeModel::Labels).toString(), "labels");
        QCOMPARE(cell(0, CaseTreeModel::TrackIdRole).toLongLong(), trackId);
        QCOMPARE(cell(0, CaseTreeModel::SourceIdRole).toLongLong(), sourceId);
    }

    void clickingACountShowsImportErrors_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("opens");
        QTest::newRow("rejected") << int(CaseTreeModel::Rejected) << true;
        QTest::newRow("warnings") << int(CaseTreeModel::Warnings) << true;
        QTest::newRow("name") << int(CaseTreeModel::Name) << false;
    }
    void clickingACountShowsImportErrors()
    {
        QFETCH(int, column);
        CaseExplorer explorer;
        explorer.resize(1600, 700);
        explorer.setCase(m_case);
        explorer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&explorer));
        clickCell(explorer.treeView(), explorer.treeModel()->sourceIndex(m_ids.logSource, column));
        QFETCH(bool, opens);
        QCOMPARE(explorer.errorsView()->isVisible(), opens);
        ImportErrorsModel *errors = explorer.errorsModel();
        if (!opens) {
            QCOMPARE(errors->rowCount(), 0);
            return;
        }
        QCOMPARE(errors->sourceId(), m_ids.logSource);
        QCOMPARE(errors->rowCount(), 3);
        auto cell = [errors](int row, int column) {
            return errors->index(row, column).data(Qt::EditRole);
        };
        QCOMPARE(cell(0, ImportErrorsModel::Line).toLongLong(), 1);
        QCOMPARE(cell(0, ImportErrorsModel::Byte).toLongLong(), 0);
        QCOMPARE(cell(0, ImportErrorsModel::Kind).toString(), QStringLiteral("error"));
        QCOMPARE(cell(0, ImportErrorsModel::Message).toString(),
                 QStringLiteral("no time before this line"));
        QCOMPARE(cell(0, ImportErrorsModel::Excerpt).toString(),
                 QStringLiteral("garbage before the start"));
        QCOMPARE(cell(1, ImportErrorsModel::Byte).toLongLong(), 25);
        QCOMPARE(cell(2, ImportErrorsModel::Line).toLongLong(), 57);
        QCOMPARE(cell(2, ImportErrorsModel::Kind).toString(), QStringLiteral("warning"));
        // Another source's errors replace them; a clean source has none.
        clickCell(explorer.treeView(),
                  explorer.treeModel()->sourceIndex(m_ids.emptySource, column));
        QCOMPARE(errors->sourceId(), m_ids.emptySource);
        QCOMPARE(errors->rowCount(), 0);
    }

    void contextActionsActOnTheCurrentSource()
    {
        CaseExplorer explorer;
        explorer.setCase(m_case);
        QTreeView *view = explorer.treeView();
        QVERIFY(view->actions().contains(explorer.copyOriginAction()));
        QVERIFY(view->actions().contains(explorer.showErrorsAction()));
        QVERIFY(view->actions().contains(explorer.showBlobAction()));

        view->setCurrentIndex(explorer.treeModel()->sourceIndex(m_ids.logSource));
        QVERIFY(!explorer.showBlobAction()->isEnabled()); // no stored output
        explorer.copyOriginAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("/var/log/api.log"));
        explorer.showErrorsAction()->trigger();
        QCOMPARE(explorer.errorsModel()->sourceId(), m_ids.logSource);
        QCOMPARE(explorer.errorsModel()->rowCount(), 3);

        // On a track row, the actions act on its source.
        view->setCurrentIndex(explorer.treeModel()->trackIndex(m_ids.cpuTrack));
        QCOMPARE(explorer.currentSourceId(), m_ids.metricsSource);
        QVERIFY(explorer.showBlobAction()->isEnabled());
        explorer.copyOriginAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), kCommand);
        explorer.showBlobAction()->trigger();
        auto *viewer = explorer.findChild<BlobViewer *>();
        QVERIFY(viewer);
        QCOMPARE(viewer->blobCount(), 1);
        QCOMPARE(viewer->origin(), kCommand);
        QCOMPARE(viewer->text(), kBlobText); // decompressed from gzip
        QVERIFY(viewer->note().isEmpty());
        QVERIFY(!explorer.showBlob(m_ids.logSource));
    }

    void activationEmitsIds_data()
    {
        QTest::addColumn<bool>("isTrack");
        QTest::newRow("source") << false;
        QTest::newRow("track") << true;
    }
    void activationEmitsIds()
    {
        QFETCH(bool, isTrack);
        CaseExplorer explorer;
        explorer.setCase(m_case);
        explorer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&explorer));
        QSignalSpy sources(&explorer, &CaseExplorer::sourceActivated);
        QSignalSpy tracks(&explorer, &CaseExplorer::trackActivated);
        const QModelIndex index = isTrack ? explorer.treeModel()->trackIndex(m_ids.memoryTrack)
                                          : explorer.treeModel()->sourceIndex(m_ids.metricsSource);
        explorer.treeView()->setCurrentIndex(index);
        explorer.treeView()->setFocus();
        QTest::keyClick(explorer.treeView(), Qt::Key_Return);
        QCOMPARE(sources.size(), isTrack ? 0 : 1);
        QCOMPARE(tracks.size(), isTrack ? 1 : 0);
        if (isTrack)
            QCOMPARE(tracks.at(0).at(0).toLongLong(), m_ids.memoryTrack);
        else
            QCOMPARE(sources.at(0).at(0).toLongLong(), m_ids.metricsSource);
    }

    void explorerReportsACaseItCannotOpen()
    {
        CaseExplorer explorer;
        QSignalSpy errors(&explorer, &CaseExplorer::errorOccurred);
        explorer.setCase(m_dir.filePath(QStringLiteral("missing.perfcase")));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("no such case file")));
        QCOMPARE(explorer.treeModel()->rowCount(), 0);
        QVERIFY(explorer.casePath().isEmpty());
    }

    void blobDecoder_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("compression");
        QTest::addColumn<qsizetype>("limit");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("cut");
        const QByteArray text = kBlobText.toUtf8();
        const QByteArray big = text.repeated(1000);
        QTest::newRow("none") << text << "none" << qsizetype(1 << 20) << text << true << false;
        QTest::newRow("gzip") << gzip(text) << "gzip" << qsizetype(1 << 20) << text << true
                              << false;
        QTest::newRow("two gzip members") << gzip(text) + gzip(text) << "gzip" << qsizetype(1 << 20)
                                          << text + text << true << false;
        QTest::newRow("bzip2") << bzip2(text) << "bzip2" << qsizetype(1 << 20) << text << true
                               << false;
        QTest::newRow("gzip over the limit")
            << gzip(big) << "gzip" << qsizetype(1000) << big.left(1000) << true << true;
        QTest::newRow("truncated gzip") << gzip(big).left(200) << "gzip" << qsizetype(1 << 20)
                                        << QByteArray() << false << false;
        QTest::newRow("not gzip") << text << "gzip" << qsizetype(1 << 20) << QByteArray() << false
                                  << false;
        QTest::newRow("unknown compression")
            << text << "zstd" << qsizetype(1 << 20) << QByteArray() << false << false;
    }
    void blobDecoder()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, compression);
        QFETCH(qsizetype, limit);
        QFETCH(QByteArray, expected);
        const BlobDecoder::Result result = BlobDecoder::decode(data, compression, limit);
        QTEST(result.ok, "ok");
        QTEST(result.cut, "cut");
        QCOMPARE(result.note.isEmpty(), result.ok);
        if (!expected.isEmpty())
            QCOMPARE(result.bytes, expected);
        else if (!result.ok) // a truncated stream shows what it could read, no more
            QVERIFY(kBlobText.toUtf8().repeated(1000).startsWith(result.bytes));
    }

    // --- the console --------------------------------------------------------

    // Opening a source widens the columns to its tracks' longer kinds and
    // units ("counter" is wider than "log"), never narrows them.
    void expandingWidensColumns()
    {
        CaseExplorer explorer;
        explorer.resize(900, 400);
        explorer.setCase(m_case);
        auto *view = explorer.findChild<QTreeView *>();
        QVERIFY(view);
        view->collapseAll();
        view->setColumnWidth(CaseTreeModel::Kind, 10);
        const int name = view->columnWidth(CaseTreeModel::Name);
        view->expand(explorer.treeModel()->sourceIndex(m_ids.metricsSource));
        const QString counter = QStringLiteral("counter");
        QVERIFY2(view->columnWidth(CaseTreeModel::Kind) >=
                     view->fontMetrics().horizontalAdvance(counter),
                 qPrintable(QString::number(view->columnWidth(CaseTreeModel::Kind))));
        QVERIFY(view->columnWidth(CaseTreeModel::Name) >= name);
    }

    void consoleRunsQueries_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QVariant>("value");
        QTest::newRow("count") << "SELECT count(*) FROM v_logs" << QVariant(qint64(kLogs + 1));
        QTest::newRow("errors") << "SELECT count(*) AS n FROM v_logs WHERE level = 'error'"
                                << QVariant(qint64(kErrorLogs));
        QTest::newRow("text") << "SELECT message FROM v_logs WHERE line = 12"
                              << QVariant(QStringLiteral("request 9"));
        QTest::newRow("trailing semicolon and comment")
            << "SELECT count(*) FROM v_tracks; -- all of them" << QVariant(qint64(4));
    }
    void consoleRunsQueries()
    {
        QFETCH(QString, sql);
        SqlConsole console;
        console.setCase(m_case);
        QVERIFY(runAndWait(console, sql));
        QVERIFY2(!console.lastRunFailed(), qPrintable(console.message()));
        QCOMPARE(console.resultModel()->rowCount(), 1);
        QTEST(console.resultModel()->index(0, 0).data(Qt::EditRole), "value");
        QCOMPARE(console.message().left(6), QStringLiteral("1 row "));
    }

    // Fitted result columns: a last column of text takes the rest of the
    // width; one of numbers stays beside its header.
    void lastColumnStretchesOnlyForText_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("stretches");
        QTest::newRow("numbers last") << "SELECT message, line FROM v_logs LIMIT 5" << false;
        QTest::newRow("text last") << "SELECT line, message FROM v_logs LIMIT 5" << true;
    }
    void lastColumnStretchesOnlyForText()
    {
        QFETCH(QString, sql);
        QFETCH(bool, stretches);
        SqlConsole console;
        console.resize(1200, 400);
        console.setCase(m_case);
        QVERIFY(runAndWait(console, sql));
        auto *table = console.findChild<FittedTableView *>();
        QVERIFY(table);
        QCOMPARE(table->horizontalHeader()->stretchLastSection(), stretches);
        if (!stretches) { // fitted to its numbers and header, not to the view
            const int last = table->model()->columnCount() - 1;
            QVERIFY2(table->columnWidth(last) < 200,
                     qPrintable(QString::number(table->columnWidth(last))));
        }
    }

    void consoleShowsErrors_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("delete") << "DELETE FROM v_logs"
                                << "v_logs";
        QTest::newRow("insert into a table") << "INSERT INTO meta (key, value) VALUES ('x', 'y')"
                                             << "read-only";
        QTest::newRow("main table") << "SELECT * FROM sources"
                                    << "prohibited";
        QTest::newRow("schema") << "SELECT name FROM sqlite_schema"
                                << "prohibited";
        QTest::newRow("blobs") << "SELECT data FROM blobs"
                               << "prohibited";
        QTest::newRow("bad sql") << "SELEC count(*) FROM v_logs"
                                 << "syntax error";
        QTest::newRow("no such column") << "SELECT nope FROM v_logs"
                                        << "no such column: nope";
        QTest::newRow("two statements") << "SELECT 1; SELECT 2"
                                        << "only one statement";
        QTest::newRow("view-named cte")
            << "WITH v_x AS (SELECT * FROM main.sources) SELECT * FROM v_x"
            << "v_";
        QTest::newRow("bad regexp at run time")
            << "SELECT count(*) FROM v_logs WHERE message REGEXP '('"
            << "regular expression";
        QTest::newRow("pragma") << "PRAGMA journal_mode=DELETE"
                                << "not authorized";
    }
    void consoleShowsErrors()
    {
        QFETCH(QString, sql);
        QFETCH(QString, fragment);
        SqlConsole console;
        console.setCase(m_case);
        // A good result first: an error must not leave it on screen.
        QVERIFY(runAndWait(console, QStringLiteral("SELECT ts FROM v_logs")));
        QCOMPARE(console.resultModel()->rowCount(), kLogs + 1);
        QVERIFY(runAndWait(console, sql));
        QVERIFY(console.lastRunFailed());
        QVERIFY2(console.message().startsWith(QStringLiteral("Error: ")),
                 qPrintable(console.message()));
        QVERIFY2(console.message().contains(fragment, Qt::CaseInsensitive),
                 qPrintable(console.message()));
        QCOMPARE(console.resultModel()->rowCount(), 0);
        // The case is untouched and the console still works.
        QVERIFY(runAndWait(console, QStringLiteral("SELECT count(*) FROM v_meta WHERE key = 'x'")));
        QVERIFY2(!console.lastRunFailed(), qPrintable(console.message()));
        QCOMPARE(console.resultModel()->index(0, 0).data(Qt::EditRole).toLongLong(), 0);
    }

    void ctrlReturnRuns()
    {
        SqlConsole console;
        console.setCase(m_case);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        SqlEditor *editor = console.editor();
        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("SELECT count(*)"));
        QSignalSpy finished(&console, &SqlConsole::queryFinished);
        QTest::keyClick(editor, Qt::Key_Return); // a plain Return is a new line
        QTest::keyClicks(editor, QStringLiteral("FROM v_sources"));
        QCOMPARE(console.sql(), QStringLiteral("SELECT count(*)\nFROM v_sources"));
        QVERIFY(!console.isRunning());
        QCOMPARE(finished.size(), 0);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(finished.wait(10000));
        QVERIFY2(!console.lastRunFailed(), qPrintable(console.message()));
        QCOMPARE(console.resultModel()->index(0, 0).data(Qt::EditRole).toLongLong(), 3);
        // The query went to the history: Ctrl+Up brings it back.
        editor->clear();
        QTest::keyClick(editor, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(console.sql(), QStringLiteral("SELECT count(*)\nFROM v_sources"));
        QTest::keyClick(editor, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(console.sql(), QString());
    }

    void cancelInterruptsALongQuery()
    {
        SqlConsole console;
        console.setCase(m_case);
        console.setSql(kEndlessQuery);
        QSignalSpy finished(&console, &SqlConsole::queryFinished);
        console.run();
        QVERIFY(console.isRunning());
        QTest::qWait(300); // let it get going
        QVERIFY(console.isRunning());
        QCOMPARE(finished.size(), 0);
        auto *cancel = console.findChild<QPushButton *>();
        for (QPushButton *button : console.findChildren<QPushButton *>())
            if (button->text() == QStringLiteral("Cancel")) cancel = button;
        QVERIFY(cancel && cancel->isEnabled());
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 1000);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!console.isRunning());
        QVERIFY(console.lastRunFailed());
        QVERIFY2(console.message().startsWith(QStringLiteral("Cancelled")),
                 qPrintable(console.message()));
        // The next query runs normally.
        QVERIFY(runAndWait(console, QStringLiteral("SELECT count(*) FROM v_logs")));
        QCOMPARE(console.resultModel()->index(0, 0).data(Qt::EditRole).toLongLong(), kLogs + 1);
    }

    void destroyingARunningConsoleStopsIt()
    {
        QElapsedTimer timer;
        timer.start();
        {
            SqlConsole console;
            console.setCase(m_case);
            console.setSql(kEndlessQuery);
            console.run();
            QTest::qWait(100);
            QVERIFY(console.isRunning());
        }
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }

    void showAsTrack_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QString>("title");
        QTest::newRow("ts column")
            << "-- Errors of the API\nSELECT ts, message FROM v_logs WHERE level = 'error'" << true
            << "Errors of the API";
        QTest::newRow("no comment") << "SELECT ts AS ts, count(*) FROM v_logs GROUP BY ts" << true
                                    << "SELECT ts AS ts, count(*) FROM v_logs GROUP BY ts";
        QTest::newRow("no ts column") << "SELECT message FROM v_logs" << false << QString();
        QTest::newRow("raw_ts only") << "SELECT raw_ts FROM v_logs" << false << QString();
        QTest::newRow("error") << "SELECT ts FROM sources" << false << QString();
    }
    void showAsTrack()
    {
        QFETCH(QString, sql);
        QFETCH(bool, enabled);
        SqlConsole console;
        console.setCase(m_case);
        QPushButton *button = nullptr;
        for (QPushButton *candidate : console.findChildren<QPushButton *>())
            if (candidate->text() == QStringLiteral("Show as track")) button = candidate;
        QVERIFY(button);
        QVERIFY(!button->isEnabled()); // nothing ran yet
        QVERIFY(runAndWait(console, sql));
        QCOMPARE(button->isEnabled(), enabled);
        QSignalSpy spy(&console, &SqlConsole::showAsTrack);
        // The editor changing afterwards does not change what the lane shows.
        console.setSql(QStringLiteral("SELECT 1"));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(spy.size(), enabled ? 1 : 0);
        if (enabled) {
            QTEST(spy.at(0).at(0).toString(), "title");
            QCOMPARE(spy.at(0).at(1).toString(), sql);
        }
    }

    void resultsAreCapped()
    {
        SqlConsole console;
        console.setCase(m_case);
        console.setLimits({10, 50});
        QVERIFY(runAndWait(console, QStringLiteral("SELECT id FROM v_logs")));
        QCOMPARE(console.resultModel()->rowCount(), 10);
        QCOMPARE(console.message().left(20), QStringLiteral("First 10 of 50+ rows"));
        console.setLimits({10, 1000});
        QVERIFY(runAndWait(console, QStringLiteral("SELECT id FROM v_logs")));
        QCOMPARE(console.resultModel()->rowCount(), 10);
        QCOMPARE(console.message().left(19), QStringLiteral("First 10 of 101 row"));
    }

    void timeColumns_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("isTime");
        QTest::newRow("ts") << "ts" << true;
        QTest::newRow("TS") << "TS" << true;
        QTest::newRow("end_ts") << "end_ts" << true;
        QTest::newRow("first_ts") << "first_ts" << true;
        QTest::newRow("raw_ts") << "raw_ts" << true;
        QTest::newRow("imported_at") << "imported_at" << true;
        QTest::newRow("first_raw_ns") << "first_raw_ns" << true;
        QTest::newRow("dur") << "dur" << false;
        QTest::newRow("clock_offset_ns") << "clock_offset_ns" << false;
        QTest::newRow("tsv") << "tsv" << false;
        QTest::newRow("counts") << "counts" << false;
        QTest::newRow("format") << "format" << false;
    }
    void timeColumns()
    {
        QFETCH(QString, name);
        QTEST(QueryResultModel::isTimeColumn(name), "isTime");
    }

    void timesShowAsText()
    {
        SqlConsole console;
        console.setCase(m_case);
        QVERIFY(
            runAndWait(console, QStringLiteral("SELECT ts, ts AS n, rfc3339(ts) AS t, end_ts FROM "
                                               "(SELECT ts, NULL AS end_ts FROM v_logs ORDER BY ts "
                                               "LIMIT 1)")));
        QVERIFY2(!console.lastRunFailed(), qPrintable(console.message()));
        QueryResultModel *model = console.resultModel();
        const QString text = QString::fromStdString(formatRfc3339(kBase));
        QCOMPARE(model->index(0, 0).data().toString(), text);
        QCOMPARE(model->index(0, 0).data(Qt::EditRole).toLongLong(), kBase);
        QVERIFY(
            model->index(0, 0).data(Qt::ToolTipRole).toString().contains(QString::number(kBase)));
        QCOMPARE(model->index(0, 1).data().toLongLong(), kBase); // not a time name
        QCOMPARE(model->index(0, 2).data().toString(), text);    // text stays text
        QCOMPARE(model->index(0, 3).data().toString(), QStringLiteral("NULL"));
    }

    void examplesRun()
    {
        SqlConsole console;
        console.setCase(m_case);
        auto *examples = console.findChild<QComboBox *>();
        QVERIFY(examples);
        QVERIFY(examples->count() > 3);
        for (int i = 1; i < examples->count(); ++i) {
            examples->setCurrentIndex(i);
            Q_EMIT examples->activated(i);
            QVERIFY(!console.sql().isEmpty());
            QVERIFY(runAndWait(console, console.sql()));
            QVERIFY2(!console.lastRunFailed(),
                     qPrintable(examples->itemText(i) + QStringLiteral(": ") + console.message()));
        }
    }

    void consoleWithoutCaseDoesNothing()
    {
        SqlConsole console;
        console.setSql(QStringLiteral("SELECT 1"));
        QSignalSpy finished(&console, &SqlConsole::queryFinished);
        console.run();
        QVERIFY(!console.isRunning());
        QCOMPARE(finished.size(), 0);
    }
};

QTEST_MAIN(TestExplorer)
#include "tst_explorer.moc"
