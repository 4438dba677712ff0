#pragma once

#include "ImportReportDialog.h"
#include "RecentFiles.h"

#include <QList>
#include <QMainWindow>
#include <QString>
#include <QStringList>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;

namespace perfcase {

class ImportJob;
class ImportProgressWidget;
class LogTableModel;
class LogTableView;
class SourcesModel;
class SourcesView;

// Assembles the window: menus and actions, the sources and log panels, the
// status bar, and the import job's lifetime. The panels are their own
// classes; this one only wires them to the open case.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a case; on failure shows why and keeps the case that was open.
    void openCase(const QString &path);
    // Imports files and folders into the open case off the GUI thread.
    // Returns false (and says why in the status bar) when it cannot start.
    bool importPaths(const QStringList &paths);

    QString casePath() const { return m_casePath; }
    bool isReadOnly() const { return m_readOnly; }
    SourcesModel *sourcesModel() const { return m_sources; }
    LogTableModel *logModel() const { return m_logs; }
    ImportJob *currentImport() const { return m_job; }
    QAction *importAction() const { return m_importFiles; }

Q_SIGNALS:
    // After an import's results are shown and the tables refreshed.
    void importFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void newCase();
    void chooseCase();
    void chooseFilesToImport();
    void chooseFolderToImport();
    void fillRecentMenu();
    void updateActions();
    void updateCaseStatus();
    void onImportFinished();
    void showImportReport();
    void showError(const QString &title, const QString &text, const QString &reason);
    QString dialogFolder() const;

    SourcesModel *m_sources;
    LogTableModel *m_logs;
    SourcesView *m_sourcesView;
    LogTableView *m_logView;
    QStackedWidget *m_stack;
    QDockWidget *m_sourcesDock;
    ImportProgressWidget *m_progress;
    QLabel *m_caseStatus;
    QLabel *m_readOnlyLabel;
    QMenu *m_recentMenu = nullptr;
    QAction *m_new = nullptr, *m_open = nullptr, *m_importFiles = nullptr,
            *m_importFolder = nullptr, *m_report = nullptr;

    RecentFiles m_recent;
    ImportJob *m_job = nullptr; // child of the window while it runs
    QString m_casePath;
    bool m_readOnly = false;
    bool m_closeWhenIdle = false;
    QString m_reportSummary;
    QList<ImportReportDialog::Entry> m_reportEntries;
};

} // namespace perfcase
