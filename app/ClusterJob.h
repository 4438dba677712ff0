#pragma once

#include "ImportReportDialog.h"
#include "import/CancelToken.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <functional>

namespace perfcase {

struct CollectOutcome;
struct PrometheusOutcome;

// One piece of cluster work on a worker thread of its own: a connection
// check, a collection, live sampling or a Prometheus query. The work writes
// into the case on a connection of its own, as an import does; what it
// reports arrives queued on the thread that owns the job. Destroying a
// running job cancels it and waits for it.
class ClusterJob : public QObject
{
    Q_OBJECT

public:
    // How one command or query went, for the report and the status bar.
    struct Entry
    {
        ImportReportDialog::Entry report;
        bool imported = false;
    };

    // What the work sees, on the worker thread.
    class Context
    {
    public:
        const CancelToken &token() const { return m_job.m_token; }
        void report(const CollectOutcome &outcome);
        void report(const PrometheusOutcome &outcome);
        // done of total commands; title: the one starting.
        void progress(int done, int total, const QString &title);

    private:
        friend class ClusterJob;
        explicit Context(ClusterJob &job) : m_job(job) {}
        void add(const Entry &entry);
        ClusterJob &m_job;
    };

    // Returns a line for the status bar; throws to fail (the message is
    // shown), Cancelled when it noticed the token.
    using Work = std::function<QString(Context &)>;

    ClusterJob(QString title, Work work, QObject *parent = nullptr);
    ~ClusterJob() override;

    // Starts the work; a job runs once.
    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_token.isCancelled(); }

    QString title() const { return m_title; }
    const QList<Entry> &entries() const { return m_entries; }
    int importedCount() const;
    bool hasProblems() const;
    // Once finished: the work's line, or why it failed ("" when it did not).
    QString summary() const { return m_summary; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void progress(int done, int total, const QString &title);
    void entryAdded(const perfcase::ClusterJob::Entry &entry);
    void finished();

private:
    struct Result
    {
        QString summary, error;
    };
    Result work();
    void onWorkFinished();

    QString m_title;
    Work m_work;
    CancelToken m_token;
    QThreadPool m_pool;
    QFutureWatcher<Result> m_watcher;
    QList<Entry> m_entries;
    QString m_summary, m_error;
    bool m_running = false;
    bool m_started = false;
};

} // namespace perfcase

Q_DECLARE_METATYPE(perfcase::ClusterJob::Entry)
