#include "LogHighlightDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>
#include <algorithm>

namespace perfcase {

LogHighlightDelegate::LogHighlightDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QList<QPair<int, int>> LogHighlightDelegate::highlightRanges(const QString &text,
                                                             const QStringList &terms)
{
    QList<QPair<int, int>> ranges;
    for (const QString &term : terms) {
        if (term.isEmpty()) continue;
        qsizetype at = 0;
        while ((at = text.indexOf(term, at, Qt::CaseInsensitive)) >= 0) {
            ranges.append({int(at), int(term.size())});
            at += term.size();
        }
    }
    std::sort(ranges.begin(), ranges.end());
    QList<QPair<int, int>> merged;
    for (const auto &range : ranges) {
        if (!merged.isEmpty() && range.first < merged.last().first + merged.last().second) {
            const int end =
                std::max(merged.last().first + merged.last().second, range.first + range.second);
            merged.last().second = end - merged.last().first;
        } else {
            merged.append(range);
        }
    }
    return merged;
}

void LogHighlightDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QList<QPair<int, int>> ranges = highlightRanges(opt.text, m_terms);
    if (ranges.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect textRect =
        style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -2, 0);
    QTextLayout layout(text, opt.font);
    QList<QTextLayout::FormatRange> formats;
    for (const auto &range : ranges) {
        QTextLayout::FormatRange format;
        format.start = range.first;
        format.length = range.second;
        format.format.setBackground(QColor(0xff, 0xe0, 0x66));
        format.format.setForeground(QColor(Qt::black));
        formats.append(format);
    }
    layout.setFormats(formats);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(textOption);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid()) line.setLineWidth(1e6);
    layout.endLayout();
    painter->save();
    painter->setClipRect(textRect);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(
        opt.palette.color(QPalette::Normal, selected ? QPalette::HighlightedText : QPalette::Text));
    const qreal y = textRect.top() + (textRect.height() - line.height()) / 2.0;
    layout.draw(painter, QPointF(textRect.left(), y));
    painter->restore();
}

} // namespace perfcase
