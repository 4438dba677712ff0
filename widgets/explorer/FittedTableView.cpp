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
    // A last column of text may take the rest of the width; one of numbers
    // (right-aligned) stays beside its header instead of drifting right.
    const int last = model()->columnCount() - 1;
    const QVariant align =
        last >= 0 && model()->rowCount() > 0 ? model()->index(0, last).data(Qt::TextAlignmentRole)
                                             : QVariant();
    const auto flags = align.canConvert<Qt::Alignment>() ? align.value<Qt::Alignment>()
                                                         : Qt::Alignment(align.toInt());
    horizontalHeader()->setStretchLastSection(!flags.testFlag(Qt::AlignRight));
    const int maxWidth = fontMetrics().averageCharWidth() * 60;
    for (int column = 0; column < model()->columnCount(); ++column) {
        resizeColumnToContents(column);
        setColumnWidth(column, std::min(columnWidth(column), maxWidth));
    }
}

} // namespace perfcase
