#include "FittedTableView.h"

#include <QHeaderView>
#include <algorithm>

namespace perfcase {

FittedTableView::FittedTableView(QWidget *parent) : CaseTableView(parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Measuring a few rows is enough, and keeps fitting fast for 10,000 rows.
    horizontalHeader()->setResizeContentsPrecision(50);
}

void FittedTableView::fitColumns()
{
    if (!model()) return;
    const int maxWidth = fontMetrics().averageCharWidth() * 60;
    for (int column = 0; column < model()->columnCount(); ++column) {
        resizeColumnToContents(column);
        setColumnWidth(column, std::min(columnWidth(column), maxWidth));
    }
}

} // namespace perfcase
