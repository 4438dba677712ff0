#include "LogTableView.h"

#include "LogTableModel.h"

#include <QHeaderView>
#include <QStyle>
#include <algorithm>

namespace perfcase {

LogTableView::LogTableView(QWidget *parent) : CaseTableView(parent)
{
    setTextElideMode(Qt::ElideRight);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
}

void LogTableView::fitColumns()
{
    // The header measures at most resizeContentsPrecision() rows (1000 by
    // default), which is the first page; the message takes what is left.
    // Later pages may hold finer times than the first: leave room for
    // microseconds so they are not cut.
    const int padding = 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 8;
    const int minTime =
        fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00T00:00:00.000000Z")) + padding;
    const int maxSource = fontMetrics().averageCharWidth() * 40;
    resizeColumnToContents(LogTableModel::Time);
    setColumnWidth(LogTableModel::Time, std::max(columnWidth(LogTableModel::Time), minTime));
    resizeColumnToContents(LogTableModel::Source);
    setColumnWidth(LogTableModel::Source, std::min(columnWidth(LogTableModel::Source), maxSource));
    resizeColumnToContents(LogTableModel::Level);
}

} // namespace perfcase
