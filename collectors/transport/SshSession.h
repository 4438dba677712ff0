#pragma once

#include "SshTarget.h"
#include "Transport.h"

#include <memory>
#include <string>
#include <vector>

struct _LIBSSH2_SESSION;
struct _LIBSSH2_CHANNEL;

namespace perfcase {

class SshPrompter;
class SshTunnel;

// One authenticated libssh2 connection: TCP (or a tunnel through the jump
// hosts), the host key checked against known_hosts before anything is sent,
// then ssh-agent, key files and keyboard-interactive in that order. Commands
// run on exec channels; the connection is kept for the next one.
class SshSession
{
public:
    // Throws TransportError.
    SshSession(const SshEndpoint &endpoint, SshPrompter &prompter, const CancelToken &token);
    ~SshSession();
    SshSession(const SshSession &) = delete;
    SshSession &operator=(const SshSession &) = delete;

    CommandResult exec(const std::string &command, const RunLimits &limits,
                       const CancelToken &token);

    // A direct-tcpip channel to host:port through this session, as a local
    // socket the next session can use (ProxyJump).
    std::unique_ptr<SshTunnel> openTunnel(const std::string &host, int port);

    // How this session authenticated ("ssh-agent", "key ~/.ssh/id_ed25519",
    // "keyboard-interactive") and what the user should know (known_hosts
    // lines we cannot use, keys skipped).
    const std::string &authentication() const { return m_authentication; }
    const std::vector<std::string> &notices() const { return m_notices; }
    // A command was cancelled or timed out midway: the session cannot be
    // reused.
    bool broken() const { return m_broken; }

private:
    void handshake();
    void verifyHostKey();
    void authenticate();
    bool tryAgent(bool &rsaSkipped);
    bool tryKeyFiles(bool &rsaSkipped, bool &needsTerminal);
    bool tryKeyboardInteractive(bool &needsTerminal);
    [[noreturn]] void fail(TransportError::Kind kind, const std::string &what, int rc);
    std::string where() const;

    SshEndpoint m_endpoint;
    SshPrompter &m_prompter;
    std::unique_ptr<SshSession> m_jump;
    std::unique_ptr<SshTunnel> m_tunnel;
    int m_socket = -1;
    _LIBSSH2_SESSION *m_session = nullptr;
    std::string m_authentication;
    std::vector<std::string> m_notices;
    bool m_broken = false;
};

} // namespace perfcase
