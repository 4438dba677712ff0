#include "ImportReportDialog.h"

#include <QClipboard>
#include <QColor>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace perfcase {

ImportReportDialog::ImportReportDialog(const QString &summary, const QList<Entry> &entries,
                                       QWidget *parent)
    : QDialog(parent), m_list(new QTreeWidget(this)), m_summary(summary)
{
    setWindowTitle(tr("Import Report"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(summary, this);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    layout->addWidget(label);

    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Status"), tr("File"), tr("Details")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setWordWrap(false);
    for (const Entry &entry : entries) {
        auto *item = new QTreeWidgetItem(m_list, {entry.status, entry.path, entry.detail});
        item->setToolTip(1, entry.path);
        item->setToolTip(2, entry.detail);
        if (entry.severity != Severity::Ok) {
            const QColor colour = entry.severity == Severity::Problem ? QColor(0xc6, 0x28, 0x28)
                                                                      : QColor(0xd8, 0x6a, 0x00);
            item->setForeground(0, colour);
            item->setForeground(2, colour);
        }
    }
    for (int column = 0; column < 2; ++column)
        m_list->resizeColumnToContents(column);
    m_list->setColumnWidth(1,
                           std::min(m_list->columnWidth(1), fontMetrics().averageCharWidth() * 60));
    layout->addWidget(m_list);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 130, fontMetrics().height() * 24);
}

int ImportReportDialog::entryCount() const
{
    return m_list->topLevelItemCount();
}

QString ImportReportDialog::text() const
{
    QString out = m_summary + u'\n';
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        out += item->text(0) + u'\t' + item->text(1) + u'\t' + item->text(2) + u'\n';
    }
    return out;
}

void ImportReportDialog::setHeadings(const QString &title, const QString &itemColumn)
{
    setWindowTitle(title);
    m_list->headerItem()->setText(1, itemColumn);
}

} // namespace perfcase
