#pragma once

#include <QToolButton>

namespace perfcase {

// The status bar's view of the cluster connection: a coloured dot and the
// profile's name and namespace; the tooltip says the rest (kubectl version,
// transport, the last error). Clicking it opens Cluster > Connect….
class ClusterStatusWidget : public QToolButton
{
    Q_OBJECT

public:
    enum class State
    {
        Disconnected,
        Connecting,
        Connected,
        Failed,
        Sampling // connected, live sampling running
    };

    explicit ClusterStatusWidget(QWidget *parent = nullptr);

    void setState(State state, const QString &text, const QString &detail = {});
    State state() const { return m_state; }

private:
    State m_state = State::Disconnected;
};

} // namespace perfcase
