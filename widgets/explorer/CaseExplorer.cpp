#include "CaseExplorer.h"

#include "BlobViewer.h"
#include "BlobsModel.h"
#include "CaseFile.h"
#include "CaseTreeModel.h"
#include "FittedTableView.h"
#include "ImportErrorsModel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

namespace perfcase {

namespace {

// Expanding every source shows all tracks at once when there are few; a
// Kubernetes import can bring hundreds (one per object), then rows stay closed.
constexpr int kExpandAllBelowTracks = 40;

} // namespace

CaseExplorer::CaseExplorer(QWidget *parent)
    : QWidget(parent), m_tree(new CaseTreeModel(this)), m_errors(new ImportErrorsModel(this)),
      m_treeView(new QTreeView(this)), m_errorsPanel(new QWidget(this)),
      m_errorsTitle(new QLabel(m_errorsPanel)), m_errorsView(new FittedTableView(m_errorsPanel)),
      m_problem(new QLabel(this)), m_refresh(new QAction(tr("Refresh"), this)),
      m_copyOrigin(new QAction(tr("Copy origin"), this)),
      m_showErrors(new QAction(tr("Show import errors"), this)),
      m_showBlob(new QAction(tr("Show collected output"), this))
{
    m_treeView->setModel(m_tree);
    m_treeView->setUniformRowHeights(true); // never measures rows
    m_treeView->setAlternatingRowColors(true);
    m_treeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_treeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_treeView->setTextElideMode(Qt::ElideMiddle); // names are paths: keep both ends
    m_treeView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_treeView->addActions({m_copyOrigin, m_showErrors, m_showBlob});
    m_errorsView->setModel(m_errors);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_problem->hide();
    m_refresh->setToolTip(tr("Read the case again"));
    m_copyOrigin->setToolTip(tr("Copy the path or command the source came from"));
    m_showErrors->setToolTip(tr("List the lines this source rejected and its warnings"));
    m_showBlob->setToolTip(tr("Show the raw output a collector stored for this source"));

    auto *toolBar = new QToolBar(this);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addActions({m_refresh, m_showErrors, m_showBlob, m_copyOrigin});

    auto *close = new QAction(tr("Close"), m_errorsPanel);
    auto *errorsBar = new QToolBar(m_errorsPanel);
    errorsBar->addWidget(m_errorsTitle);
    errorsBar->addAction(close);
    auto *errorsLayout = new QVBoxLayout(m_errorsPanel);
    errorsLayout->setContentsMargins(0, 0, 0, 0);
    errorsLayout->addWidget(errorsBar);
    errorsLayout->addWidget(m_errorsView, 1);
    m_errorsPanel->hide();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_treeView);
    splitter->addWidget(m_errorsPanel);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(m_problem);
    layout->addWidget(splitter, 1);

    connect(m_refresh, &QAction::triggered, this, &CaseExplorer::refresh);
    connect(m_copyOrigin, &QAction::triggered, this, [this] { copyOrigin(currentSourceId()); });
    connect(m_showErrors, &QAction::triggered, this,
            [this] { showImportErrors(currentSourceId()); });
    connect(m_showBlob, &QAction::triggered, this, [this] { showBlob(currentSourceId()); });
    connect(close, &QAction::triggered, this, [this] {
        m_errorsPanel->hide();
        m_errors->setSource(0);
    });
    connect(m_treeView, &QTreeView::clicked, this, &CaseExplorer::onClicked);
    connect(m_treeView, &QTreeView::activated, this, &CaseExplorer::onActivated);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CaseExplorer::updateActions);
    connect(m_tree, &QAbstractItemModel::modelReset, this, &CaseExplorer::fitTree);
    // A source's tracks, once opened, have wider kinds ("counter") than sources ("log").
    connect(m_treeView, &QTreeView::expanded, this, [this] { fitColumns(true); });
    connect(m_tree, &CaseTreeModel::errorOccurred, this, &CaseExplorer::showProblem);
    connect(m_errors, &ImportErrorsModel::errorOccurred, this, &CaseExplorer::showProblem);
    updateActions();
}

CaseExplorer::~CaseExplorer() = default;

void CaseExplorer::setCase(const QString &path)
{
    m_problem->hide();
    m_errorsPanel->hide();
    m_errors->setCaseFile(nullptr);
    m_tree->setCaseFile(nullptr);
    m_file.reset();
    m_path = path;
    if (!path.isEmpty()) {
        try {
            m_file = std::shared_ptr<CaseFile>(
                CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly));
            m_tree->setCaseFile(m_file);
            m_errors->setCaseFile(m_file);
        } catch (const std::exception &e) {
            m_file.reset();
            m_tree->setCaseFile(nullptr);
            m_path.clear();
            showProblem(tr("Cannot open %1: %2").arg(path, QString::fromStdString(e.what())));
        }
    }
    updateActions();
}

void CaseExplorer::refresh()
{
    if (!m_file) return;
    m_problem->hide();
    m_tree->refresh();
    // Reload the errors shown: an import may have replaced the source.
    if (m_errorsPanel->isVisible() || m_errors->sourceId() != 0)
        showImportErrors(m_errors->sourceId());
    updateActions();
}

qint64 CaseExplorer::currentSourceId() const
{
    const QModelIndex current = m_treeView->currentIndex();
    return current.isValid() ? current.data(CaseTreeModel::SourceIdRole).toLongLong() : 0;
}

void CaseExplorer::showImportErrors(qint64 sourceId)
{
    const QModelIndex source = m_tree->sourceIndex(sourceId);
    if (!source.isValid()) {
        m_errors->setSource(0);
        m_errorsPanel->hide();
        return;
    }
    m_errors->setSource(sourceId);
    const qint64 rejected =
        m_tree->sourceIndex(sourceId, CaseTreeModel::Rejected).data(Qt::EditRole).toLongLong();
    const qint64 warnings =
        m_tree->sourceIndex(sourceId, CaseTreeModel::Warnings).data(Qt::EditRole).toLongLong();
    QString title = tr("Import errors of %1: %2 rejected, %3 warnings")
                        .arg(source.data().toString())
                        .arg(rejected)
                        .arg(warnings);
    // import_errors keeps the first 1000 per source; the counts are complete.
    if (m_errors->rowCount() < rejected + warnings)
        title += tr(" (the first %1 are stored)").arg(m_errors->rowCount());
    m_errorsTitle->setText(title);
    m_errorsPanel->show();
}

BlobViewer *CaseExplorer::showBlob(qint64 sourceId)
{
    const QModelIndex source = m_tree->sourceIndex(sourceId);
    if (!m_file || !source.isValid() || !BlobsModel::hasBlobs(*m_file, sourceId)) return nullptr;
    auto *viewer =
        new BlobViewer(m_file, sourceId, source.data().toString(), m_tree->origin(sourceId), this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    return viewer;
}

void CaseExplorer::copyOrigin(qint64 sourceId)
{
    const QModelIndex source = m_tree->sourceIndex(sourceId);
    if (source.isValid()) QGuiApplication::clipboard()->setText(m_tree->origin(sourceId));
}

void CaseExplorer::onClicked(const QModelIndex &index)
{
    // The counts are drawn underlined: a click on one opens the list.
    if (m_tree->isSource(index) &&
        (index.column() == CaseTreeModel::Rejected || index.column() == CaseTreeModel::Warnings))
        showImportErrors(index.data(CaseTreeModel::SourceIdRole).toLongLong());
}

void CaseExplorer::onActivated(const QModelIndex &index)
{
    if (!index.isValid()) return;
    if (m_tree->isSource(index))
        Q_EMIT sourceActivated(index.data(CaseTreeModel::SourceIdRole).toLongLong());
    else
        Q_EMIT trackActivated(index.data(CaseTreeModel::TrackIdRole).toLongLong());
}

void CaseExplorer::updateActions()
{
    const qint64 sourceId = currentSourceId();
    m_refresh->setEnabled(m_file != nullptr);
    m_copyOrigin->setEnabled(sourceId != 0);
    m_showErrors->setEnabled(sourceId != 0);
    m_showBlob->setEnabled(sourceId != 0 && m_file && BlobsModel::hasBlobs(*m_file, sourceId));
}

void CaseExplorer::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->show();
    Q_EMIT errorOccurred(message);
}

void CaseExplorer::fitTree()
{
    int tracks = 0;
    for (int row = 0; row < m_tree->rowCount(); ++row)
        tracks += m_tree->rowCount(m_tree->index(row, 0));
    if (tracks <= kExpandAllBelowTracks) m_treeView->expandAll();
    fitColumns(false);
}

void CaseExplorer::fitColumns(bool onlyWiden)
{
    const int maxWidth = fontMetrics().averageCharWidth() * 40;
    for (int column = 0; column < m_tree->columnCount(); ++column) {
        const int before = m_treeView->columnWidth(column);
        m_treeView->resizeColumnToContents(column);
        int width = std::min(m_treeView->columnWidth(column), maxWidth);
        if (onlyWiden) width = std::max(width, before);
        m_treeView->setColumnWidth(column, width);
    }
}

} // namespace perfcase
