#pragma once

#include "ImportProgressWidget.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <memory>

class QAction;
class QWidget;

namespace perfcase {

// File > Merge Teammate's Case…: asks for their .perfcase file and brings
// their sources, annotations, notes and overrides into the open case
// (CaseMerger) on a pool thread, with a status-bar progress that can cancel
// it (in one transaction: nothing lands), then lists what came in, or says
// why nothing did. One merge at a time.
class TeammateMerger : public QObject
{
    Q_OBJECT

public:
    explicit TeammateMerger(QWidget *window);
    ~TeammateMerger() override;

    QAction *action() const { return m_action; }
    void setCase(const QString &casePath, bool readOnly);
    bool isBusy() const { return m_busy; }
    // Merges otherPath into the open case; returns at once.
    void mergeFrom(const QString &otherPath);
    // Stops the merge in progress; the case stays as it was.
    void cancel();
    // For the status bar: shown while a merge runs, with Cancel.
    ImportProgressWidget *progressWidget() const { return m_progress; }

Q_SIGNALS:
    // The case gained what is listed (one line each); the views should reload.
    void merged(const QString &otherPath, const QStringList &lines);
    // Nothing was merged; the case is as it was.
    void failed(const QString &otherPath, const QString &error);
    void message(const QString &text, int timeoutMs);

private:
    void updateAction();
    void showResult(int icon, const QString &title, const QString &text, const QString &details);

    QWidget *m_window;
    QAction *m_action;
    QString m_casePath;
    bool m_readOnly = false;
    bool m_busy = false;
    QPointer<ImportProgressWidget> m_progress; // the status bar may delete it first
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace perfcase
