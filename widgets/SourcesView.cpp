#include "SourcesView.h"

#include "SourcesModel.h"

#include <QHeaderView>
#include <algorithm>

namespace perfcase {

SourcesView::SourcesView(QWidget *parent) : QTableView(parent)
{
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle); // names are paths: keep both ends
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void SourcesView::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemModel *old = this->model()) disconnect(old, nullptr, this, nullptr);
    QTableView::setModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &SourcesView::fitColumns);
        fitColumns();
    }
}

QSize SourcesView::sizeHint() const
{
    // Room for the header and about six sources before it scrolls.
    QSize hint = QTableView::sizeHint();
    hint.setHeight(horizontalHeader()->sizeHint().height() +
                   verticalHeader()->defaultSectionSize() * 6 + 2 * frameWidth());
    return hint;
}

void SourcesView::fitColumns()
{
    if (!model()) return;
    const int maxWidth = fontMetrics().averageCharWidth() * 48;
    for (int column = 0; column < model()->columnCount(); ++column) {
        resizeColumnToContents(column);
        setColumnWidth(column, std::min(columnWidth(column), maxWidth));
    }
}

} // namespace perfcase
