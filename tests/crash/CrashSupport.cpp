#include "CrashSupport.h"

#include "CaseFile.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <csignal>
#include <sqlite3.h>

using namespace perfcase;

namespace crash {

QProcessEnvironment environment(const QMap<QString, QString> &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Data commands never need a display (DESIGN.md, Headless): with none, a
    // command perfcase does not know ends at once (exit 6) instead of
    // opening a window.
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));
    for (auto it = extra.begin(); it != extra.end(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

Run cli(const QStringList &arguments, const QProcessEnvironment &env, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(PERFCASE_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.ms = clock.elapsed();
    run.finished = process.exitStatus() == QProcess::NormalExit;
    run.exitCode = run.finished ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

Run cliTimed(const QStringList &arguments, const QProcessEnvironment &env, QList<qint64> &lineTimes)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(PERFCASE_BINARY), arguments);
    Run run;
    while (process.state() != QProcess::NotRunning || process.bytesAvailable() > 0) {
        if (clock.elapsed() > 180'000) {
            process.kill();
            process.waitForFinished();
            run.err = "timed out";
            return run;
        }
        process.waitForReadyRead(20);
        while (process.canReadLine()) {
            run.out += process.readLine();
            lineTimes << clock.elapsed();
        }
        if (process.state() == QProcess::NotRunning && !process.canReadLine()) break;
    }
    process.waitForFinished();
    run.ms = clock.elapsed();
    run.out += process.readAllStandardOutput();
    run.finished = process.exitStatus() == QProcess::NormalExit;
    run.exitCode = run.finished ? process.exitCode() : -1;
    run.err = process.readAllStandardError();
    return run;
}

Run cliKilled(const QStringList &arguments, const QProcessEnvironment &env, int killAfterMs)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(PERFCASE_BINARY), arguments);
    Run run;
    if (!process.waitForStarted()) {
        run.err = "did not start";
        return run;
    }
    // Wait on the process rather than sleep, so one that ends early is seen
    // ending on its own.
    if (!process.waitForFinished(killAfterMs)) {
        ::kill(pid_t(process.processId()), SIGKILL);
        run.killed = true;
        process.waitForFinished(60'000);
    } else {
        run.finished = process.exitStatus() == QProcess::NormalExit;
    }
    run.ms = clock.elapsed();
    run.exitCode = run.finished ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

Run cliKilledWhen(const QStringList &arguments, const QProcessEnvironment &env,
                  const std::function<bool(qint64)> &shouldKill, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(PERFCASE_BINARY), arguments);
    Run run;
    if (!process.waitForStarted()) {
        run.err = "did not start";
        return run;
    }
    while (!process.waitForFinished(1)) {
        if (shouldKill(clock.elapsed()) || clock.elapsed() > timeoutMs) {
            ::kill(pid_t(process.processId()), SIGKILL);
            run.killed = true;
            process.waitForFinished(60'000);
            break;
        }
    }
    run.finished = !run.killed && process.exitStatus() == QProcess::NormalExit;
    run.ms = clock.elapsed();
    run.exitCode = run.finished ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

KillPoint killAtRandomPoint(const QStringList &arguments, const QProcessEnvironment &env, int run,
                            QRandomGenerator &random, qint64 typicalMs,
                            const std::function<bool()> &started, qint64 afterMaxMs)
{
    KillPoint point;
    if (run % 2 == 0) {
        const int delay = int(random.bounded(typicalMs * 12 / 10 + 1));
        point.run = cliKilled(arguments, env, delay);
        point.delayMs = delay;
        return point;
    }
    const qint64 after = random.bounded(afterMaxMs + 1);
    qint64 startedAt = -1;
    point.run = cliKilledWhen(arguments, env, [&](qint64 ms) {
        if (startedAt < 0 && started()) startedAt = ms;
        if (startedAt < 0 || ms < startedAt + after) return false;
        point.delayMs = int(ms);
        return true;
    });
    return point;
}

SourceWatch::~SourceWatch()
{
    sqlite3_finalize(m_statement);
    sqlite3_close(m_db);
}

qint64 SourceWatch::sourceBeingWritten()
{
    if (!m_db) {
        // Read-only: this reader never checkpoints or recovers anything.
        if (sqlite3_open_v2(m_path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) !=
                SQLITE_OK ||
            sqlite3_prepare_v2(m_db, "SELECT coalesce(max(id), 0) FROM sources WHERE ready = 0", -1,
                               &m_statement, nullptr) != SQLITE_OK) {
            sqlite3_finalize(m_statement);
            sqlite3_close(m_db);
            m_statement = nullptr;
            m_db = nullptr;
            return 0;
        }
    }
    qint64 id = 0;
    if (sqlite3_step(m_statement) == SQLITE_ROW) id = sqlite3_column_int64(m_statement, 0);
    sqlite3_reset(m_statement);
    return id;
}

QByteArray sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

bool writeKubectlLog(const QString &path, int lines)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return false;
    QByteArray chunk;
    for (int i = 0; i < lines; ++i) {
        const int second = i / 100, micro = (i % 100) * 10'000;
        chunk += QByteArray("2026-11-20T") +
                 QByteArray::number(10 + second / 3600).rightJustified(2, '0') + ':' +
                 QByteArray::number(second / 60 % 60).rightJustified(2, '0') + ':' +
                 QByteArray::number(second % 60).rightJustified(2, '0') + '.' +
                 QByteArray::number(micro).rightJustified(6, '0') + "Z ";
        chunk += (i % 97 == 0) ? "ERROR request failed: upstream timeout after 30s "
                                 "route=/api/tables/42/rows\n"
                               : "INFO:     10.244.1.17:53122 - \"GET /api/tables/42/rows?offset="
                                 "1000&limit=100 HTTP/1.1\" 200 OK\n";
        if (chunk.size() > (1 << 20)) {
            if (file.write(chunk) != chunk.size()) return false;
            chunk.clear();
        }
    }
    return file.write(chunk) == chunk.size();
}

bool copyFile(const QString &from, const QString &to)
{
    removeCase(to);
    return QFile::copy(from, to);
}

void removeCase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

namespace {

// Each query counts rows that must not exist.
struct Rule
{
    const char *what, *sql;
};
const Rule kRules[] = {
    {"sources not ready", "SELECT count(*) FROM sources WHERE ready != 1"},
    {"sources in a state other than complete/partial",
     "SELECT count(*) FROM sources WHERE state NOT IN ('complete', 'partial')"},
    {"tracks whose source is gone",
     "SELECT count(*) FROM tracks WHERE source_id NOT IN (SELECT id FROM sources)"},
    {"logs whose track is gone",
     "SELECT count(*) FROM logs WHERE track_id NOT IN (SELECT id FROM tracks)"},
    {"log_blocks whose track is gone",
     "SELECT count(*) FROM log_blocks WHERE track_id NOT IN (SELECT id FROM tracks)"},
    {"log_rates whose track is gone",
     "SELECT count(*) FROM log_rates WHERE track_id NOT IN (SELECT id FROM tracks)"},
    {"counters whose track is gone",
     "SELECT count(*) FROM counters WHERE track_id NOT IN (SELECT id FROM tracks)"},
    {"counter_levels whose track is gone",
     "SELECT count(*) FROM counter_levels WHERE track_id NOT IN (SELECT id FROM tracks)"},
    {"slices whose track is gone",
     "SELECT count(*) FROM slices WHERE track_id NOT IN (SELECT id FROM tracks)"},
    {"instants whose track is gone",
     "SELECT count(*) FROM instants WHERE track_id NOT IN (SELECT id FROM tracks)"},
    {"objects whose source is gone",
     "SELECT count(*) FROM objects WHERE source_id NOT IN (SELECT id FROM sources)"},
    {"import_errors whose source is gone",
     "SELECT count(*) FROM import_errors WHERE source_id NOT IN (SELECT id FROM sources)"},
    {"blobs whose source is gone", "SELECT count(*) FROM blobs WHERE source_id IS NOT NULL AND "
                                   "source_id NOT IN (SELECT id FROM sources)"},
    {"clock_changes whose source is gone",
     "SELECT count(*) FROM clock_changes WHERE source_id NOT IN (SELECT id FROM sources)"},
    {"log_templates whose source is gone",
     "SELECT count(*) FROM log_templates WHERE source_id NOT IN (SELECT id FROM sources)"},
    {"tracks whose row_count is not their rows",
     "SELECT count(*) FROM tracks t WHERE t.row_count != CASE t.kind "
     "WHEN 'counter' THEN (SELECT count(*) FROM counters WHERE track_id = t.id) "
     "WHEN 'instant' THEN (SELECT count(*) FROM instants WHERE track_id = t.id) "
     "WHEN 'slice' THEN (SELECT count(*) FROM slices WHERE track_id = t.id) "
     "WHEN 'log' THEN (SELECT count(*) FROM logs WHERE track_id = t.id) END"},
};

const char *const kFingerprintSql =
    "SELECT s.name, s.format || ' ' || s.state || ' records=' || s.records || ' rejected=' || "
    "s.rejected || ' tracks=' || (SELECT count(*) FROM tracks WHERE source_id = s.id) || "
    "' logs=' || (SELECT count(*) FROM logs WHERE track_id IN "
    "  (SELECT id FROM tracks WHERE source_id = s.id)) || "
    "' counters=' || (SELECT count(*) FROM counters WHERE track_id IN "
    "  (SELECT id FROM tracks WHERE source_id = s.id)) || "
    "' instants=' || (SELECT count(*) FROM instants WHERE track_id IN "
    "  (SELECT id FROM tracks WHERE source_id = s.id)) || "
    "' slices=' || (SELECT count(*) FROM slices WHERE track_id IN "
    "  (SELECT id FROM tracks WHERE source_id = s.id)) || "
    "' objects=' || (SELECT count(*) FROM objects WHERE source_id = s.id) || "
    "' errors=' || (SELECT count(*) FROM import_errors WHERE source_id = s.id) || "
    "' blobs=' || coalesce((SELECT group_concat(name, ',') FROM "
    "  (SELECT name FROM blobs WHERE source_id = s.id ORDER BY name)), '') "
    "FROM sources s ORDER BY s.id";

} // namespace

CaseReport checkCase(const QString &path)
{
    CaseReport report;
    try {
        auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadWrite);
        if (file->isReadOnly()) {
            report.problem = QStringLiteral("opened read-only");
            return report;
        }
        Database &db = file->db();
        {
            Statement check = db.prepare("PRAGMA integrity_check");
            QStringList lines;
            while (check.step())
                lines << QString::fromStdString(check.text(0));
            if (lines != QStringList{QStringLiteral("ok")}) {
                report.problem =
                    QStringLiteral("integrity_check: ") + lines.join(QStringLiteral("; "));
                return report;
            }
        }
        // The index's own structure (throws when broken). With SQLite 3.40 this
        // does not compare an external-content index with its content, so:
        db.exec("INSERT INTO logs_fts(logs_fts) VALUES('integrity-check')");
        // every log row indexed, nothing else: the index holds, term for
        // term, what indexing the logs table afresh gives.
        db.exec("CREATE VIRTUAL TABLE temp.crash_fts USING fts5(message);"
                "INSERT INTO temp.crash_fts(rowid, message) SELECT id, message FROM main.logs;"
                "CREATE VIRTUAL TABLE temp.crash_case_terms USING fts5vocab(main, logs_fts, row);"
                "CREATE VIRTUAL TABLE temp.crash_log_terms USING fts5vocab(temp, crash_fts, row);");
        const qint64 termsOff =
            db.scalarInt("SELECT count(*) FROM (SELECT term, doc, cnt FROM temp.crash_case_terms "
                         "EXCEPT SELECT term, doc, cnt FROM temp.crash_log_terms)") +
            db.scalarInt("SELECT count(*) FROM (SELECT term, doc, cnt FROM temp.crash_log_terms "
                         "EXCEPT SELECT term, doc, cnt FROM temp.crash_case_terms)");
        if (termsOff != 0) {
            report.problem = QStringLiteral("the full-text index does not match the logs (%1 terms "
                                            "differ)")
                                 .arg(termsOff);
            return report;
        }
        for (const Rule &rule : kRules) {
            const qint64 count = db.scalarInt(rule.sql);
            if (count != 0) {
                report.problem = QStringLiteral("%1: %2").arg(count).arg(QLatin1String(rule.what));
                return report;
            }
        }
        report.sources = db.scalarInt("SELECT count(*) FROM sources");
        Statement prints = db.prepare(kFingerprintSql);
        while (prints.step())
            report.fingerprints[QString::fromStdString(prints.text(0))]
                << QString::fromStdString(prints.text(1));
        file->checkpoint();
    } catch (const std::exception &error) {
        report.problem = QStringLiteral("cannot open or read: ") + QString::fromUtf8(error.what());
    }
    return report;
}

namespace {

template<typename Fn> bool withDb(const QString &path, int flags, Fn fn)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    sqlite3_busy_timeout(db, 5000);
    fn(db);
    sqlite3_close(db);
    return true;
}

QStringList select(sqlite3 *db, const QString &sql)
{
    QStringList result;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &statement, nullptr) != SQLITE_OK)
        return {QStringLiteral("error: ") + QString::fromUtf8(sqlite3_errmsg(db))};
    while (sqlite3_step(statement) == SQLITE_ROW) {
        QStringList row;
        for (int i = 0; i < sqlite3_column_count(statement); ++i)
            row << QString::fromUtf8(static_cast<const char *>(sqlite3_column_blob(statement, i)),
                                     sqlite3_column_bytes(statement, i));
        result << row.join(u'|');
    }
    sqlite3_finalize(statement);
    return result;
}

} // namespace

int unreadySources(const QString &path)
{
    int count = -1;
    // Read-write, as the next writer would open it: recovers the WAL,
    // changes nothing.
    withDb(path, SQLITE_OPEN_READWRITE, [&](sqlite3 *db) {
        count = select(db, QStringLiteral("SELECT count(*) FROM sources WHERE ready = 0"))
                    .value(0, QStringLiteral("-1"))
                    .toInt();
    });
    return count;
}

QString execSql(const QString &path, const QString &sql)
{
    QString error = QStringLiteral("cannot open");
    withDb(path, SQLITE_OPEN_READWRITE, [&](sqlite3 *db) {
        char *message = nullptr;
        error = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message) == SQLITE_OK
                    ? QString()
                    : QString::fromUtf8(message);
        sqlite3_free(message);
    });
    return error;
}

QString scalar(const QString &path, const QString &sql)
{
    return rows(path, sql).value(0).section(u'|', 0, 0);
}

QStringList rows(const QString &path, const QString &sql)
{
    QStringList result;
    withDb(path, SQLITE_OPEN_READONLY, [&](sqlite3 *db) { result = select(db, sql); });
    return result;
}

KubeServer::~KubeServer()
{
    if (!m_server) return;
    m_server->terminate();
    if (!m_server->waitForFinished(3000)) {
        m_server->kill();
        m_server->waitForFinished();
    }
}

QString KubeServer::start(const QString &dir)
{
    const QString fixtures = QStringLiteral(PERFCASE_FIXTURES "/kube-apiserver");
    const QString portFile = dir + QStringLiteral("/kube.port");
    m_server = std::make_unique<QProcess>();
    // Its complaints about connections a killed kubectl dropped go to a file.
    m_server->setStandardErrorFile(dir + QStringLiteral("/kube.stderr"));
    m_server->start(QStringLiteral("python3"),
                    {fixtures + QStringLiteral("/server.py"), QStringLiteral("--port"),
                     QStringLiteral("0"), QStringLiteral("--port-file"), portFile,
                     QStringLiteral("--log"), dir + QStringLiteral("/kube.log")});
    QElapsedTimer clock;
    clock.start();
    while (!QFile::exists(portFile)) {
        if (clock.elapsed() > 15'000 || m_server->state() == QProcess::NotRunning)
            return QStringLiteral("the Kubernetes API stand-in did not start");
        QThread::msleep(50);
    }
    QFile port(portFile);
    if (!port.open(QIODevice::ReadOnly)) return QStringLiteral("no port file");
    const QByteArray number = port.readAll().trimmed();
    m_kubeconfig = dir + QStringLiteral("/kubeconfig");
    QProcess make;
    make.start(QStringLiteral("python3"), {fixtures + QStringLiteral("/make_kubeconfig.py"),
                                           QString::fromLatin1(number), m_kubeconfig});
    if (!make.waitForFinished(30'000) || make.exitCode() != 0)
        return QStringLiteral("make_kubeconfig.py failed");
    return {};
}

} // namespace crash
