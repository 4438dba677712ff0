#pragma once

#include "import/CancelToken.h"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace perfcase {

// What one command printed and how it ended.
struct CommandResult
{
    int exitCode = -1;
    std::string out;
    std::string err;
    double seconds = 0;
    bool outputCut = false; // stdout reached RunLimits::maxOutputBytes
};

struct RunLimits
{
    int timeoutSeconds = 120;
    std::size_t maxOutputBytes = std::size_t(2) << 30;
};

// A connection that could not be made or used. The kind decides the exit code
// (CLI.md): a refused host key is an input error (3), anything else means the
// collector could not run (5).
class TransportError : public std::runtime_error
{
public:
    enum class Kind
    {
        HostKey,    // unknown (not accepted), changed or revoked
        Connection, // resolve, connect, handshake, lost
        Authentication,
        NeedsTerminal, // a passphrase or an answer is needed and nobody can give it
        Timeout,
        Unsupported // something libssh2 cannot do (an RSA user key, ...)
    };
    TransportError(Kind kind, const std::string &message)
        : std::runtime_error(message), m_kind(kind)
    {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

// Runs read-only commands somewhere: here (QProcess) or on a bastion over
// SSH. Commands are argument lists, never shell strings; a transport that
// must hand a string to a remote shell quotes every argument (ShellQuote).
class Transport
{
public:
    virtual ~Transport() = default;
    // Where commands run, as the user named it: "local", "ssh://ops@bastion:22".
    virtual std::string target() const = 0;
    // Which implementation runs them: "local", "libssh2", "openssh".
    virtual std::string kind() const = 0;
    // Throws TransportError when the command cannot be run at all, Cancelled
    // when the token is cancelled; a command that runs and fails returns its
    // exit code and stderr.
    virtual CommandResult run(const std::vector<std::string> &argv, const RunLimits &limits,
                              const CancelToken &token) = 0;
};

} // namespace perfcase
