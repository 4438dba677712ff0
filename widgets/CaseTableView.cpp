#include "CaseTableView.h"

#include <QHeaderView>

namespace perfcase {

CaseTableView::CaseTableView(QWidget *parent) : QTableView(parent)
{
    setWordWrap(false);
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

void CaseTableView::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemModel *old = this->model()) disconnect(old, nullptr, this, nullptr);
    QTableView::setModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &CaseTableView::fitColumns);
        fitColumns();
    }
}

} // namespace perfcase
