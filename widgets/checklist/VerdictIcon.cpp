#include "VerdictIcon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace perfcase::VerdictIcon {

namespace {

// Drawn on a 32-unit grid and scaled, so every size is crisp.
constexpr double kGrid = 32.0;

void drawMark(QPainter &painter, std::optional<Verdict> verdict)
{
    const QColor fill = colour(verdict);
    if (!verdict) {
        painter.setPen(QPen(fill, 3.0));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(QRectF(4, 4, 24, 24));
        return;
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawEllipse(QRectF(2, 2, 28, 28));
    QPen stroke(Qt::white, 4.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(stroke);
    painter.setBrush(Qt::NoBrush);
    switch (*verdict) {
    case Verdict::Pass: {
        QPainterPath check;
        check.moveTo(9, 16.5);
        check.lineTo(14, 21.5);
        check.lineTo(23, 11);
        painter.drawPath(check);
        break;
    }
    case Verdict::Fail:
        painter.drawLine(QPointF(11, 11), QPointF(21, 21));
        painter.drawLine(QPointF(21, 11), QPointF(11, 21));
        break;
    case Verdict::Inconclusive: {
        QPainterPath question;
        question.moveTo(12, 12.5);
        question.cubicTo(12, 7, 21, 7, 21, 12.5);
        question.cubicTo(21, 16, 16, 15.5, 16, 19.5);
        painter.drawPath(question);
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::white);
        painter.drawEllipse(QPointF(16, 24.5), 2.3, 2.3);
        break;
    }
    }
}

// A raised hand in the lower right corner. Cartoon proportions (three
// broad fingers and a thumb) so that it still reads as a hand at 16-20 px,
// with a white outline that separates it from the verdict's colour.
void drawHand(QPainter &painter)
{
    QPainterPath hand;
    hand.setFillRule(Qt::WindingFill);
    hand.addRoundedRect(QRectF(17.5, 21, 12.5, 10.5), 3.5, 3.5); // palm
    const double fingerWidth = 3.4, gap = 1.15;
    const double tops[] = {14.5, 12.5, 14.0};
    for (int finger = 0; finger < 3; ++finger)
        hand.addRoundedRect(
            QRectF(18.2 + finger * (fingerWidth + gap), tops[finger], fingerWidth, 11),
            fingerWidth / 2, fingerWidth / 2);
    QPainterPath thumb;
    thumb.addRoundedRect(QRectF(-1.7, -7, 3.4, 8.5), 1.7, 1.7);
    hand.addPath(QTransform().translate(18.5, 27).rotate(-42).map(thumb));
    hand = hand.simplified();
    painter.strokePath(hand, QPen(Qt::white, 3.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.fillPath(hand, QColor(0x1f, 0x3a, 0x93));
}

QPixmap render(std::optional<Verdict> verdict, bool overridden, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / kGrid, size / kGrid);
    if (overridden) {
        // The mark moves up and left, smaller but whole, to make room.
        painter.save();
        painter.scale(0.78, 0.78);
        drawMark(painter, verdict);
        painter.restore();
        drawHand(painter);
    } else {
        drawMark(painter, verdict);
    }
    return pixmap;
}

} // namespace

QColor colour(std::optional<Verdict> verdict)
{
    if (!verdict) return QColor(0x9e, 0x9e, 0x9e);
    switch (*verdict) {
    case Verdict::Pass:
        return QColor(0x2e, 0x7d, 0x32);
    case Verdict::Fail:
        return QColor(0xc6, 0x28, 0x28);
    case Verdict::Inconclusive:
        break;
    }
    return QColor(0xef, 0x8f, 0x00);
}

QIcon make(std::optional<Verdict> verdict, bool overridden)
{
    QIcon icon;
    for (int size : {16, 18, 20, 24, 32, 48}) {
        const QPixmap pixmap = render(verdict, overridden, size);
        icon.addPixmap(pixmap);
        // The style's "selected" tint washes the colours out on the
        // highlighted row: the mark is meant to be read there too.
        icon.addPixmap(pixmap, QIcon::Selected);
    }
    return icon;
}

} // namespace perfcase::VerdictIcon
