#include "ClusterStatusWidget.h"

#include <QPainter>
#include <QPixmap>

namespace perfcase {

namespace {

QIcon dot(const QColor &colour, qreal scale)
{
    const int side = 12;
    QPixmap pixmap(QSize(side, side) * scale);
    pixmap.setDevicePixelRatio(scale);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(140));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1.5, 1.5, side - 3, side - 3));
    return QIcon(pixmap);
}

QColor colourOf(ClusterStatusWidget::State state)
{
    using State = ClusterStatusWidget::State;
    switch (state) {
    case State::Disconnected:
        return QColor(0x9e, 0x9e, 0x9e);
    case State::Connecting:
        return QColor(0xf2, 0xa9, 0x00);
    case State::Connected:
        return QColor(0x2e, 0x9d, 0x48);
    case State::Failed:
        return QColor(0xd3, 0x2f, 0x2f);
    case State::Sampling:
        return QColor(0x1e, 0x88, 0xe5);
    }
    return {};
}

} // namespace

ClusterStatusWidget::ClusterStatusWidget(QWidget *parent) : QToolButton(parent)
{
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setFocusPolicy(Qt::NoFocus);
    setState(State::Disconnected, tr("Not connected"),
             tr("No cluster connection. Click to connect (Cluster > Connect…)."));
}

void ClusterStatusWidget::setState(State state, const QString &text, const QString &detail)
{
    m_state = state;
    setIcon(dot(colourOf(state), devicePixelRatioF()));
    setText(text);
    setToolTip(detail.isEmpty() ? text : detail);
    setAccessibleName(tr("Cluster: %1").arg(text));
}

} // namespace perfcase
