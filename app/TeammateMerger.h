#pragma once

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace perfcase {

// File > Merge Teammate's Case…: asks for their .perfcase file and brings
// their sources, annotations, notes and overrides into the open case
// (CaseMerger) on a pool thread, then lists what came in, or says why nothing
// did. One merge at a time.
class TeammateMerger : public QObject
{
    Q_OBJECT

public:
    explicit TeammateMerger(QWidget *window);

    QAction *action() const { return m_action; }
    void setCase(const QString &casePath, bool readOnly);
    bool isBusy() const { return m_busy; }
    // Merges otherPath into the open case; returns at once.
    void mergeFrom(const QString &otherPath);

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
};

} // namespace perfcase
