#include "SshTarget.h"

#include "SshConfig.h"

#include <cstdlib>
#include <pwd.h>
#include <stdexcept>
#include <unistd.h>

namespace perfcase {

namespace {

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == ':' || c == '%';
}

int parsePort(const std::string &text, const std::string &target)
{
    std::size_t used = 0;
    int port = 0;
    try {
        port = std::stoi(text, &used);
    } catch (const std::exception &) {
        used = 0;
    }
    if (used != text.size() || port < 1 || port > 65535)
        throw std::invalid_argument("target " + target + ": port '" + text +
                                    "' is not a number from 1 to 65535");
    return port;
}

std::string homeDirectory()
{
    if (const char *home = std::getenv("HOME"); home && *home) return home;
    if (const passwd *entry = ::getpwuid(::getuid())) return entry->pw_dir;
    return "/";
}

std::string localUserName()
{
    if (const char *user = std::getenv("USER"); user && *user) return user;
    if (const passwd *entry = ::getpwuid(::getuid())) return entry->pw_name;
    return "root";
}

std::vector<std::string> splitJumps(const std::string &value)
{
    std::vector<std::string> jumps;
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t comma = value.find(',', start);
        const std::string item =
            value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) jumps.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return jumps;
}

} // namespace

void checkSshWord(const std::string &word, const std::string &what)
{
    if (word.empty()) throw std::invalid_argument(what + " is empty");
    if (word.front() == '-') throw std::invalid_argument(what + " '" + word + "' starts with '-'");
    for (char c : word)
        if (!isWordChar(c))
            throw std::invalid_argument(what + " '" + word +
                                        "' holds a character not allowed in a host or user name");
}

SshTarget SshTarget::parse(const std::string &text)
{
    SshTarget target;
    target.m_text = text;
    if (text == "local") {
        target.m_local = true;
        return target;
    }
    std::string rest = text;
    if (rest.rfind("ssh://", 0) == 0) rest = rest.substr(6);
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    if (const auto at = rest.rfind('@'); at != std::string::npos) {
        target.m_user = rest.substr(0, at);
        rest = rest.substr(at + 1);
        checkSshWord(target.m_user, "user of target " + text);
    }
    if (!rest.empty() && rest.front() == '[') {
        // [IPv6]:port or [host]:port
        const auto close = rest.find(']');
        if (close == std::string::npos)
            throw std::invalid_argument("target " + text + ": missing ']'");
        target.m_host = rest.substr(1, close - 1);
        const std::string after = rest.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                throw std::invalid_argument("target " + text + ": unexpected text after ']'");
            target.m_port = parsePort(after.substr(1), text);
        }
    } else if (const auto colon = rest.find(':'); colon != std::string::npos) {
        target.m_host = rest.substr(0, colon);
        target.m_port = parsePort(rest.substr(colon + 1), text);
    } else {
        target.m_host = rest;
    }
    checkSshWord(target.m_host, "host of target " + text);
    return target;
}

SshEndpoint SshTarget::resolve(const std::string &configPath, const std::string &homeDir,
                               const std::string &localUser,
                               std::vector<std::string> *warnings) const
{
    if (m_local) throw std::logic_error("a local target has no SSH endpoint");
    const SshConfig config = SshConfig::load(configPath);
    if (warnings)
        warnings->insert(warnings->end(), config.warnings().begin(), config.warnings().end());

    auto endpointFor = [&](const std::string &alias, const std::string &user,
                           std::optional<int> port) {
        const SshHostConfig host = config.resolve(alias, localUser);
        SshEndpoint endpoint;
        endpoint.host = host.hostName.empty() ? alias : host.hostName;
        endpoint.port = port.value_or(host.port);
        endpoint.user = user.empty() ? (host.user.empty() ? localUser : host.user) : user;
        endpoint.identityFiles = host.identityFiles;
        if (endpoint.identityFiles.empty())
            endpoint.identityFiles = {homeDir + "/.ssh/id_ed25519", homeDir + "/.ssh/id_ecdsa",
                                      homeDir + "/.ssh/id_rsa"};
        endpoint.configFile = configPath;
        if (host.connectTimeoutSeconds)
            endpoint.connectTimeoutSeconds = *host.connectTimeoutSeconds;
        if (host.serverAliveIntervalSeconds && *host.serverAliveIntervalSeconds > 0)
            endpoint.keepaliveSeconds = *host.serverAliveIntervalSeconds;
        endpoint.knownHostsFile = host.userKnownHostsFile.empty() ? homeDir + "/.ssh/known_hosts"
                                                                  : host.userKnownHostsFile;
        return std::make_pair(endpoint, host.proxyJump);
    };

    auto [endpoint, proxyJump] = endpointFor(m_host, m_user, m_port);
    if (!proxyJump.empty() && proxyJump != "none") {
        for (const std::string &jumpText : splitJumps(proxyJump)) {
            const SshTarget jump = parse(jumpText);
            // A jump host's own ProxyJump is not followed: ssh would, but a
            // chain written once in the target's entry is what users mean,
            // and it cannot loop.
            endpoint.jumps.push_back(endpointFor(jump.m_host, jump.m_user, jump.m_port).first);
        }
    }
    return endpoint;
}

SshEndpoint SshTarget::resolveForUser(std::vector<std::string> *warnings) const
{
    const std::string home = homeDirectory();
    return resolve(home + "/.ssh/config", home, localUserName(), warnings);
}

} // namespace perfcase
