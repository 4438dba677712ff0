#pragma once

#include "LocalTransport.h"
#include "SshTarget.h"
#include "Transport.h"

namespace perfcase {

// The system OpenSSH client as a second transport, for what libssh2 1.10
// cannot do (RSA user keys, RSA-only hosts): `ssh -o BatchMode=yes ...` run
// from an argument list, with the same known_hosts file and policy (a
// changed key is refused; an unknown one only with acceptNewHostKey) and the
// same quoted command.
class OpenSshTransport : public Transport
{
public:
    OpenSshTransport(std::string target, SshEndpoint endpoint, bool acceptNewHostKey);

    std::string target() const override { return m_target; }
    std::string kind() const override { return "openssh"; }
    CommandResult run(const std::vector<std::string> &argv, const RunLimits &limits,
                      const CancelToken &token) override;

    // The ssh argument list for a remote command (public for tests).
    std::vector<std::string> sshArguments(const std::string &remoteCommand) const;

private:
    std::string m_target;
    SshEndpoint m_endpoint;
    bool m_acceptNewHostKey;
    LocalTransport m_local;
};

} // namespace perfcase
