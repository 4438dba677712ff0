#pragma once

// What the crash and fault tests share: running the real perfcase binary
// (to completion, or killed with SIGKILL after a delay), the Kubernetes API
// stand-in, and the checks a case must pass after any kill: it opens, its
// integrity is ok, every source is ready and whole, no row lost its source.

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <functional>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace crash {

struct Run
{
    int exitCode = -1;
    bool killed = false;   // SIGKILL arrived while perfcase still ran
    bool finished = false; // perfcase exited on its own (before any kill)
    qint64 ms = 0;         // from start to exit (or to the kill)
    QByteArray out, err;
};

// The environment perfcase runs in: the test's own without a display, plus
// extra (HOME, XDG_DATA_HOME, KUBECONFIG…).
QProcessEnvironment environment(const QMap<QString, QString> &extra);

// Runs perfcase to completion.
Run cli(const QStringList &arguments, const QProcessEnvironment &env, int timeoutMs = 180'000);
// Runs perfcase to completion, noting when (ms from start) each line of its
// standard output arrived: where its steps end (an import's JSON line is
// printed once the source is ready).
Run cliTimed(const QStringList &arguments, const QProcessEnvironment &env,
             QList<qint64> &lineTimes);
// Starts perfcase, sends SIGKILL after killAfterMs (if it still runs), and
// reaps it. Only perfcase is killed: a kubectl it started finishes alone.
Run cliKilled(const QStringList &arguments, const QProcessEnvironment &env, int killAfterMs);

// Starts perfcase and polls shouldKill (every millisecond or so, with the
// ms since the start) until it says so, then sends SIGKILL; or perfcase ends.
Run cliKilledWhen(const QStringList &arguments, const QProcessEnvironment &env,
                  const std::function<bool(qint64)> &shouldKill, int timeoutMs = 180'000);

// The kill points the check, merge and export tests share. Even runs: at a
// random time from start-up to a little past typicalMs (a whole run's time).
// Odd runs: at a random time of up to afterMaxMs after started() first says
// the work has begun (a file appeared), whatever start-up cost. delayMs is
// the kill's time (even runs: also when perfcase ended first; odd runs: -1
// then).
struct KillPoint
{
    Run run;
    int delayMs = -1;
};
KillPoint killAtRandomPoint(const QStringList &arguments, const QProcessEnvironment &env, int run,
                            QRandomGenerator &random, qint64 typicalMs,
                            const std::function<bool()> &started, qint64 afterMaxMs);

// Whether to kill once more: the planned runs first, then, while too few
// kills landed where the test needs them (a loaded machine shifts every
// calibrated time), up to three times as many. What each kill left is
// checked all the same; only the coverage waits for more tries.
inline bool killAgain(int run, int runs, bool covered)
{
    return run < runs || (!covered && run < 3 * runs);
}

// Watches a case the way a second reader (the window) does, through its own
// read-only connection: the newest source that is not ready yet, being
// written by an import.
class SourceWatch
{
public:
    explicit SourceWatch(const QString &path) : m_path(path) {}
    ~SourceWatch();
    SourceWatch(const SourceWatch &) = delete;
    SourceWatch &operator=(const SourceWatch &) = delete;
    // The id of a source being written now, else 0.
    qint64 sourceBeingWritten();

private:
    QString m_path;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

QByteArray sha256OfFile(const QString &path);
// A kubectl-logs style file of lines (about 80 bytes each), made by the test
// so it needs no fixture of that size.
bool writeKubectlLog(const QString &path, int lines);
// Copies a case file (main file only: the source must be checkpointed).
bool copyFile(const QString &from, const QString &to);
// Removes a case file and its -wal, -shm and -journal.
void removeCase(const QString &path);

// What a source holds, as one comparable line: format, state, counts of its
// rows per table, the names of its blobs.
using Fingerprints = QMap<QString, QStringList>; // source name -> one line per source

struct CaseReport
{
    QString problem; // empty: every check passed
    qint64 sources = 0;
    Fingerprints fingerprints;
};

// Opens the case the way the product does (CaseFile::open, ReadWrite: it
// also deletes abandoned sources) and checks it: integrity_check ok, the
// full-text index whole and holding exactly the logs rows (term for term),
// every source ready, every track's row_count equal to its rows, no row
// whose source or track is gone.
CaseReport checkCase(const QString &path);

// Plain SQLite, before the product opens the file: how many sources a
// killed process left not ready (a sign that the kill landed mid-import).
int unreadySources(const QString &path);

// One value (first column of the first row) through plain SQLite; "" when
// there is none.
QString scalar(const QString &path, const QString &sql);
// Runs SQL through plain SQLite (to damage a case on purpose); "" or the error.
QString execSql(const QString &path, const QString &sql);
// Every row, columns joined with '|', through plain SQLite, read-only.
QStringList rows(const QString &path, const QString &sql);

// The Kubernetes API stand-in of tests/fixtures/kube-apiserver, started on
// 127.0.0.1 with a kubeconfig for it; stopped with the object.
class KubeServer
{
public:
    KubeServer() = default;
    ~KubeServer();
    // Empty when it runs; else why not.
    QString start(const QString &dir);
    QString kubeconfig() const { return m_kubeconfig; }

private:
    std::unique_ptr<QProcess> m_server;
    QString m_kubeconfig;
};

} // namespace crash
