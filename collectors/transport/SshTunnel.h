#pragma once

#include <atomic>
#include <thread>

struct _LIBSSH2_SESSION;
struct _LIBSSH2_CHANNEL;

namespace perfcase {

// Carries a direct-tcpip channel of a jump host's session to a local socket
// pair, so the next libssh2 session can use it as its TCP connection. The
// jump session belongs to the pump thread from then on: libssh2 sessions
// are not thread-safe, and nothing else uses it while the tunnel lives.
class SshTunnel
{
public:
    SshTunnel(_LIBSSH2_SESSION *session, int sessionSocket, _LIBSSH2_CHANNEL *channel);
    ~SshTunnel();
    SshTunnel(const SshTunnel &) = delete;
    SshTunnel &operator=(const SshTunnel &) = delete;

    // The end the next session reads and writes.
    int socket() const { return m_outer; }

private:
    void pump();

    _LIBSSH2_SESSION *m_session;
    int m_sessionSocket;
    _LIBSSH2_CHANNEL *m_channel;
    int m_outer = -1, m_inner = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace perfcase
