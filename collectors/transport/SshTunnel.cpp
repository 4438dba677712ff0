#include "SshTunnel.h"

#include <cerrno>
#include <cstring>
#include <libssh2.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace perfcase {

SshTunnel::SshTunnel(LIBSSH2_SESSION *session, int sessionSocket, LIBSSH2_CHANNEL *channel)
    : m_session(session), m_sessionSocket(sessionSocket), m_channel(channel)
{
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
    m_outer = pair[0];
    m_inner = pair[1];
    libssh2_session_set_blocking(m_session, 0);
    m_thread = std::thread([this] { pump(); });
}

SshTunnel::~SshTunnel()
{
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    ::close(m_outer);
    ::close(m_inner);
    libssh2_channel_free(m_channel);
    libssh2_session_set_blocking(m_session, 1);
}

void SshTunnel::pump()
{
    char buffer[32 * 1024];
    // Bytes read from the local side that the channel has not taken yet.
    std::string pending;
    while (!m_stop) {
        bool busy = false;
        const ssize_t fromChannel = libssh2_channel_read(m_channel, buffer, sizeof buffer);
        if (fromChannel > 0) {
            busy = true;
            for (ssize_t sent = 0; sent < fromChannel && !m_stop;) {
                const ssize_t n =
                    ::send(m_inner, buffer + sent, size_t(fromChannel - sent), MSG_NOSIGNAL);
                if (n < 0 && errno != EINTR) return;
                if (n > 0) sent += n;
            }
        } else if (fromChannel != LIBSSH2_ERROR_EAGAIN || libssh2_channel_eof(m_channel)) {
            ::shutdown(m_inner, SHUT_WR);
            return;
        }
        if (pending.empty()) {
            const ssize_t n = ::recv(m_inner, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n == 0) return; // the next session closed its end
            if (n > 0) pending.assign(buffer, size_t(n));
        }
        if (!pending.empty()) {
            const ssize_t n = libssh2_channel_write(m_channel, pending.data(), pending.size());
            if (n > 0) {
                pending.erase(0, size_t(n));
                busy = true;
            } else if (n != LIBSSH2_ERROR_EAGAIN) {
                return;
            }
        }
        if (!busy) {
            pollfd fds[2] = {{m_inner, short(pending.empty() ? POLLIN : 0), 0},
                             {m_sessionSocket, POLLIN, 0}};
            ::poll(fds, 2, 20);
        }
    }
}

} // namespace perfcase
