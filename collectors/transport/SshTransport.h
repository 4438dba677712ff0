#pragma once

#include "SshTarget.h"
#include "Transport.h"

#include <memory>

namespace perfcase {

class SshPrompter;
class SshSession;

// Commands on a bastion over SSH: libssh2 first; when it cannot do the job
// (an RSA user key, an RSA-only host) the system OpenSSH client runs the
// same quoted command under the same host-key policy, and kind() says which
// transport ran (DESIGN.md). The connection is made on the first command and
// kept.
class SshTransport : public Transport
{
public:
    SshTransport(std::string target, SshEndpoint endpoint, SshPrompter &prompter,
                 bool acceptNewHostKey);
    ~SshTransport() override;

    std::string target() const override { return m_target; }
    std::string kind() const override;
    CommandResult run(const std::vector<std::string> &argv, const RunLimits &limits,
                      const CancelToken &token) override;

    // Connects now (the GUI's Connect button); throws TransportError.
    void connect(const CancelToken &token);
    // What the user should know about the connection (authentication used,
    // fallbacks, known_hosts lines we cannot use).
    std::vector<std::string> notices() const;

private:
    std::string m_target;
    SshEndpoint m_endpoint;
    SshPrompter &m_prompter;
    bool m_acceptNewHostKey;
    std::unique_ptr<SshSession> m_session;
    std::unique_ptr<Transport> m_fallback;
    std::vector<std::string> m_notices;
};

} // namespace perfcase
