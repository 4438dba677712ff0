#pragma once

#include <optional>
#include <string>
#include <vector>

namespace perfcase {

// What ssh_config says about one host alias, for the keywords the SSH transports honour.
struct SshHostConfig
{
    std::string alias;
    std::string hostName;
    int port = 22;
    std::string user;
    std::vector<std::string> identityFiles; // tokens and ~ expanded, config order
    std::string proxyJump;                  // raw value; "" or "none" means none
    std::optional<int> connectTimeoutSeconds;
    std::optional<int> serverAliveIntervalSeconds;
    std::string userKnownHostsFile; // first file given, expanded ("none" kept); "" when not set
    bool matched = false;           // some Host block other than "*" matched
};

// A reader of OpenSSH client configuration (ssh_config(5)) good enough to reach the same host,
// port, user and keys as `ssh ALIAS` would. Match blocks are not evaluated: their contents are
// skipped with a warning, since guessing their conditions could pick the wrong host.
class SshConfig
{
public:
    // A missing file is an empty configuration. Relative Includes resolve against ~/.ssh.
    static SshConfig load(const std::string &path);
    static SshConfig parse(const std::string &text, const std::string &pathForMessages,
                           const std::string &homeDir);

    // Host patterns match the alias case-sensitively, as ssh does. Unknown %-tokens are left as
    // they are, so the resulting path fails visibly instead of pointing somewhere unexpected.
    SshHostConfig resolve(const std::string &alias, const std::string &localUser) const;
    // "PATH:LINE: unsupported keyword Match" and the like, in file order.
    const std::vector<std::string> &warnings() const { return m_warnings; }

private:
    enum class Kind
    {
        Host,
        Match,
        IncludeBegin,
        IncludeEnd,
        Option
    };
    struct Statement
    {
        Kind kind;
        std::string keyword; // lower-case, for Option
        std::vector<std::string> args;
    };

    void parseText(const std::string &text, const std::string &path, int depth);
    void parseLine(const std::string &line, const std::string &where, int depth);
    void include(const std::vector<std::string> &args, const std::string &where, int depth);
    std::string expandPath(const std::string &value, const SshHostConfig &host,
                           const std::string &localUser) const;

    std::string m_homeDir;
    std::vector<Statement> m_statements;
    std::vector<std::string> m_warnings;
};

} // namespace perfcase
