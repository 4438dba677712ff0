#pragma once

#include "QueryExecutor.h"

#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;

namespace perfcase {

class FittedTableView;
class QueryResultModel;
class SqlEditor;

// SQL over the open case, with the rules of `perfcase query`: read-only,
// public v_* views only, one statement. Queries run on a worker thread with
// their own connection, so the window stays responsive and Cancel can stop
// them; the results show the first rows (QueryExecutor::Limits) and how
// many there were.
class SqlConsole : public QWidget
{
    Q_OBJECT

public:
    explicit SqlConsole(QWidget *parent = nullptr);
    // Cancels a running query and waits for its worker (it stops within one
    // SQLite progress callback).
    ~SqlConsole() override;

    // The case queries run against; an empty path disables the console.
    // Cancels a running query and clears the results.
    void setCase(const QString &path);
    QString casePath() const { return m_path; }

    QString sql() const;
    void setSql(const QString &sql);

    // Runs the editor's SQL (the Run button, Ctrl+Return). Ignored while a
    // query runs or when there is no case or no SQL.
    void run();
    // Stops the running query, if any; the console then says "cancelled".
    void cancel();
    bool isRunning() const;

    // What the console says under the editor: row counts, or the error.
    QString message() const;
    bool lastRunFailed() const { return m_lastFailed; }
    QueryResultModel *resultModel() const { return m_model; }
    SqlEditor *editor() const { return m_editor; }
    void setLimits(const QueryExecutor::Limits &limits) { m_limits = limits; }

Q_SIGNALS:
    // "Show as track": the timeline re-runs `sql` (it has a `ts` column) as a lane.
    void showAsTrack(const QString &title, const QString &sql);
    // After every run, whether it succeeded, failed or was cancelled.
    void queryFinished();

private:
    void onFinished();
    void chooseExample(int index);
    void requestTrack();
    void setMessage(const QString &text, bool error);
    void updateButtons();
    QString titleForSql(const QString &sql) const;

    QString m_path;
    QueryExecutor::Limits m_limits;
    SqlEditor *m_editor;
    QComboBox *m_examples;
    QPushButton *m_run, *m_cancel, *m_track;
    QLabel *m_message;
    QueryResultModel *m_model;
    FittedTableView *m_table;
    QFutureWatcher<QueryExecutor::Result> m_watcher;
    // Shared with the worker, which may outlive a cancelled run's bookkeeping.
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    QString m_runningSql; // the SQL of the running (then the shown) result
    QString m_resultSql;  // the SQL whose rows are shown, for "Show as track"
    bool m_lastFailed = false;
    bool m_ignoreResult = false; // the finished run belonged to the previous case
};

} // namespace perfcase
