#include "SshTransport.h"

#include "OpenSshTransport.h"
#include "ShellQuote.h"
#include "SshSession.h"

namespace perfcase {

SshTransport::SshTransport(std::string target, SshEndpoint endpoint, SshPrompter &prompter,
                           bool acceptNewHostKey)
    : m_target(std::move(target)), m_endpoint(std::move(endpoint)), m_prompter(prompter),
      m_acceptNewHostKey(acceptNewHostKey)
{}

SshTransport::~SshTransport() = default;

std::string SshTransport::kind() const
{
    return m_fallback ? m_fallback->kind() : "libssh2";
}

void SshTransport::connect(const CancelToken &token)
{
    if (m_session || m_fallback) return;
    try {
        m_session = std::make_unique<SshSession>(m_endpoint, m_prompter, token);
        m_notices.push_back("connected with libssh2, authenticated by " +
                            m_session->authentication());
    } catch (const TransportError &error) {
        if (error.kind() != TransportError::Kind::Unsupported) throw;
        m_fallback = std::make_unique<OpenSshTransport>(m_target, m_endpoint, m_acceptNewHostKey);
        m_notices.push_back(std::string("libssh2 could not connect (") + error.what() +
                            "); the OpenSSH client runs the commands instead");
    }
}

std::vector<std::string> SshTransport::notices() const
{
    std::vector<std::string> all = m_notices;
    if (m_session) all.insert(all.end(), m_session->notices().begin(), m_session->notices().end());
    return all;
}

CommandResult SshTransport::run(const std::vector<std::string> &argv, const RunLimits &limits,
                                const CancelToken &token)
{
    connect(token);
    if (m_fallback) return m_fallback->run(argv, limits, token);
    try {
        return m_session->exec(shellCommand(argv), limits, token);
    } catch (...) {
        if (m_session->broken()) m_session.reset();
        throw;
    }
}

} // namespace perfcase
