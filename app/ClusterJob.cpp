#include "ClusterJob.h"

#include "ImportJob.h"
#include "collect/KubeCollector.h"
#include "prometheus/PrometheusCollector.h"
#include "sqlite/SqlError.h"
#include "transport/Transport.h"

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <exception>

namespace perfcase {

namespace {

using Severity = ImportReportDialog::Severity;

Severity severityOf(const ImportOutcome &outcome)
{
    if (outcome.status != ImportOutcome::Status::Imported) return Severity::Problem;
    return ImportJob::needsAttention(outcome) ? Severity::Warning : Severity::Ok;
}

} // namespace

void ClusterJob::Context::report(const CollectOutcome &outcome)
{
    Entry entry;
    entry.imported = outcome.status == CollectOutcome::Status::Imported;
    entry.report.status = QString::fromStdString(statusName(outcome.status));
    entry.report.path = QString::fromStdString(outcome.commandText);
    if (entry.imported) {
        entry.report.detail = ImportJob::describe(outcome.import);
        entry.report.severity = severityOf(outcome.import);
    } else {
        entry.report.detail = QString::fromStdString(outcome.error);
        entry.report.severity = outcome.status == CollectOutcome::Status::Denied
                                    ? Severity::Warning
                                    : Severity::Problem;
    }
    add(entry);
}

void ClusterJob::Context::report(const PrometheusOutcome &outcome)
{
    Entry entry;
    entry.imported = outcome.imported();
    entry.report.status = QString::fromStdString(statusName(outcome.import.status));
    entry.report.path = QString::fromStdString(outcome.command);
    entry.report.detail = ImportJob::describe(outcome.import);
    entry.report.severity = severityOf(outcome.import);
    add(entry);
}

void ClusterJob::Context::progress(int done, int total, const QString &title)
{
    QMetaObject::invokeMethod(
        &m_job, [job = &m_job, done, total, title] { Q_EMIT job->progress(done, total, title); },
        Qt::QueuedConnection);
}

void ClusterJob::Context::add(const Entry &entry)
{
    QMetaObject::invokeMethod(
        &m_job,
        [job = &m_job, entry] {
            job->m_entries.append(entry);
            Q_EMIT job->entryAdded(entry);
        },
        Qt::QueuedConnection);
}

ClusterJob::ClusterJob(QString title, Work work, QObject *parent)
    : QObject(parent), m_title(std::move(title)), m_work(std::move(work))
{
    qRegisterMetaType<perfcase::ClusterJob::Entry>();
    m_pool.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &ClusterJob::onWorkFinished);
}

ClusterJob::~ClusterJob()
{
    if (m_running) {
        m_token.cancel();
        m_watcher.waitForFinished();
    }
}

void ClusterJob::start()
{
    // A watcher without a future reads as started (Qt's empty future is a
    // cancelled, finished one), so the job keeps its own flag.
    if (m_started) return;
    m_started = m_running = true;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [this] { return work(); }));
}

void ClusterJob::cancel()
{
    m_token.cancel();
}

ClusterJob::Result ClusterJob::work()
{
    Result result;
    Context context(*this);
    try {
        result.summary = m_work(context);
    } catch (const Cancelled &) {
        result.summary = tr("%1: cancelled").arg(m_title);
    } catch (const SqlError &error) {
        result.error = tr("cannot write the case: %1").arg(QString::fromStdString(error.what()));
    } catch (const std::exception &error) {
        result.error = QString::fromStdString(error.what());
    }
    return result;
}

void ClusterJob::onWorkFinished()
{
    const Result result = m_watcher.result();
    m_summary = result.summary;
    m_error = result.error;
    m_running = false;
    Q_EMIT finished();
}

int ClusterJob::importedCount() const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(),
                             [](const Entry &entry) { return entry.imported; }));
}

bool ClusterJob::hasProblems() const
{
    return !m_error.isEmpty() ||
           std::any_of(m_entries.begin(), m_entries.end(), [](const Entry &entry) {
               return entry.report.severity != ImportReportDialog::Severity::Ok;
           });
}

} // namespace perfcase
