#pragma once

#include "import/CancelToken.h"
#include "import/ImportBatch.h"
#include "import/ImportTypes.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <vector>

namespace perfcase {

// One import of files and folders into a case, run on a worker thread with
// a connection of its own (the window keeps reading on its connections).
// Everything it reports arrives queued on the thread that owns the job, so
// receivers never see another thread. Destroying a running job cancels it
// and waits for the file in progress to roll back.
class ImportJob : public QObject
{
    Q_OBJECT

public:
    ImportJob(QString casePath, QStringList paths, QObject *parent = nullptr);
    ~ImportJob() override;

    // Before start(): the worker reads them without a lock.
    void setOptions(const ImportOptions &options) { m_options = options; }
    // Starts the work; a job runs once.
    void start();
    // Asks the worker to stop at its next check; finished() follows.
    void cancel();
    bool isRunning() const { return m_running; }

    QString casePath() const { return m_casePath; }
    QStringList paths() const { return m_paths; }
    // Each file's outcome so far, in order.
    const std::vector<ImportOutcome> &outcomes() const { return m_outcomes; }
    const ImportBatch::Summary &summary() const { return m_summary; }
    // Why the case itself could not be written (cannot open, read-only,
    // disk full...); empty when every file got an outcome.
    QString errorString() const { return m_error; }
    // One line for the status bar: how many files went which way.
    QString summaryText() const;

    // One outcome in words for the import report ("source #3, access-combined,
    // 10,000 records, 0 rejected", "line 12: no timestamped record found").
    static QString describe(const ImportOutcome &outcome);
    // Whether the user should look at this file: not imported as a whole
    // (failed, skipped, cancelled, partial), rejected lines, or warnings.
    static bool needsAttention(const ImportOutcome &outcome);

Q_SIGNALS:
    // fileIndex is 0-based; done and total are bytes of that file.
    void progress(int fileIndex, int fileCount, qint64 done, qint64 total);
    // The file the worker starts on (folders are expanded into files).
    void fileStarted(int fileIndex, int fileCount, const QString &path);
    void fileFinished(const perfcase::ImportOutcome &outcome);
    void finished(const perfcase::ImportBatch::Summary &summary);

private:
    struct WorkResult
    {
        ImportBatch::Summary summary;
        QString error;
    };
    WorkResult work();
    void onWorkFinished();

    QString m_casePath;
    QStringList m_paths;
    ImportOptions m_options;
    CancelToken m_token;
    // Its own pool: the import thread runs at a lower priority (nice), which
    // it would otherwise leave behind in a shared pool thread.
    QThreadPool m_pool;
    QFutureWatcher<WorkResult> m_watcher;
    std::vector<ImportOutcome> m_outcomes;
    ImportBatch::Summary m_summary;
    QString m_error;
    bool m_running = false;
    bool m_started = false;
};

} // namespace perfcase

Q_DECLARE_METATYPE(perfcase::ImportOutcome)
Q_DECLARE_METATYPE(perfcase::ImportBatch::Summary)
