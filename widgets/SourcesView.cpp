#include "SourcesView.h"

#include "SourcesModel.h"

#include <QHeaderView>
#include <algorithm>

namespace perfcase {

SourcesView::SourcesView(QWidget *parent) : CaseTableView(parent)
{
    setTextElideMode(Qt::ElideMiddle); // names are paths: keep both ends
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
