#include "JsonLogFormat.h"

#include <simdjson.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace perfcase {

namespace {

constexpr std::array<std::string_view, 9> kTimeKeys{
    "time", "ts", "timestamp", "@timestamp", "t", "datetime", "date", "asctime",
    "__REALTIME_TIMESTAMP"};
constexpr std::array<std::string_view, 8> kLevelKeys{
    "level", "severity", "lvl", "log.level", "levelname", "loglevel", "PRIORITY", "log_level"};
constexpr std::array<std::string_view, 5> kMessageKeys{"msg", "message", "MESSAGE", "event",
                                                       "textPayload"};
// Objects whose members describe the record itself (lnav's "@fields",
// rust tracing's "fields").
constexpr std::array<std::string_view, 2> kNestedKeys{"@fields", "fields"};

template<std::size_t N> bool isOneOf(std::string_view key, const std::array<std::string_view, N> &keys)
{
    for (std::string_view candidate : keys) {
        if (key == candidate)
            return true;
    }
    return false;
}

// Epoch numbers come in s, ms, µs or ns; the magnitude tells which. Read
// from the digits as written, so no nanosecond is lost to a double.
std::optional<std::int64_t> epochTextToNs(std::string_view text)
{
    std::size_t pos = 0;
    std::int64_t whole = 0;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < 19) {
        whole = whole * 10 + (text[pos++] - '0');
        ++digits;
    }
    if (digits == 0)
        return std::nullopt;
    std::int64_t scale = whole >= 100'000'000'000'000'000 ? 1
                         : whole >= 100'000'000'000'000   ? 1'000
                         : whole >= 100'000'000'000       ? 1'000'000
                                                          : 1'000'000'000;
    std::int64_t fraction = 0;
    if (pos < text.size() && text[pos] == '.') {
        std::int64_t unit = scale / 10;
        for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            fraction += (text[pos] - '0') * unit;
            unit /= 10;
        }
    }
    if (pos != text.size())
        return std::nullopt; // exponent or junk: not a plain epoch
    if (whole > (INT64_MAX - fraction) / scale)
        return std::nullopt; // after 2262 in ns: not a time we can store
    return whole * scale + fraction;
}

// nullopt when the time does not fit in int64 ns (before 1677, after 2262).
std::optional<std::int64_t> epochToNs(double value)
{
    double magnitude = std::fabs(value);
    const double ns = magnitude >= 1e17   ? value
                      : magnitude >= 1e14 ? value * 1e3
                      : magnitude >= 1e11 ? value * 1e6
                                          : value * 1e9;
    if (!(std::fabs(ns) < 9.2e18))
        return std::nullopt;
    if (magnitude >= 1e11)
        return std::int64_t(ns);
    return std::int64_t(std::llround(value * 1e6)) * 1000;
}

// The digits of a number value as the line wrote them: the DOM keeps only a
// double. Looks for "key": at the top of the object, where time keys live.
std::string_view rawNumberAfterKey(std::string_view json, std::string_view key)
{
    std::string quoted = "\"" + std::string(key) + "\"";
    std::size_t at = json.find(quoted);
    if (at == std::string_view::npos)
        return {};
    std::size_t pos = at + quoted.size();
    while (pos < json.size() && (json[pos] == ' ' || json[pos] == '\t' || json[pos] == ':'))
        ++pos;
    std::size_t start = pos;
    while (pos < json.size() && ((json[pos] >= '0' && json[pos] <= '9') || json[pos] == '.' ||
                                 json[pos] == '-' || json[pos] == 'e' || json[pos] == 'E' ||
                                 json[pos] == '+'))
        ++pos;
    return json.substr(start, pos - start);
}

class JsonLineParser : public LineParser
{
public:
    void parse(std::string_view line, LineResult &result) override
    {
        result.starts = false;
        result.timeless = false;
        result.level.reset();
        result.durationMs.reset();
        result.request = {};
        result.status = {};
        std::size_t brace = line.find('{');
        // Allow a short prefix such as docker compose's "caddy  | ".
        if (brace == std::string_view::npos || brace > 64 ||
            (brace > 0 && line.substr(0, brace).find_first_not_of(" \t") != std::string_view::npos &&
             line.substr(0, brace).find("| ") == std::string_view::npos))
            return;
        std::string_view json = line.substr(brace);
        simdjson::dom::element root;
        if (m_parser.parse(json.data(), json.size(), true).get(root) != simdjson::SUCCESS ||
            !root.is_object())
            return;
        m_json = json;
        m_time.reset();
        m_level.reset();
        m_message = {};
        m_extra.clear();
        scan(root.get_object().value_unsafe(), true);
        if (!m_time)
            return;
        result.starts = true;
        result.time = *m_time;
        result.level = m_level;
        result.ownedMessage.assign(m_message);
        if (!m_extra.empty()) {
            if (!result.ownedMessage.empty())
                result.ownedMessage += ' ';
            result.ownedMessage += m_extra;
        }
        if (result.ownedMessage.empty())
            result.ownedMessage.assign(json);
        result.message = result.ownedMessage;
    }

private:
    void scan(simdjson::dom::object object, bool topLevel)
    {
        for (auto field : object) {
            std::string_view key = field.key;
            simdjson::dom::element value = field.value;
            if (topLevel && !m_time && isOneOf(key, kTimeKeys) && readTime(key, value))
                continue;
            if (!m_level && isOneOf(key, kLevelKeys) && readLevel(value))
                continue;
            if (m_message.empty() && isOneOf(key, kMessageKeys) && value.is_string()) {
                m_message = value.get_string().value_unsafe();
                continue;
            }
            if (topLevel && value.is_object() && isOneOf(key, kNestedKeys)) {
                scan(value.get_object().value_unsafe(), false);
                continue;
            }
            appendExtra(key, value);
        }
    }

    bool readTime(std::string_view key, simdjson::dom::element value)
    {
        ParsedTime time;
        if (value.is_number()) {
            time.isEpoch = true;
            const auto approximate = epochToNs(value.get_double().value_unsafe());
            if (!approximate)
                return false;
            auto exact = epochTextToNs(rawNumberAfterKey(m_json, key));
            // Trust the digits only if they are the number the DOM read.
            time.epochNs = exact && std::fabs(double(*exact) - double(*approximate)) < 1e6
                               ? *exact
                               : *approximate;
        } else if (value.is_string()) {
            std::string_view text = value.get_string().value_unsafe();
            if (auto exact = epochTextToNs(text)) {
                time.isEpoch = true;
                time.epochNs = *exact;
            } else if (!m_iso.parse(text, time)) {
                return false;
            }
        } else {
            return false;
        }
        m_time = time;
        return true;
    }

    bool readLevel(simdjson::dom::element value)
    {
        if (value.is_number()) {
            double number = value.get_double().value_unsafe();
            // journald's PRIORITY and small numbers are syslog severities.
            m_level = number < 10 ? levelFromSyslog(int(number)) : levelFromBunyan(number);
        } else if (value.is_string()) {
            std::string_view text = value.get_string().value_unsafe();
            int number = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (ec == std::errc() && end == text.data() + text.size())
                m_level = number < 10 ? levelFromSyslog(number) : levelFromBunyan(number);
            else
                m_level = levelFromWord(text);
        }
        return m_level.has_value();
    }

    void appendExtra(std::string_view key, simdjson::dom::element value)
    {
        if (!m_extra.empty())
            m_extra += ' ';
        m_extra.append(key);
        m_extra += '=';
        if (value.is_string())
            m_extra.append(value.get_string().value_unsafe());
        else
            m_extra += simdjson::minify(value);
    }

    simdjson::dom::parser m_parser;
    std::string_view m_json;
    TimePattern m_iso{"iso8601"};
    std::optional<ParsedTime> m_time;
    std::optional<LogLevel> m_level;
    std::string_view m_message;
    std::string m_extra;
};

} // namespace

JsonLogFormat::JsonLogFormat()
{
    m_id = "jsonl-log";
    m_title = "JSON lines log (zap, structlog, bunyan, logrus, pino, ...)";
    m_priority = 90;
    m_samples = {
        {R"({"level":"info","ts":1669575482.0968924,"logger":"postgres","msg":"record"})",
         "2022-11-27T18:58:02.096892400Z", "info"},
        {R"({"name":"renovate","level":30,"time":"2023-02-01T10:00:00.123Z","msg":"hi"})",
         "2023-02-01T10:00:00.123Z", "info"},
        {R"({"level":"warn","time":1745532517537,"pid":17,"msg":"slow"})",
         "2025-04-24T22:08:37.537Z", "warning"},
        {R"({"@timestamp":"2025-01-13T09:58:13.631Z","log.level":"debug","message":"m"})",
         "2025-01-13T09:58:13.631Z", "debug"},
    };
}

std::unique_ptr<LineParser> JsonLogFormat::makeParser() const
{
    return std::make_unique<JsonLineParser>();
}

} // namespace perfcase
