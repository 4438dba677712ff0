#include "SshConfig.h"

#include "SshPattern.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <glob.h>
#include <pwd.h>
#include <unistd.h>

namespace perfcase {

namespace {

// As OpenSSH's READCONF_MAX_DEPTH: deep enough for real setups, stops include loops.
constexpr int maxIncludeDepth = 16;

std::string lower(std::string text)
{
    for (char &c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// OpenSSH argv_split(..., terminate_on_comment): whitespace-separated arguments, "..." and '...'
// quoting, backslash escapes for quotes, backslash and space; an unquoted '#' starting an
// argument ends the line. Returns false on an unterminated quote.
bool splitArguments(const std::string &text, std::vector<std::string> &args)
{
    size_t i = 0;
    while (true) {
        while (i < text.size() && isSpace(text[i]))
            ++i;
        if (i >= text.size() || text[i] == '#') return true;
        std::string arg;
        char quote = 0;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '\\' && i + 1 < text.size() &&
                (text[i + 1] == '\'' || text[i + 1] == '"' || text[i + 1] == '\\' ||
                 (quote == 0 && text[i + 1] == ' '))) {
                arg += text[++i];
            } else if (quote == 0 && isSpace(c)) {
                break;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else {
                arg += c;
            }
        }
        if (quote != 0) return false;
        args.push_back(std::move(arg));
    }
}

bool hostPatternsMatch(const std::string &alias, const std::vector<std::string> &patterns)
{
    bool active = false;
    for (const std::string &pattern : patterns) {
        const bool negated = !pattern.empty() && pattern.front() == '!';
        if (sshPatternMatch(alias, negated ? pattern.substr(1) : pattern)) {
            if (negated) return false;
            active = true;
        }
    }
    return active;
}

bool parseInt(const std::string &text, long long max, long long &value)
{
    if (text.empty() || text.size() > 10) return false;
    value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    return value <= max;
}

// OpenSSH convtime(): "90", "1m30s", "2h"; units s m h d w, any case.
bool parseTime(const std::string &text, int &seconds)
{
    if (text.empty()) return false;
    long long total = 0;
    size_t i = 0;
    while (i < text.size()) {
        long long value = 0;
        const size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + (text[i] - '0');
            if (value > INT_MAX) return false;
            ++i;
        }
        if (i == start) return false;
        long long multiplier = 1;
        if (i < text.size()) {
            switch (text[i]) {
            case 's':
            case 'S':
                multiplier = 1;
                break;
            case 'm':
            case 'M':
                multiplier = 60;
                break;
            case 'h':
            case 'H':
                multiplier = 3600;
                break;
            case 'd':
            case 'D':
                multiplier = 86400;
                break;
            case 'w':
            case 'W':
                multiplier = 604800;
                break;
            default:
                return false;
            }
            ++i;
        }
        total += value * multiplier;
        if (total > INT_MAX) return false;
    }
    seconds = static_cast<int>(total);
    return true;
}

std::string homeOf(const std::string &user)
{
    const passwd *entry = getpwnam(user.c_str());
    return entry && entry->pw_dir ? entry->pw_dir : std::string();
}

std::string tildeExpand(const std::string &value, const std::string &homeDir)
{
    if (value.empty() || value.front() != '~') return value;
    const size_t slash = value.find('/');
    const std::string user =
        value.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
    const std::string home = user.empty() ? homeDir : homeOf(user);
    if (home.empty()) return value;
    return slash == std::string::npos ? home : home + value.substr(slash);
}

std::string localHostName()
{
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0) return {};
    return name;
}

bool readFile(const std::string &path, std::string &text, int &error)
{
    FILE *file = std::fopen(path.c_str(), "rb");
    if (!file) {
        error = errno;
        return false;
    }
    char buffer[16384];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        text.append(buffer, n);
    const bool failed = std::ferror(file) != 0;
    error = errno;
    std::fclose(file);
    return !failed;
}

} // namespace

SshConfig SshConfig::load(const std::string &path)
{
    std::string homeDir;
    if (const char *home = std::getenv("HOME"); home && *home)
        homeDir = home;
    else if (const passwd *entry = getpwuid(getuid()); entry && entry->pw_dir)
        homeDir = entry->pw_dir;
    std::string text;
    int error = 0;
    if (!readFile(path, text, error)) {
        SshConfig config = parse({}, path, homeDir);
        if (error != ENOENT && error != ENOTDIR)
            config.m_warnings.push_back(path + ": cannot read: " + std::strerror(error));
        return config;
    }
    return parse(text, path, homeDir);
}

SshConfig SshConfig::parse(const std::string &text, const std::string &pathForMessages,
                           const std::string &homeDir)
{
    SshConfig config;
    config.m_homeDir = homeDir;
    config.parseText(text, pathForMessages, 0);
    return config;
}

void SshConfig::parseText(const std::string &text, const std::string &path, int depth)
{
    size_t start = 0;
    int number = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        ++number;
        parseLine(text.substr(start, end - start), path + ":" + std::to_string(number), depth);
        start = end + 1;
    }
}

void SshConfig::parseLine(const std::string &line, const std::string &where, int depth)
{
    // The keyword ends at whitespace or '='; one '=' may separate it from the value.
    size_t i = 0;
    while (i < line.size() && isSpace(line[i]))
        ++i;
    if (i >= line.size() || line[i] == '#') return;
    const size_t keywordStart = i;
    while (i < line.size() && !isSpace(line[i]) && line[i] != '=')
        ++i;
    const std::string written = line.substr(keywordStart, i - keywordStart);
    const std::string keyword = lower(written);
    bool sawEquals = false;
    while (i < line.size() && (isSpace(line[i]) || (line[i] == '=' && !sawEquals))) {
        sawEquals = sawEquals || line[i] == '=';
        ++i;
    }
    std::vector<std::string> args;
    if (!splitArguments(line.substr(i), args)) {
        m_warnings.push_back(where + ": invalid quotes, line ignored");
        return;
    }
    if (args.empty()) {
        m_warnings.push_back(where + ": no argument after keyword " + written + ", line ignored");
        return;
    }
    auto single = [&]() {
        if (args.size() == 1) return true;
        m_warnings.push_back(where + ": garbage at end of line, " + written + " ignored");
        return false;
    };

    if (keyword == "host") {
        m_statements.push_back({Kind::Host, {}, args});
    } else if (keyword == "match") {
        m_warnings.push_back(where + ": unsupported keyword " + written + ", its block is ignored");
        m_statements.push_back({Kind::Match, {}, {}});
    } else if (keyword == "include") {
        include(args, where, depth);
    } else if (keyword == "port") {
        long long port = 0;
        if (!single()) return;
        if (!parseInt(args[0], 65535, port) || port < 1) {
            m_warnings.push_back(where + ": bad port '" + args[0] + "', ignored");
            return;
        }
        m_statements.push_back({Kind::Option, keyword, {std::to_string(port)}});
    } else if (keyword == "connecttimeout" || keyword == "serveraliveinterval") {
        if (!single()) return;
        // "none" leaves the option unset, so a later value can still apply (as in ssh).
        if (lower(args[0]) == "none") return;
        int seconds = 0;
        if (!parseTime(args[0], seconds)) {
            m_warnings.push_back(where + ": bad time value '" + args[0] + "' for " + written +
                                 ", ignored");
            return;
        }
        m_statements.push_back({Kind::Option, keyword, {std::to_string(seconds)}});
    } else if (keyword == "hostname" || keyword == "user" || keyword == "identityfile" ||
               keyword == "proxyjump") {
        if (single()) m_statements.push_back({Kind::Option, keyword, args});
    } else if (keyword == "userknownhostsfile") {
        m_statements.push_back({Kind::Option, keyword, args});
    } else if (keyword == "proxycommand") {
        // Kept so that it shadows a later ProxyJump, as in ssh, where the two exclude each other.
        m_warnings.push_back(where + ": unsupported keyword " + written);
        m_statements.push_back({Kind::Option, keyword, args});
    } else if (keyword == "hostkeyalias") {
        m_warnings.push_back(where + ": unsupported keyword " + written);
    }
}

void SshConfig::include(const std::vector<std::string> &args, const std::string &where, int depth)
{
    for (const std::string &arg : args) {
        std::string pattern = tildeExpand(arg, m_homeDir);
        if (pattern.empty() || pattern.front() != '/') pattern = m_homeDir + "/.ssh/" + pattern;
        glob_t matches{};
        const int status = ::glob(pattern.c_str(), 0, nullptr, &matches);
        if (status == GLOB_NOMATCH) {
            globfree(&matches);
            continue; // ssh ignores an Include that names nothing
        }
        if (status != 0) {
            globfree(&matches);
            m_warnings.push_back(where + ": cannot expand Include " + arg);
            continue;
        }
        for (size_t i = 0; i < matches.gl_pathc; ++i) {
            const std::string path = matches.gl_pathv[i];
            if (depth + 1 > maxIncludeDepth) {
                m_warnings.push_back(where + ": too many nested Includes, " + path + " ignored");
                continue;
            }
            std::string text;
            int error = 0;
            if (!readFile(path, text, error)) {
                m_warnings.push_back(where + ": cannot read included " + path + ": " +
                                     std::strerror(error));
                continue;
            }
            m_statements.push_back({Kind::IncludeBegin, {}, {}});
            parseText(text, path, depth + 1);
            m_statements.push_back({Kind::IncludeEnd, {}, {}});
        }
        globfree(&matches);
    }
}

std::string SshConfig::expandPath(const std::string &value, const SshHostConfig &host,
                                  const std::string &localUser) const
{
    const std::string text = tildeExpand(value, m_homeDir);
    std::string result;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 1 < text.size()) {
            const char token = text[i + 1];
            std::string replacement;
            bool known = true;
            switch (token) {
            case '%':
                replacement = "%";
                break;
            case 'd':
                replacement = m_homeDir;
                break;
            case 'u':
                replacement = localUser;
                break;
            case 'r':
                replacement = host.user;
                break;
            case 'h':
                replacement = host.hostName;
                break;
            case 'p':
                replacement = std::to_string(host.port);
                break;
            case 'n':
                replacement = host.alias;
                break;
            case 'i':
                replacement = std::to_string(getuid());
                break;
            case 'l':
                replacement = localHostName();
                break;
            case 'L': {
                replacement = localHostName();
                replacement = replacement.substr(0, replacement.find('.'));
                break;
            }
            default:
                known = false;
            }
            if (known) {
                result += replacement;
                ++i;
                continue;
            }
        } else if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
            const size_t close = text.find('}', i + 2);
            if (close != std::string::npos) {
                const std::string name = text.substr(i + 2, close - i - 2);
                if (const char *env = std::getenv(name.c_str())) {
                    result += env;
                    i = close;
                    continue;
                }
            }
        }
        result += c;
    }
    return result;
}

SshHostConfig SshConfig::resolve(const std::string &alias, const std::string &localUser) const
{
    SshHostConfig host;
    host.alias = alias;
    std::optional<std::string> hostName, user, proxy, knownHosts;
    std::optional<int> port;
    std::vector<std::string> identities;

    // Include inherits the including block's state; a Host line inside an Include reached from
    // an inactive block can never activate, and the state is restored when the file ends.
    bool active = true;
    bool neverMatch = false;
    std::vector<std::pair<bool, bool>> saved;
    for (const Statement &statement : m_statements) {
        switch (statement.kind) {
        case Kind::Host:
            active = !neverMatch && hostPatternsMatch(alias, statement.args);
            if (active && !(statement.args.size() == 1 && statement.args[0] == "*"))
                host.matched = true;
            continue;
        case Kind::Match:
            active = false;
            continue;
        case Kind::IncludeBegin:
            saved.emplace_back(active, neverMatch);
            neverMatch = neverMatch || !active;
            continue;
        case Kind::IncludeEnd:
            if (!saved.empty()) {
                active = saved.back().first;
                neverMatch = saved.back().second;
                saved.pop_back();
            }
            continue;
        case Kind::Option:
            break;
        }
        if (!active) continue;
        const std::string &keyword = statement.keyword;
        const std::string &value = statement.args.front();
        if (keyword == "hostname" && !hostName)
            hostName = value;
        else if (keyword == "user" && !user)
            user = value;
        else if (keyword == "port" && !port)
            port = std::stoi(value);
        else if (keyword == "identityfile")
            identities.push_back(value);
        else if ((keyword == "proxyjump" || keyword == "proxycommand") && !proxy)
            proxy = keyword == "proxyjump" ? value : std::string();
        else if (keyword == "connecttimeout" && !host.connectTimeoutSeconds)
            host.connectTimeoutSeconds = std::stoi(value);
        else if (keyword == "serveraliveinterval" && !host.serverAliveIntervalSeconds)
            host.serverAliveIntervalSeconds = std::stoi(value);
        else if (keyword == "userknownhostsfile" && !knownHosts)
            knownHosts = value;
    }

    host.hostName = alias;
    if (hostName) {
        // HostName knows only %h (the alias) and %%.
        std::string expanded;
        for (size_t i = 0; i < hostName->size(); ++i) {
            if ((*hostName)[i] == '%' && i + 1 < hostName->size() &&
                ((*hostName)[i + 1] == 'h' || (*hostName)[i + 1] == '%')) {
                expanded += (*hostName)[i + 1] == 'h' ? alias : std::string("%");
                ++i;
            } else {
                expanded += (*hostName)[i];
            }
        }
        host.hostName = expanded;
    }
    host.port = port.value_or(22);
    host.user = user.value_or(localUser);
    host.proxyJump = proxy.value_or(std::string());
    for (const std::string &identity : identities) {
        const std::string path = expandPath(identity, host, localUser);
        bool seen = false;
        for (const std::string &known : host.identityFiles)
            seen = seen || known == path;
        if (!seen) host.identityFiles.push_back(path);
    }
    if (knownHosts) host.userKnownHostsFile = expandPath(*knownHosts, host, localUser);
    return host;
}

} // namespace perfcase
