#include "SqlEditor.h"

#include <QFontDatabase>
#include <QKeyEvent>

namespace perfcase {

SqlEditor::SqlEditor(QWidget *parent) : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(true);
    setPlaceholderText(
        tr("SELECT level, count(*) FROM v_logs GROUP BY level   (Ctrl+Return runs)"));
}

void SqlEditor::addToHistory(const QString &sql)
{
    const QString trimmed = sql.trimmed();
    if (trimmed.isEmpty()) return;
    m_history.removeAll(trimmed);
    m_history << trimmed;
    while (m_history.size() > kMaxHistory)
        m_history.removeFirst();
    m_historyIndex = -1;
}

void SqlEditor::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (ctrl && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        Q_EMIT runRequested();
        event->accept();
        return;
    }
    if (ctrl && (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down)) {
        stepHistory(event->key() == Qt::Key_Up ? -1 : 1);
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void SqlEditor::stepHistory(int direction)
{
    if (m_history.isEmpty()) return;
    int index = m_historyIndex;
    if (index < 0) {
        if (direction > 0) return; // already at the draft
        m_draft = toPlainText();
        index = int(m_history.size());
    }
    index += direction;
    if (index < 0) return; // oldest entry reached: stay
    if (index >= m_history.size()) {
        m_historyIndex = -1;
        setPlainText(m_draft);
    } else {
        m_historyIndex = index;
        setPlainText(m_history.at(index));
    }
    moveCursor(QTextCursor::End);
}

} // namespace perfcase
