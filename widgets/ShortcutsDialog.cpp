#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace perfcase {

namespace {

QString withoutMnemonic(QString text)
{
    text.remove(QLatin1Char('&'));
    text.remove(QChar(0x2026)); // "…"
    return text.trimmed();
}

void collect(const QMenu *menu, const QString &path, QList<ShortcutsDialog::Gesture> &rows)
{
    for (QAction *action : menu->actions()) {
        if (action->menu()) {
            collect(action->menu(), path + QStringLiteral(" › ") + withoutMnemonic(action->text()),
                    rows);
            continue;
        }
        const auto shortcuts = action->shortcuts();
        if (shortcuts.isEmpty() || action->isSeparator()) continue;
        QStringList keys;
        for (const QKeySequence &shortcut : shortcuts)
            keys << shortcut.toString(QKeySequence::NativeText);
        rows.append({path, keys.join(QStringLiteral(", ")), withoutMnemonic(action->text())});
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, const QList<Gesture> &gestures,
                                 QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    for (QAction *action : menuBar->actions())
        if (action->menu()) collect(action->menu(), withoutMnemonic(action->text()), m_rows);
    m_rows += gestures;

    auto *table = new QTableWidget(int(m_rows.size()), 3, this);
    table->setHorizontalHeaderLabels({tr("Where"), tr("Keys"), tr("Action")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    for (int row = 0; row < m_rows.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(m_rows[row].area));
        table->setItem(row, 1, new QTableWidgetItem(m_rows[row].keys));
        table->setItem(row, 2, new QTableWidgetItem(m_rows[row].action));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(640, 520);
}

QList<ShortcutsDialog::Gesture> ShortcutsDialog::panelGestures()
{
    return {
        {tr("Timeline"), tr("Wheel"), tr("zoom around the mouse")},
        {tr("Timeline"), tr("Drag"), tr("pan")},
        {tr("Timeline"), tr("Shift+drag"), tr("select a time range (filters the log table)")},
        {tr("Timeline"), tr("Ctrl+drag"), tr("zoom to a box")},
        {tr("Timeline"), tr("Left, Right"), tr("pan")},
        {tr("Timeline"), tr("Click"), tr("move the cursor")},
        {tr("Log table"), tr("Click"), tr("move the timeline cursor to the record")},
        {tr("SQL console"), tr("Ctrl+Return"), tr("run the query")},
        {tr("SQL console"), tr("Ctrl+Up, Ctrl+Down"), tr("query history")},
        {tr("Checklist"), tr("Click"), tr("show the step's evidence, notes and override")},
        {tr("Checklist"), tr("Click an evidence row"),
         tr("select its time range and zoom the timeline to it")},
        {tr("Checklist"), tr("Return in the note field"), tr("add the note to the step")},
    };
}

} // namespace perfcase
