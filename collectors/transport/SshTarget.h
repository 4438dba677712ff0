#pragma once

#include <optional>
#include <string>
#include <vector>

namespace perfcase {

// Where to connect, after ~/.ssh/config: what SshSession needs.
struct SshEndpoint
{
    std::string host; // to connect to (HostName)
    int port = 22;
    std::string user;
    std::vector<std::string> identityFiles; // from the config, in order
    std::vector<SshEndpoint> jumps;         // ProxyJump hosts, first connected first
    int connectTimeoutSeconds = 15;
    int keepaliveSeconds = 30;
    std::string knownHostsFile;
    std::string configFile; // the ~/.ssh/config it came from ("" none)
};

// A TARGET of `perfcase collect` (CLI.md): `local`, ssh://user@host[:port],
// user@host[:port] or a Host alias of ~/.ssh/config.
class SshTarget
{
public:
    // Throws std::invalid_argument naming what is wrong.
    static SshTarget parse(const std::string &text);

    bool isLocal() const { return m_local; }
    const std::string &text() const { return m_text; }

    // Applies ~/.ssh/config (configPath) the way ssh does; values given in
    // the target win over the config's. warnings receive the config's lines
    // we cannot honour.
    SshEndpoint resolve(const std::string &configPath, const std::string &homeDir,
                        const std::string &localUser, std::vector<std::string> *warnings) const;

    // The user's defaults: ~/.ssh/config, ~/.ssh/known_hosts, $USER.
    SshEndpoint resolveForUser(std::vector<std::string> *warnings = nullptr) const;

private:
    bool m_local = false;
    std::string m_text;
    std::string m_user;
    std::string m_host;
    std::optional<int> m_port;
};

// Checks a user or host name typed by someone: neither may start with '-'
// (it would read as an option to ssh) nor hold spaces or control characters.
void checkSshWord(const std::string &word, const std::string &what);

} // namespace perfcase
