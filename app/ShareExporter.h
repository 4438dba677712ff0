#pragma once

#include "ImportProgressWidget.h"
#include "ShareReviewDialog.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <memory>

class QAction;
class QWidget;

namespace perfcase {

// File > Export for Sharing…: asks where, writes the redacted copy
// (CaseExporter, --share) on a pool thread beside the chosen file, with a
// status-bar progress that can cancel it (nothing is written), then shows
// what was redacted (ShareReviewDialog). Save puts the copy in place;
// Discard deletes it and its marker map. One export at a time; the outcome
// is said through finished().
class ShareExporter : public QObject
{
    Q_OBJECT

public:
    explicit ShareExporter(QWidget *window);
    ~ShareExporter() override;

    // File > Export for Sharing… for the open case (disabled without one).
    QAction *action() const { return m_action; }
    void setCase(const QString &casePath);

    bool isBusy() const { return m_busy; }
    void exportInteractive(const QString &casePath);
    // Writes the copy for review, then asks Save or Discard; returns at once.
    void exportTo(const QString &casePath, const QString &outPath);
    // Stops the copy in progress; nothing is written.
    void cancel();
    // For the status bar: shown while the copy is written, with Cancel.
    ImportProgressWidget *progressWidget() const { return m_progress; }
    // The review dialog while it is open.
    ShareReviewDialog *reviewDialog() const { return m_review; }
    // The marker map of the last export ("" none; deleted when discarded).
    QString mappingPath() const { return m_mappingPath; }

Q_SIGNALS:
    void started(const QString &path);
    // error empty: saved; discarded: the user chose not to save.
    void finished(const QString &path, const QString &error, bool discarded);
    // What the status line should say.
    void message(const QString &text, int timeoutMs);

private:
    QWidget *m_window;
    QAction *m_action;
    QString m_casePath;
    QPointer<ShareReviewDialog> m_review;
    QString m_mappingPath;
    bool m_busy = false;
    QPointer<ImportProgressWidget> m_progress; // the status bar may delete it first
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace perfcase
