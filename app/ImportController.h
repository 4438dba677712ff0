#pragma once

#include "ImportReportDialog.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QAction;
class QWidget;

namespace perfcase {

class ImportJob;
class ImportProgressWidget;

// File › Import Files… / Import Folder… / Last Import Report…, drops and the
// Checklist's Import: one ImportJob at a time into the open case, its
// progress in the status bar (with Cancel), and the per-file report, opened
// by itself when a file needs attention.
class ImportController : public QObject
{
    Q_OBJECT

public:
    explicit ImportController(QWidget *window);
    ~ImportController() override;

    // The case imports go to; a new case forgets the last import's report.
    void setCase(const QString &casePath, bool readOnly);
    // Starts an import; false (saying why in message()) when none can start.
    bool importPaths(const QStringList &paths);
    // Shows the outcome of the import that ended (after jobFinished(), once
    // the panels show its data).
    void announce();
    void chooseFiles();
    void chooseFolder();
    void showReport();
    void cancel();

    ImportJob *job() const { return m_job; }
    QAction *importFilesAction() const { return m_importFiles; }
    QAction *importFolderAction() const { return m_importFolder; }
    QAction *reportAction() const { return m_report; }
    // For the status bar.
    ImportProgressWidget *progressWidget() const { return m_progress; }

Q_SIGNALS:
    void sourceImported(); // a source is ready (the import goes on)
    void jobFinished();    // the job ended (done, failed or cancelled)
    void busyChanged();
    void message(const QString &text, int timeoutMs);

private:
    void onJobFinished();
    void updateActions();
    QString dialogFolder() const;

    QWidget *m_window;
    QAction *m_importFiles, *m_importFolder, *m_report;
    QPointer<ImportProgressWidget> m_progress; // the status bar may delete it first
    ImportJob *m_job = nullptr;                // a child while it runs
    QString m_casePath;
    bool m_readOnly = false;
    // The last import's outcome, for announce() and the report.
    QString m_summary, m_error, m_errorCase;
    bool m_cancelled = false, m_problems = false;
    QList<ImportReportDialog::Entry> m_entries;
};

} // namespace perfcase
