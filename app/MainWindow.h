#pragma once

#include "RecentFiles.h"
#include "WindowLayout.h"

#include <QList>
#include <QMainWindow>
#include <QString>
#include <QStringList>
#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;

namespace perfcase {

class CaseExplorer;
class CaseStatusLabel;
class ClusterController;
class ChecklistDock;
class ImportController;
class ImportJob;
class ReportExporter;
class ShareExporter;
class TeammateMerger;
class LogExplorer;
class LogExplorerModel;
class SqlConsole;
class TimelineWidget;
class ViewState;

// Assembles the window: menus and actions; the timeline over the log
// explorer in the middle, the case explorer on the left, the checklist on the
// right and the SQL console below; the status bar, and the import job's
// lifetime. The panels are their own classes and share one ViewState
// (selection, cursor, display zone); this one only wires them to the open
// case and to each other.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a case; on failure shows why and keeps the case that was open.
    void openCase(const QString &path);
    // Opens the bundled demo case (DemoCase), building it the first time
    // off the GUI thread, with the import-lag checklist shown.
    void openDemo();
    // Imports files and folders into the open case off the GUI thread.
    // Returns false (and says why in the status bar) when it cannot start.
    bool importPaths(const QStringList &paths);

    QString casePath() const { return m_casePath; }
    bool isReadOnly() const { return m_readOnly; }
    LogExplorerModel *logModel() const;
    ViewState *viewState() const { return m_view; }
    TimelineWidget *timeline() const { return m_timeline; }
    LogExplorer *logExplorer() const { return m_logExplorer; }
    CaseExplorer *caseExplorer() const { return m_explorer; }
    SqlConsole *sqlConsole() const { return m_console; }
    ChecklistDock *checklist() const { return m_checklist; }
    QDockWidget *checklistDock() const { return m_checklistDock; }
    ImportJob *currentImport() const;
    QAction *importAction() const;
    ClusterController *cluster() const { return m_cluster; }
    ShareExporter *sharer() const { return m_sharer; }
    TeammateMerger *merger() const { return m_merger; }

Q_SIGNALS:
    // After an import's results are shown and the tables refreshed.
    void importFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createPanels();
    void createActions();
    void createCluster();
    void setPanelsCase(const QString &path);
    // Refreshes the panels one per turn of the event loop, then calls done.
    void refreshPanels(const std::function<void()> &done);
    void showShortcuts();
    void newCase();
    void chooseCase();
    void fillRecentMenu();
    void updateActions();
    void updateCaseStatus();
    // The docks and the timeline/log split as the user left them (QSettings),
    // restored when the first case opens, saved on close.
    QString dialogFolder() const;

    ViewState *m_view;
    TimelineWidget *m_timeline;
    LogExplorer *m_logExplorer;
    CaseExplorer *m_explorer;
    SqlConsole *m_console;
    ChecklistDock *m_checklist;
    QStackedWidget *m_stack;
    QWidget *m_workbench;
    QDockWidget *m_explorerDock;
    QDockWidget *m_consoleDock;
    QDockWidget *m_checklistDock;
    ImportController *m_imports;
    CaseStatusLabel *m_caseStatus;
    QLabel *m_readOnlyLabel;
    QMenu *m_recentMenu = nullptr;
    QAction *m_new = nullptr, *m_open = nullptr, *m_exportReport = nullptr;
    ReportExporter *m_exporter = nullptr;
    ClusterController *m_cluster = nullptr;
    ShareExporter *m_sharer = nullptr;
    TeammateMerger *m_merger = nullptr;

    RecentFiles m_recent;
    WindowLayout m_layout;
    QString m_casePath;
    bool m_readOnly = false;
    bool m_closeWhenIdle = false;
};

} // namespace perfcase
