#include "ImportController.h"

#include "ErrorBox.h"
#include "ImportJob.h"
#include "ImportProgressWidget.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QWidget>

namespace perfcase {

ImportController::ImportController(QWidget *window)
    : QObject(window), m_window(window), m_importFiles(new QAction(tr("&Import Files…"), this)),
      m_importFolder(new QAction(tr("Import &Folder…"), this)),
      m_report(new QAction(tr("Last Import &Report…"), this)), m_progress(new ImportProgressWidget)
{
    m_importFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_importFiles->setToolTip(tr("Logs, traces, HAR files, metrics, kubectl output: the format "
                                 "is detected; you can also drop files on the window"));
    m_importFolder->setToolTip(tr("Every recognised file of a folder, one source each"));
    m_report->setToolTip(tr("What the last import read, skipped and rejected, per file"));
    connect(m_importFiles, &QAction::triggered, this, &ImportController::chooseFiles);
    connect(m_importFolder, &QAction::triggered, this, &ImportController::chooseFolder);
    connect(m_report, &QAction::triggered, this, &ImportController::showReport);
    m_progress->hide();
    connect(m_progress, &ImportProgressWidget::detailsRequested, this,
            &ImportController::showReport);
    connect(m_progress, &ImportProgressWidget::cancelRequested, this, &ImportController::cancel);
    updateActions();
}

ImportController::~ImportController() = default;

void ImportController::setCase(const QString &casePath, bool readOnly)
{
    m_casePath = casePath;
    m_readOnly = readOnly;
    m_entries.clear();
    if (m_progress) m_progress->hide(); // the last import was into another case
    updateActions();
}

bool ImportController::importPaths(const QStringList &paths)
{
    QString refusal;
    if (m_casePath.isEmpty())
        refusal = tr("Open or create a case before importing.");
    else if (m_readOnly)
        refusal = tr("This case is read-only: nothing can be imported into it.");
    else if (m_job)
        refusal = tr("An import is running; wait for it or cancel it first.");
    else if (paths.isEmpty())
        refusal = tr("Nothing to import.");
    if (!refusal.isEmpty()) {
        Q_EMIT message(refusal, 8000);
        return false;
    }
    m_job = new ImportJob(m_casePath, paths, this);
    connect(m_job, &ImportJob::progress, m_progress, &ImportProgressWidget::setProgress);
    connect(m_job, &ImportJob::fileStarted, m_progress, &ImportProgressWidget::setCurrentFile);
    connect(m_job, &ImportJob::fileFinished, this, [this](const ImportOutcome &outcome) {
        if (outcome.status == ImportOutcome::Status::Imported) Q_EMIT sourceImported();
    });
    connect(m_job, &ImportJob::finished, this, &ImportController::onJobFinished);
    m_progress->start();
    m_progress->show();
    m_job->start();
    updateActions();
    Q_EMIT busyChanged();
    return true;
}

void ImportController::onJobFinished()
{
    ImportJob *job = m_job;
    m_job = nullptr;
    job->deleteLater(); // we are inside its signal

    m_problems = false;
    m_entries.clear();
    for (const ImportOutcome &outcome : job->outcomes()) {
        using Severity = ImportReportDialog::Severity;
        const Severity severity = outcome.status == ImportOutcome::Status::Failed
                                      ? Severity::Problem
                                  : ImportJob::needsAttention(outcome) ? Severity::Warning
                                                                       : Severity::Ok;
        m_entries.append({QString::fromStdString(statusName(outcome.status)),
                          QString::fromStdString(outcome.path), ImportJob::describe(outcome),
                          severity});
        m_problems = m_problems || severity != Severity::Ok;
    }
    m_summary = job->summaryText();
    m_error = job->errorString();
    m_errorCase = job->casePath();
    m_cancelled = job->summary().cancelled;
    updateActions();
    Q_EMIT busyChanged();
    Q_EMIT jobFinished();
}

void ImportController::announce()
{
    if (!m_error.isEmpty()) {
        if (m_progress) m_progress->finish(tr("Import failed: %1").arg(m_error), true);
        showErrorBox(m_window, tr("Import Failed"),
                     tr("Cannot import into %1").arg(QDir::toNativeSeparators(m_errorCase)),
                     m_error);
        return;
    }
    if (m_progress) m_progress->finish(m_summary, m_problems);
    // A cancelled import was the user's choice: the status line is enough.
    if (m_problems && !m_cancelled) showReport();
}

void ImportController::showReport()
{
    if (m_entries.isEmpty()) return;
    auto *dialog = new ImportReportDialog(m_summary, m_entries, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ImportController::cancel()
{
    if (m_job) m_job->cancel();
}

void ImportController::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        m_window, tr("Import Files"), dialogFolder(),
        tr("Logs, metrics, traces and HAR (*.log *.txt *.json *.jsonl *.csv *.tsv *.har *.gz "
           "*.bz2);;All files (*)"));
    if (!files.isEmpty()) importPaths(files);
}

void ImportController::chooseFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(m_window, tr("Import Folder"), dialogFolder());
    if (!folder.isEmpty()) importPaths({folder});
}

void ImportController::updateActions()
{
    const bool canImport = !m_casePath.isEmpty() && !m_readOnly && !m_job;
    m_importFiles->setEnabled(canImport);
    m_importFolder->setEnabled(canImport);
    m_report->setEnabled(!m_entries.isEmpty());
}

QString ImportController::dialogFolder() const
{
    return m_casePath.isEmpty() ? QDir::homePath() : QFileInfo(m_casePath).absolutePath();
}

} // namespace perfcase
