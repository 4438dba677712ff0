#include "MainWindow.h"

#include "AboutDialog.h"
#include "CaseExplorer.h"
#include "CaseFile.h"
#include "CaseOpener.h"
#include "CaseStatusLabel.h"
#include "CaseTreeModel.h"
#include "ChecklistDock.h"
#include "ClusterController.h"
#include "ClusterStatusWidget.h"
#include "DemoCase.h"
#include "ErrorBox.h"
#include "ImportController.h"
#include "LogExplorer.h"
#include "LogExplorerModel.h"
#include "PreferencesDialog.h"
#include "ProgressRunner.h"
#include "ReportExporter.h"
#include "ShareExporter.h"
#include "ShortcutsDialog.h"
#include "SqlConsole.h"
#include "TeammateMerger.h"
#include "TimeZoneMenu.h"
#include "TimelineWidget.h"
#include "UserIdentity.h"
#include "ViewState.h"
#include "WindowLayout.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <algorithm>
#include <exception>

namespace perfcase {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}


} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_view(new ViewState(this)), m_timeline(new TimelineWidget),
      m_logExplorer(new LogExplorer), m_explorer(new CaseExplorer), m_console(new SqlConsole),
      m_checklist(new ChecklistDock), m_stack(new QStackedWidget),
      m_workbench(new QSplitter(Qt::Vertical)), m_explorerDock(new QDockWidget(tr("Case"), this)),
      m_consoleDock(new QDockWidget(tr("SQL Console"), this)),
      m_checklistDock(new QDockWidget(tr("Checklist"), this)),
      m_imports(new ImportController(this)),
      m_caseStatus(new CaseStatusLabel), m_readOnlyLabel(new QLabel(tr("Read-only"))),
      m_exporter(new ReportExporter(this)), m_sharer(new ShareExporter(this)),
      m_merger(new TeammateMerger(this)),
      m_layout(this, static_cast<QSplitter *>(m_workbench), m_explorerDock, m_checklistDock)
{
    createPanels();
    createCluster();

    m_readOnlyLabel->setToolTip(tr("This case file cannot be written: Import is disabled."));
    m_readOnlyLabel->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_readOnlyLabel->hide();
    statusBar()->addPermanentWidget(m_imports->progressWidget());
    statusBar()->addPermanentWidget(m_cluster->progressWidget());
    statusBar()->addPermanentWidget(m_sharer->progressWidget());
    statusBar()->addPermanentWidget(m_merger->progressWidget());
    statusBar()->addPermanentWidget(m_readOnlyLabel);
    statusBar()->addPermanentWidget(m_caseStatus);
    statusBar()->addPermanentWidget(m_cluster->statusWidget());
    // Each source shows as soon as it is ready; the log table waits for the
    // end so it does not jump back to the top under the user.
    connect(m_imports, &ImportController::sourceImported, m_explorer, &CaseExplorer::refresh);
    connect(m_imports, &ImportController::jobFinished, this, [this] {
        refreshPanels([this] {
            m_imports->announce();
            Q_EMIT importFinished();
            if (m_closeWhenIdle) close();
        });
    });
    connect(m_imports, &ImportController::busyChanged, this, &MainWindow::updateActions);
    connect(m_imports, &ImportController::message, statusBar(), &QStatusBar::showMessage);
    auto showPanelError = [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
    };
    connect(m_logExplorer, &LogExplorer::errorOccurred, this, showPanelError);
    connect(m_explorer, &CaseExplorer::errorOccurred, this, showPanelError);
    connect(m_explorer->treeModel(), &CaseTreeModel::modelReset, this,
            &MainWindow::updateCaseStatus);

    createActions();
    setAcceptDrops(true);
    setWindowTitle(tr("No case"));
    m_layout.restoreGeometry();
    // Menu actions carry tooltips that say what they do; show them.
    std::function<void(const QList<QAction *> &)> showTips = [&](const QList<QAction *> &actions) {
        for (QAction *action : actions)
            if (QMenu *menu = action->menu()) {
                menu->setToolTipsVisible(true);
                showTips(menu->actions());
            }
    };
    showTips(menuBar()->actions());
    updateActions();
}

void MainWindow::createPanels()
{
    TimeZoneMenu::rememberChoices(m_view);
    m_timeline->setViewState(m_view);
    m_logExplorer->setViewState(m_view);
    m_checklist->setViewState(m_view);

    auto *welcome = new QLabel(
        tr("<p><b>No case open.</b></p>"
           "<p><a href=\"new\">New case…</a> (Ctrl+N) &nbsp; <a href=\"open\">Open case…</a> "
           "(Ctrl+O) &nbsp; <a href=\"demo\">Open the demo case</a></p>"
           "<p>Drop a .perfcase file here to open it, or logs, traces, HAR files, "
           "metrics and kubectl output to import them.</p>"));
    welcome->setAlignment(Qt::AlignCenter);
    connect(welcome, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("new"))
            newCase();
        else if (link == QLatin1String("open"))
            chooseCase();
        else if (link == QLatin1String("demo"))
            openDemo();
    });
    auto *split = static_cast<QSplitter *>(m_workbench);
    split->addWidget(m_timeline);
    split->addWidget(m_logExplorer);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400}); // scaled to the window: the timeline gets three fifths
    split->setChildrenCollapsible(false);
    m_stack->addWidget(welcome);
    m_stack->addWidget(m_workbench);
    setCentralWidget(m_stack);

    auto dock = [this](QDockWidget *dock, const QString &name, QWidget *panel,
                       Qt::DockWidgetArea area) {
        dock->setObjectName(name);
        dock->setWidget(panel);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                          QDockWidget::DockWidgetClosable);
        addDockWidget(area, dock);
        dock->hide();
    };
    dock(m_explorerDock, QStringLiteral("caseDock"), m_explorer, Qt::LeftDockWidgetArea);
    dock(m_consoleDock, QStringLiteral("consoleDock"), m_console, Qt::BottomDockWidgetArea);
    dock(m_checklistDock, QStringLiteral("checklistDock"), m_checklist, Qt::RightDockWidgetArea);
    m_explorerDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_consoleDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_checklistDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));

    // The panels talk through the window, never to each other directly.
    connect(m_explorer, &CaseExplorer::sourceActivated, this,
            [this](qint64 sourceId) { m_logExplorer->setSourceFilter({sourceId}); });
    connect(m_explorer, &CaseExplorer::trackActivated, m_timeline, &TimelineWidget::addTrackLane);
    connect(m_console, &SqlConsole::showAsTrack, this,
            [this](const QString &title, const QString &sql) {
                QString error;
                if (m_timeline->addQueryLane(title, sql, &error))
                    statusBar()->showMessage(
                        tr("Added the lane \u201c%1\u201d to the timeline").arg(title), 5000);
                else
                    statusBar()->showMessage(tr("Cannot show as a track: %1").arg(error), 10000);
            });
    connect(m_checklist, &ChecklistDock::evidenceActivated, this, [this](qint64 from, qint64 to) {
        // The range in the middle of the view with as much context around it
        // (at least 2 s: an instant alone says little); the panel has set the
        // shared selection, which the timeline highlights.
        const qint64 margin = std::max<qint64>((to - from) / 2, 2'000'000'000);
        m_timeline->setVisibleRange(from - margin, to + margin);
    });
    connect(m_checklist, &ChecklistDock::importRequested, m_imports,
            &ImportController::chooseFiles);
    connect(m_checklist->runAction(), &QAction::triggered, m_checklistDock, &QDockWidget::show);
    connect(this, &MainWindow::importFinished, m_checklist, &ChecklistDock::runChecks);
    connect(m_timeline, &TimelineWidget::clockOffsetChanged, this, [this] {
        m_explorer->refresh();
        m_logExplorer->refresh();
    });
}

void MainWindow::createCluster()
{
    m_cluster = new ClusterController(this);
    m_cluster->setPlaybookSource(
        [this] { return m_checklist->catalog().find(m_checklist->playbookId().toStdString()); });
    // The investigation window: the selected range, else what the timeline
    // shows; none for a case without records (the dialog then offers the
    // last hour).
    m_cluster->setWindowSource(
        [this] {
            if (m_explorer->treeModel()->totalRecords() == 0) return std::pair<qint64, qint64>{};
            const ViewState::Range range = m_view->selection().value_or(m_timeline->visibleRange());
            // An instant or a short request selected: the minutes around it,
            // since Prometheus scrapes every 15 to 60 s.
            constexpr qint64 kMinSpan = 5 * 60 * 1'000'000'000LL;
            if (range.to - range.from < kMinSpan) {
                const qint64 from = range.from + (range.to - range.from) / 2 - kMinSpan / 2;
                return std::pair<qint64, qint64>{from, from + kMinSpan};
            }
            return std::pair<qint64, qint64>{range.from, range.to};
        },
        [this] { return m_timeline->width(); });
    connect(m_checklist, &ChecklistDock::collectRequested, m_cluster,
            &ClusterController::chooseCollection);
    connect(m_cluster, &ClusterController::message, statusBar(), &QStatusBar::showMessage);
    connect(m_cluster, &ClusterController::caseChanged, this, [this](bool finished) {
        if (m_casePath.isEmpty()) return;
        refreshPanels([this, finished] {
            updateCaseStatus();
            // The new data changes what the steps see.
            if (finished) m_checklist->runChecks();
        });
    });
}

LogExplorerModel *MainWindow::logModel() const
{
    return m_logExplorer->model();
}

void MainWindow::setPanelsCase(const QString &path)
{
    m_timeline->setCase(path);
    m_logExplorer->setCase(path);
    m_explorer->setCase(path);
    m_console->setCase(path);
    m_checklist->setCase(path);
}

void MainWindow::refreshPanels(const std::function<void()> &done)
{
    // One panel per turn of the event loop: the window never stalls for
    // all of them at once after a large import.
    m_explorer->refresh();
    QTimer::singleShot(0, this, [this, done] {
        m_logExplorer->refresh();
        QTimer::singleShot(0, this, [this, done] {
            m_timeline->refresh();
            // done() re-runs the checklist's checks: a turn of its own too.
            QTimer::singleShot(0, this, done);
        });
    });
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(menuBar(), ShortcutsDialog::panelGestures(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_new = file->addAction(tr("&New Case…"), this, &MainWindow::newCase);
    m_new->setShortcut(QKeySequence::New);
    m_open = file->addAction(tr("&Open Case…"), this, &MainWindow::chooseCase);
    m_open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    file->addActions({m_imports->importFilesAction(), m_imports->importFolderAction(),
                      m_imports->reportAction()});
    file->addSeparator();
    // The report of the playbook the Checklist shows.
    m_exportReport = file->addAction(tr("&Export Report…"), this, [this] {
        if (const Playbook *playbook =
                m_checklist->catalog().find(m_checklist->playbookId().toStdString()))
            m_exporter->exportInteractive(m_casePath, *playbook);
    });
    m_exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exporter, &ReportExporter::started, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Writing the report %1…").arg(QDir::toNativeSeparators(path)));
        updateActions();
    });
    connect(m_exporter, &ReportExporter::finished, this,
            [this](const QString &path, const QString &error) {
                updateActions();
                if (error.isEmpty()) {
                    statusBar()->showMessage(
                        tr("Report written: %1").arg(QDir::toNativeSeparators(path)), 10000);
                } else {
                    statusBar()->clearMessage();
                    QMessageBox::warning(this, tr("Export Report"),
                                         tr("The report could not be written: %1").arg(error));
                }
            });
    file->addAction(m_sharer->action());
    connect(m_sharer, &ShareExporter::message, statusBar(), &QStatusBar::showMessage);
    file->addAction(m_merger->action());
    connect(m_merger, &TeammateMerger::message, statusBar(), &QStatusBar::showMessage);
    connect(m_merger, &TeammateMerger::merged, this,
            [this] { refreshPanels([this] { updateCaseStatus(), m_checklist->runChecks(); }); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    // The desktop's icon theme when there is one, else the style's own.
    auto icon = [this](QAction *action, const char *name, QStyle::StandardPixmap fallback) {
        action->setIcon(QIcon::fromTheme(QLatin1String(name), style()->standardIcon(fallback)));
    };
    icon(m_new, "document-new", QStyle::SP_FileIcon);
    icon(m_open, "document-open", QStyle::SP_DialogOpenButton);
    icon(m_imports->importFilesAction(), "document-import", QStyle::SP_FileDialogNewFolder);
    icon(m_imports->importFolderAction(), "folder-open", QStyle::SP_DirOpenIcon);
    icon(m_exportReport, "document-export", QStyle::SP_DialogSaveButton);
    icon(quit, "application-exit", QStyle::SP_DialogCloseButton);
    icon(m_timeline->fitAllAction(), "zoom-fit-best", QStyle::SP_TitleBarMaxButton);
    icon(m_checklist->runAction(), "view-refresh", QStyle::SP_BrowserReload);
    m_new->setToolTip(tr("Create an empty case file to import into"));
    m_open->setToolTip(tr("Open a .perfcase file (a teammate's too: it is checked first)"));
    quit->setToolTip(tr("Close the window; an import in progress is cancelled and rolled back "
                        "first"));
    m_exportReport->setToolTip(
        tr("The checklist's playbook as a Markdown or PDF report: verdict, evidence, fixes"));

    menuBar()->addMenu(tr("&Edit"))->addAction(PreferencesDialog::openAction(this, m_view));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_explorerDock->toggleViewAction());
    view->addAction(m_consoleDock->toggleViewAction());
    view->addAction(m_checklistDock->toggleViewAction());
    view->addSeparator();
    view->addMenu(new TimeZoneMenu(m_view, view));

    QMenu *timeline = menuBar()->addMenu(tr("&Timeline"));
    timeline->addAction(m_timeline->fitAllAction());
    timeline->addAction(m_timeline->zoomInAction());
    timeline->addAction(m_timeline->zoomOutAction());
    timeline->addAction(m_timeline->zoomToSelectionAction());
    timeline->addSeparator();
    timeline->addAction(m_timeline->addAnnotationAction());
    timeline->addAction(m_timeline->exportAction());

    QMenu *logs = menuBar()->addMenu(tr("&Logs"));
    logs->addActions(m_logExplorer->actions());

    QMenu *checklist = menuBar()->addMenu(tr("&Checklist"));
    checklist->addActions(m_checklist->actions());

    menuBar()->addMenu(m_cluster->menu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts =
        help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("Open the &Demo Case"), this, &MainWindow::openDemo)
        ->setToolTip(tr("A recorded investigation of a table UI that lags after a 10k-row "
                        "import, checked with the import-lag playbook"));
    QAction *about = help->addAction(tr("&About Perfcase"), this, [this] {
        auto *dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::openDemo()
{
    if (m_imports->job()) {
        statusBar()->showMessage(tr("Wait for the import to finish (or cancel it) first."));
        return;
    }
    struct Prepared
    {
        QString path, error;
    };
    // The first time imports the recording (a few seconds); no Cancel: an
    // interrupted build is redone next time anyway.
    const Prepared prepared = runWithProgress<Prepared>(
        this, tr("Demo Case"),
        tr("Preparing the demo case…\nThe first time, its recording is imported and checked."), [] {
            try {
                return Prepared{fromStd(DemoCase::prepare()), {}};
            } catch (const std::exception &error) {
                return Prepared{{}, fromStd(error.what())};
            }
        });
    if (prepared.path.isEmpty()) {
        showErrorBox(this, tr("Cannot Open the Demo"),
                  tr("The demo case could not be prepared in %1")
                      .arg(QDir::toNativeSeparators(fromStd(DemoCase::defaultFolder()))),
                  prepared.error);
        return;
    }
    openCase(prepared.path);
    if (m_casePath == QFileInfo(prepared.path).absoluteFilePath())
        m_checklist->setPlaybook(QLatin1String(DemoCase::kPlaybook));
}

void MainWindow::openCase(const QString &path)
{
    if (m_imports->job()) {
        statusBar()->showMessage(tr("Wait for the import to finish (or cancel it) first."));
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    CaseOpener::Failure failure;
    const auto opened = CaseOpener::open(this, absolute, failure);
    if (!opened) {
        if (failure.missing) m_recent.remove(absolute);
        if (failure.cancelled)
            statusBar()->showMessage(tr("Opening cancelled; the case was not checked."), 5000);
        else
            showErrorBox(this, tr("Cannot Open Case"),
                      tr("Cannot open %1").arg(QDir::toNativeSeparators(absolute)),
                      failure.advice.isEmpty()
                          ? failure.message
                          : failure.message + QStringLiteral("\n\n") + failure.advice);
        return;
    }
    const QString title = opened->title;
    const bool readOnly = opened->readOnly;
    try {
        setPanelsCase(absolute);
    } catch (const std::exception &error) {
        // The models let go of the old case already: show no case at all.
        setPanelsCase({});
        m_cluster->setCase({}, false);
        m_imports->setCase({}, false);
        m_casePath.clear();
        m_stack->setCurrentIndex(0);
        m_explorerDock->hide();
        m_checklistDock->hide();
        m_readOnlyLabel->hide();
        setWindowTitle(tr("No case"));
        showErrorBox(this, tr("Cannot Open Case"),
                  tr("Cannot read %1").arg(QDir::toNativeSeparators(absolute)),
                  fromStd(error.what()));
        updateCaseStatus();
        updateActions();
        return;
    }
    m_casePath = absolute;
    m_readOnly = readOnly;
    m_cluster->setCase(absolute, readOnly);
    m_sharer->setCase(absolute);
    m_merger->setCase(absolute, readOnly);
    m_imports->setCase(absolute, readOnly);
    m_recent.add(absolute);
    m_stack->setCurrentWidget(m_workbench);
    m_layout.restorePanels();
    setWindowTitle(
        tr("%1 — %2").arg(title.isEmpty() ? QFileInfo(absolute).completeBaseName() : title,
                          QDir::toNativeSeparators(absolute)));
    m_readOnlyLabel->setVisible(readOnly);
    statusBar()->showMessage(readOnly ? tr("Opened read-only: this case file cannot be written, "
                                           "so Import is disabled.")
                                      : tr("Opened %1").arg(QDir::toNativeSeparators(absolute)),
                             readOnly ? 0 : 5000);
    updateCaseStatus();
    updateActions();
}

bool MainWindow::importPaths(const QStringList &paths)
{
    return m_imports->importPaths(paths);
}

ImportJob *MainWindow::currentImport() const
{
    return m_imports->job();
}

QAction *MainWindow::importAction() const
{
    return m_imports->importFilesAction();
}

void MainWindow::newCase()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New Case"), dialogFolder(),
                                                tr("Perfcase case files (*.perfcase)"), nullptr,
                                                QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".perfcase");
    try {
        CaseFile::create(path.toStdString(), QFileInfo(path).completeBaseName().toStdString(),
                         currentUserName());
    } catch (const std::exception &error) {
        showErrorBox(this, tr("Cannot Create Case"),
                  tr("Cannot create %1").arg(QDir::toNativeSeparators(path)),
                  fromStd(error.what()));
        return;
    }
    openCase(path);
}

void MainWindow::chooseCase()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Case"), dialogFolder(),
                                     tr("Perfcase case files (*.perfcase);;All files (*)"));
    if (!path.isEmpty()) openCase(path);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_recent.files();
    for (int i = 0; i < files.size(); ++i) {
        const QString &path = files.at(i);
        // &1..&9 and &0 as mnemonics, as most editors do.
        QAction *action = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg((i + 1) % 10).arg(QDir::toNativeSeparators(path)), this,
            [this, path] { openCase(path); });
        action->setEnabled(!m_imports->job());
    }
    if (files.isEmpty()) m_recentMenu->addAction(tr("No recent cases"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear Menu"), this, [this] { m_recent.clear(); })
        ->setEnabled(!files.isEmpty());
}

void MainWindow::updateActions()
{
    const bool busy = m_imports->job();
    m_new->setEnabled(!busy);
    m_open->setEnabled(!busy);
    m_exportReport->setEnabled(!m_casePath.isEmpty() && !m_exporter->isBusy());
}

void MainWindow::updateCaseStatus()
{
    const CaseTreeModel *tree = m_explorer->treeModel();
    m_caseStatus->showCase(m_casePath, tree->rowCount(), tree->totalRecords());
}

QString MainWindow::dialogFolder() const
{
    return m_casePath.isEmpty() ? QDir::homePath() : QFileInfo(m_casePath).absolutePath();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_imports->job()) {
        // Let the file in progress roll back, then close (after jobFinished).
        m_closeWhenIdle = true;
        m_imports->cancel();
        statusBar()->showMessage(tr("Cancelling the import before closing…"));
        event->ignore();
        return;
    }
    m_layout.save();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() &&
        std::all_of(urls.begin(), urls.end(), [](const QUrl &url) { return url.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        paths << url.toLocalFile();
    event->acceptProposedAction();
    if (paths.size() == 1 && paths.first().endsWith(QLatin1String(".perfcase")))
        openCase(paths.first());
    else
        importPaths(paths);
}

} // namespace perfcase
