#include "LogLevel.h"

#include <array>
#include <cctype>
#include <string>

namespace perfcase {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != b[i])
            return false;
    }
    return true;
}

struct Spelling
{
    std::string_view word;
    LogLevel level;
};

constexpr std::array kSpellings{
    Spelling{"trace", LogLevel::Trace},       Spelling{"finest", LogLevel::Trace},
    Spelling{"debug", LogLevel::Debug},       Spelling{"dbug", LogLevel::Debug},
    Spelling{"fine", LogLevel::Debug},        Spelling{"verbose", LogLevel::Debug},
    Spelling{"info", LogLevel::Info},         Spelling{"information", LogLevel::Info},
    Spelling{"informational", LogLevel::Info}, Spelling{"log", LogLevel::Info},
    Spelling{"notice", LogLevel::Notice},     Spelling{"statement", LogLevel::Info},
    Spelling{"detail", LogLevel::Info},       Spelling{"hint", LogLevel::Info},
    Spelling{"context", LogLevel::Info},      Spelling{"warn", LogLevel::Warning},
    Spelling{"warning", LogLevel::Warning},   Spelling{"error", LogLevel::Error},
    Spelling{"err", LogLevel::Error},         Spelling{"eror", LogLevel::Error},
    Spelling{"severe", LogLevel::Error},      Spelling{"critical", LogLevel::Critical},
    Spelling{"crit", LogLevel::Critical},     Spelling{"fatal", LogLevel::Critical},
    Spelling{"panic", LogLevel::Critical},    Spelling{"alert", LogLevel::Critical},
    Spelling{"emerg", LogLevel::Critical},    Spelling{"emergency", LogLevel::Critical},
};

// Words that only count as a level when written in capitals inside free
// text, since "error" or "info" in lower case is often just prose.
bool isUpperWord(std::string_view word)
{
    for (char c : word) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    return true;
}

} // namespace

std::string_view levelName(LogLevel level)
{
    static constexpr std::array<std::string_view, 7> names{
        "trace", "debug", "info", "notice", "warning", "error", "critical"};
    return names[std::size_t(level)];
}

std::optional<LogLevel> levelFromWord(std::string_view word)
{
    if (word.size() == 1) {
        switch (std::toupper(static_cast<unsigned char>(word[0]))) {
        case 'T': return LogLevel::Trace;
        case 'D': return LogLevel::Debug;
        case 'I': return LogLevel::Info;
        case 'N': return LogLevel::Notice;
        case 'W': return LogLevel::Warning;
        case 'E': return LogLevel::Error;
        case 'C':
        case 'F': return LogLevel::Critical;
        default: return std::nullopt;
        }
    }
    // PostgreSQL's DEBUG1..DEBUG5.
    if (word.size() == 6 && equalsIgnoreCase(word.substr(0, 5), "debug") && word[5] >= '1' &&
        word[5] <= '5')
        return LogLevel::Debug;
    for (const Spelling &spelling : kSpellings) {
        if (equalsIgnoreCase(word, spelling.word))
            return spelling.level;
    }
    return std::nullopt;
}

std::optional<LogLevel> levelFromSyslog(int severity)
{
    static constexpr std::array<LogLevel, 8> levels{
        LogLevel::Critical, LogLevel::Critical, LogLevel::Critical, LogLevel::Error,
        LogLevel::Warning,  LogLevel::Notice,   LogLevel::Info,     LogLevel::Debug};
    if (severity < 0 || severity > 7)
        return std::nullopt;
    return levels[std::size_t(severity)];
}

std::optional<LogLevel> levelFromBunyan(double value)
{
    if (value >= 60)
        return LogLevel::Critical;
    if (value >= 50)
        return LogLevel::Error;
    if (value >= 40)
        return LogLevel::Warning;
    if (value >= 30)
        return LogLevel::Info;
    if (value >= 20)
        return LogLevel::Debug;
    if (value >= 10)
        return LogLevel::Trace;
    return std::nullopt;
}

LogLevel levelFromHttpStatus(int status)
{
    if (status >= 500)
        return LogLevel::Error;
    if (status >= 400)
        return LogLevel::Warning;
    return LogLevel::Info;
}

std::optional<LogLevel> levelFromText(std::string_view text)
{
    // ASCII tests, not <cctype>'s locale-aware ones: this runs on every line.
    auto isAlpha = [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
    auto isAlnum = [&](char c) { return isAlpha(c) || (c >= '0' && c <= '9'); };
    const std::size_t limit = std::min<std::size_t>(text.size(), 120);
    std::size_t pos = 0;
    while (pos < limit) {
        while (pos < limit && !isAlpha(text[pos]))
            ++pos;
        std::size_t start = pos;
        while (pos < text.size() && isAlnum(text[pos]))
            ++pos;
        std::string_view word = text.substr(start, pos - start);
        if (word.size() < 3 || word.size() > 13)
            continue; // no level word is shorter or longer
        char before = start > 0 ? text[start - 1] : ' ';
        char after = pos < text.size() ? text[pos] : ' ';
        bool keyed = before == '=' && start >= 2 &&
                     (text.substr(0, start).ends_with("level=") ||
                      text.substr(0, start).ends_with("lvl=") ||
                      text.substr(0, start).ends_with("severity="));
        bool bracketed = (before == '[' && after == ']') || (before == '<' && after == '>');
        bool tabbed = before == '\t' && after == '\t'; // zap's console encoder
        if (!keyed && !bracketed && !tabbed && !isUpperWord(word))
            continue;
        if (word == "LOG" || equalsIgnoreCase(word, "context") || equalsIgnoreCase(word, "detail") ||
            equalsIgnoreCase(word, "statement") || equalsIgnoreCase(word, "hint"))
            continue; // too common as plain words to mean a level in free text
        if (auto level = levelFromWord(word))
            return level;
    }
    return std::nullopt;
}

} // namespace perfcase
