#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace perfcase {

struct Playbook;

// File > Export Report…: asks where (PDF or Markdown by the name), runs the
// playbook's checks on a pool thread, then draws the figures with the
// timeline and writes the report on the GUI thread (the figures are
// widgets). One export at a time; the result is said in the status line
// through finished().
class ReportExporter : public QObject
{
    Q_OBJECT

public:
    explicit ReportExporter(QWidget *window);

    bool isBusy() const { return m_busy; }
    // Asks for the file, then exports; returns at once.
    void exportInteractive(const QString &casePath, const Playbook &playbook);
    // Exports to `path` (.pdf or .md); returns at once.
    void exportTo(const QString &casePath, const Playbook &playbook, const QString &path);

Q_SIGNALS:
    void started(const QString &path);
    // error empty: written.
    void finished(const QString &path, const QString &error);

private:
    QWidget *m_window;
    bool m_busy = false;
};

} // namespace perfcase
