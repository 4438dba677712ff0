#pragma once

#include <QString>
#include <QWidget>
#include <memory>

class QAction;
class QLabel;
class QModelIndex;
class QTreeView;

namespace perfcase {

class BlobViewer;
class CaseFile;
class CaseTreeModel;
class FittedTableView;
class ImportErrorsModel;

// The case at a glance: every source with how its import went (records,
// rejected, warnings, state, time range, clock) and, under it, its tracks.
// Clicking a source's rejected or warnings count lists its import errors
// below the tree; the context menu copies a source's origin, shows its
// errors, or opens the raw output a collector stored for it. Reads through
// one read-only connection of its own; holds no case data beyond the models.
class CaseExplorer : public QWidget
{
    Q_OBJECT

public:
    explicit CaseExplorer(QWidget *parent = nullptr);
    ~CaseExplorer() override;

    // Opens the case read-only and shows it; an empty path clears the view.
    // A case that cannot be opened leaves the view empty, says why in the
    // explorer and emits errorOccurred().
    void setCase(const QString &path);
    QString casePath() const { return m_path; }
    // Re-reads sources, tracks and the errors shown (after an import).
    void refresh();

    // The source of the current row (a track's source for a track row), or 0.
    qint64 currentSourceId() const;
    // Lists a source's import_errors under the tree.
    void showImportErrors(qint64 sourceId);
    // Opens a viewer on the source's stored command output; nullptr when it
    // has none. The viewer deletes itself when closed.
    BlobViewer *showBlob(qint64 sourceId);
    // Puts the source's origin (path or collector command) on the clipboard.
    void copyOrigin(qint64 sourceId);

    CaseTreeModel *treeModel() const { return m_tree; }
    ImportErrorsModel *errorsModel() const { return m_errors; }
    QTreeView *treeView() const { return m_treeView; }
    FittedTableView *errorsView() const { return m_errorsView; }
    QAction *copyOriginAction() const { return m_copyOrigin; }
    QAction *showErrorsAction() const { return m_showErrors; }
    QAction *showBlobAction() const { return m_showBlob; }

Q_SIGNALS:
    // A source or track row was activated (double-click or Enter): the main
    // window can filter the logs or scroll the timeline to it.
    void sourceActivated(qint64 sourceId);
    void trackActivated(qint64 trackId);
    void errorOccurred(const QString &message);

private:
    void onClicked(const QModelIndex &index);
    void onActivated(const QModelIndex &index);
    void updateActions();
    void showProblem(const QString &message);
    void fitTree();
    // Each column fitted to the rows shown, up to about 40 characters;
    // onlyWiden keeps the widths the user or an earlier fit gave.
    void fitColumns(bool onlyWiden);

    QString m_path;
    std::shared_ptr<CaseFile> m_file;
    CaseTreeModel *m_tree;
    ImportErrorsModel *m_errors;
    QTreeView *m_treeView;
    QWidget *m_errorsPanel;
    QLabel *m_errorsTitle;
    FittedTableView *m_errorsView;
    QLabel *m_problem;
    QAction *m_refresh, *m_copyOrigin, *m_showErrors, *m_showBlob;
};

} // namespace perfcase
