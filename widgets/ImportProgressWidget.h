#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace perfcase {

// The status bar's view of an import: while it runs, which file, how far,
// and a way to stop it; once it is over, the outcome in one line and a way
// to the per-file report. It stays until the next import, since Qt clears
// ordinary status messages as soon as a menu is hovered. It only shows what
// it is told; the job owns the work.
class ImportProgressWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ImportProgressWidget(QWidget *parent = nullptr);

    // Shows a new import at its start, with Cancel enabled.
    void start();
    // fileIndex is 0-based; done and total are bytes of that file.
    void setProgress(int fileIndex, int fileCount, qint64 done, qint64 total);
    // The file the import is working on (its name shows in the label).
    void setCurrentFile(int fileIndex, int fileCount, const QString &path);
    // Other batches than imports: the item is a name as it is (a command),
    // the verb what the label says ("Collecting"), busy a bar without an end
    // (live sampling). start() keeps them.
    void setCurrentItem(int index, int count, const QString &name);
    void setActivity(const QString &verb, bool busy = false);
    // Shows how the import ended; problems marks it with a warning icon.
    void finish(const QString &summary, bool problems);

    bool isRunning() const { return m_running; }
    QString text() const; // the label's full text (shown elided)
    int value() const;    // 0..1000 over the whole batch

Q_SIGNALS:
    void cancelRequested();
    void detailsRequested();

private:
    void setText(const QString &text);
    void updateLabel();

    QLabel *m_icon;
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
    QToolButton *m_details;
    QString m_text;
    QString m_fileName;
    QString m_activity;
    int m_fileIndex = 0;
    int m_fileCount = 0;
    bool m_running = false;
};

} // namespace perfcase
