#pragma once

#include <QPlainTextEdit>
#include <QStringList>

namespace perfcase {

// The console's SQL editor: monospace, Ctrl+Return asks to run, and
// Ctrl+Up / Ctrl+Down walk through the queries run before (newest first).
// Handled in keyPressEvent rather than with QShortcut so that the keys work
// wherever the console is docked, without clashing with window shortcuts.
class SqlEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit SqlEditor(QWidget *parent = nullptr);

    // Remembers a query that ran (most recent last; duplicates move to the end).
    void addToHistory(const QString &sql);
    const QStringList &history() const { return m_history; }

    static constexpr int kMaxHistory = 50;

Q_SIGNALS:
    void runRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void stepHistory(int direction);

    QStringList m_history;
    int m_historyIndex = -1; // into m_history while browsing, -1 when editing
    QString m_draft;         // what was typed before browsing began
};

} // namespace perfcase
