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

} // namespace perfcase
