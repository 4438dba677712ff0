#pragma once

#include <QList>
#include <QPair>
#include <QStringList>
#include <QStyledItemDelegate>

namespace perfcase {

// Paints a cell with the search terms highlighted (case-insensitive), so the
// eye finds why a row matched. Text is drawn with one QTextLayout: cheap
// enough for every visible row of a fixed-height table.
class LogHighlightDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit LogHighlightDelegate(QObject *parent = nullptr);

    void setTerms(const QStringList &terms) { m_terms = terms; }
    QStringList terms() const { return m_terms; }

    // Start and length of each occurrence of a term in text, in order,
    // without overlaps.
    static QList<QPair<int, int>> highlightRanges(const QString &text, const QStringList &terms);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    QStringList m_terms;
};

} // namespace perfcase
