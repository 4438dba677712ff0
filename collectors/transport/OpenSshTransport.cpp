#include "OpenSshTransport.h"

#include "ShellQuote.h"

#include <unistd.h>

namespace perfcase {

OpenSshTransport::OpenSshTransport(std::string target, SshEndpoint endpoint, bool acceptNewHostKey)
    : m_target(std::move(target)), m_endpoint(std::move(endpoint)),
      m_acceptNewHostKey(acceptNewHostKey)
{}

std::vector<std::string> OpenSshTransport::sshArguments(const std::string &remoteCommand) const
{
    std::vector<std::string> argv = {
        "ssh",
        // The config our side read (or none), not the one of the passwd
        // home that ssh would pick, so both transports see the same.
        "-F", m_endpoint.configFile.empty() ? "/dev/null" : m_endpoint.configFile, "-o",
        "BatchMode=yes", "-o",
        std::string("StrictHostKeyChecking=") + (m_acceptNewHostKey ? "accept-new" : "yes"), "-o",
        "HashKnownHosts=yes", "-o", "UserKnownHostsFile=" + m_endpoint.knownHostsFile, "-o",
        "ConnectTimeout=" + std::to_string(m_endpoint.connectTimeoutSeconds), "-o",
        "ServerAliveInterval=" + std::to_string(m_endpoint.keepaliveSeconds), "-o",
        "ServerAliveCountMax=3", "-p", std::to_string(m_endpoint.port), "-l", m_endpoint.user};
    for (const auto &identity : m_endpoint.identityFiles) {
        if (::access(identity.c_str(), R_OK) != 0) continue;
        argv.push_back("-i");
        argv.push_back(identity);
    }
    std::string jumps;
    for (const auto &jump : m_endpoint.jumps) {
        if (!jumps.empty()) jumps += ',';
        jumps += jump.user + "@" + jump.host + ":" + std::to_string(jump.port);
    }
    if (!jumps.empty()) {
        argv.push_back("-J");
        argv.push_back(jumps);
    }
    argv.push_back("--");
    argv.push_back(m_endpoint.host);
    argv.push_back(remoteCommand);
    return argv;
}

CommandResult OpenSshTransport::run(const std::vector<std::string> &argv, const RunLimits &limits,
                                    const CancelToken &token)
{
    CommandResult result = m_local.run(sshArguments(shellCommand(argv)), limits, token);
    // ssh exits 255 for its own errors; the remote command's codes pass through.
    if (result.exitCode == 255) {
        const std::string &err = result.err;
        const std::string where = m_endpoint.user + "@" + m_endpoint.host + ":" +
                                  std::to_string(m_endpoint.port) + " (OpenSSH): ";
        std::string firstLine = err.substr(0, err.find('\n'));
        if (err.find("Host key verification failed") != std::string::npos ||
            err.find("REMOTE HOST IDENTIFICATION HAS CHANGED") != std::string::npos ||
            err.find("REVOKED HOST KEY") != std::string::npos)
            throw TransportError(TransportError::Kind::HostKey,
                                 where + "host key refused (" + firstLine +
                                     "); an unknown key is accepted only with "
                                     "--accept-new-host-key, a changed one never");
        if (err.find("Permission denied") != std::string::npos)
            throw TransportError(TransportError::Kind::Authentication, where + firstLine);
        if (err.find("timed out") != std::string::npos)
            throw TransportError(TransportError::Kind::Timeout, where + firstLine);
        throw TransportError(TransportError::Kind::Connection, where + firstLine);
    }
    return result;
}

} // namespace perfcase
