#include "ImportJob.h"

#include "CaseFile.h"
#include "CaseFileError.h"
#include "import/ImporterRegistry.h"
#include "sqlite/SqlError.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace perfcase {

namespace {
constexpr int kImportNice = 5;
}

ImportJob::ImportJob(QString casePath, QStringList paths, QObject *parent)
    : QObject(parent), m_casePath(std::move(casePath)), m_paths(std::move(paths))
{
    m_pool.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcher<WorkResult>::finished, this, &ImportJob::onWorkFinished);
}

ImportJob::~ImportJob()
{
    if (m_running) {
        m_token.cancel();
        // The worker calls back into this object; it must be done first.
        m_watcher.waitForFinished();
    }
}

void ImportJob::start()
{
    if (m_started) return;
    m_started = true;
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [this] { return work(); }));
}

void ImportJob::cancel()
{
    m_token.cancel();
}

ImportJob::WorkResult ImportJob::work()
{
    // Runs on a pool thread: touches only what start() froze, the atomic
    // token, and posts everything else to the job's own thread.
    // The window stays responsive on two cores: the import (and the parser
    // thread it starts, which inherits this) yields to the GUI thread.
    ::setpriority(PRIO_PROCESS, pid_t(::syscall(SYS_gettid)), kImportNice);
    WorkResult result;
    std::vector<std::string> paths;
    for (const QString &path : m_paths)
        paths.push_back(path.toStdString());
    int announced = -1;
    auto onProgress = [&](int index, int count, const std::string &file, std::uint64_t done,
                          std::uint64_t total) {
        if (index != announced) {
            announced = index;
            const QString path = QString::fromStdString(file);
            QMetaObject::invokeMethod(
                this, [this, index, count, path] { Q_EMIT fileStarted(index, count, path); },
                Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(
            this,
            [this, index, count, done = qint64(done), total = qint64(total)] {
                Q_EMIT progress(index, count, done, total);
            },
            Qt::QueuedConnection);
    };
    auto onFile = [this](const ImportOutcome &outcome) {
        QMetaObject::invokeMethod(
            this,
            [this, outcome] {
                m_outcomes.push_back(outcome);
                Q_EMIT fileFinished(outcome);
            },
            Qt::QueuedConnection);
    };
    const std::string casePath = m_casePath.toStdString();
    try {
        auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite);
        file->requireWritable();
        const ImporterRegistry importers;
        ImportBatch batch(*file, importers);
        result.summary = batch.run(paths, m_options, m_token, onFile, onProgress);
        file->checkpoint();
    } catch (const CaseFileError &error) {
        result.error = QString::fromStdString(error.what());
    } catch (const SqlError &error) {
        result.error = tr("cannot write the case: %1").arg(QString::fromStdString(error.what()));
    } catch (const std::exception &error) {
        result.error = QString::fromStdString(error.what());
    }
    if (m_token.isCancelled()) result.summary.cancelled = true;
    return result;
}

void ImportJob::onWorkFinished()
{
    const WorkResult result = m_watcher.result();
    m_summary = result.summary;
    m_error = result.error;
    m_running = false;
    Q_EMIT finished(m_summary);
}

QString ImportJob::summaryText() const
{
    qint64 records = 0;
    for (const ImportOutcome &outcome : m_outcomes) {
        if (outcome.status == ImportOutcome::Status::Imported) records += outcome.records;
    }
    QStringList parts;
    // No English .qm ships yet, so "%n file(s)" would show as written.
    parts << (m_summary.imported == 1 ? tr("Imported 1 file")
                                      : tr("Imported %1 files").arg(m_summary.imported)) +
                 u' ' + tr("(%1 records)").arg(QLocale().toString(records));
    if (m_summary.duplicates > 0)
        parts << tr("%n already in the case", nullptr, m_summary.duplicates);
    if (m_summary.skipped > 0) parts << tr("%n skipped", nullptr, m_summary.skipped);
    if (m_summary.failed > 0) parts << tr("%n failed", nullptr, m_summary.failed);
    if (m_summary.cancelled) {
        // A cancel that comes while the last file is being indexed finds
        // nothing left to roll back.
        const bool rolledBack =
            std::any_of(m_outcomes.begin(), m_outcomes.end(), [](const ImportOutcome &outcome) {
                return outcome.status == ImportOutcome::Status::Cancelled;
            });
        parts << (rolledBack ? tr("cancelled: the file in progress was rolled back")
                             : tr("cancelled"));
    }
    return parts.join(QStringLiteral("; "));
}

QString ImportJob::describe(const ImportOutcome &outcome)
{
    using Status = ImportOutcome::Status;
    QStringList details;
    switch (outcome.status) {
    case Status::Imported:
        details << tr("source #%1, %2, %3 records, %4 rejected")
                       .arg(QString::number(outcome.sourceId),
                            QString::fromStdString(outcome.format),
                            QLocale().toString(outcome.records),
                            QLocale().toString(outcome.rejected));
        if (outcome.partial) details << tr("partial: the input ends early");
        break;
    case Status::Duplicate:
        details << tr("already imported as source #%1").arg(outcome.sourceId);
        break;
    case Status::Cancelled:
        details << tr("cancelled: rolled back");
        break;
    case Status::Skipped:
    case Status::Failed: {
        QString where;
        if (outcome.errorLine > 0)
            where = tr("line %1: ").arg(outcome.errorLine);
        else if (outcome.errorByte >= 0)
            where = tr("byte %1: ").arg(outcome.errorByte);
        details << where + QString::fromStdString(outcome.error);
        break;
    }
    }
    for (const ImportNotice &warning : outcome.warnings) {
        QString where;
        if (warning.line > 0) where = tr("line %1: ").arg(warning.line);
        details << tr("warning: %1").arg(where + QString::fromStdString(warning.message));
    }
    return details.join(QStringLiteral("; "));
}

bool ImportJob::needsAttention(const ImportOutcome &outcome)
{
    using Status = ImportOutcome::Status;
    if (outcome.status != Status::Imported && outcome.status != Status::Duplicate) return true;
    return outcome.partial || outcome.rejected > 0 || !outcome.warnings.empty();
}

} // namespace perfcase
