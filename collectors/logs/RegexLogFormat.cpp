#include "RegexLogFormat.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <stdexcept>

namespace perfcase {

namespace {

std::optional<int> toInt(std::string_view text)
{
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

class RegexLineParser : public LineParser
{
public:
    explicit RegexLineParser(const RegexLogFormat &format) : m_format(format)
    {
        for (const auto &pattern : format.patterns())
            m_matches.push_back(std::make_unique<Regex::Match>(pattern.regex));
    }

    void parse(std::string_view line, LineResult &result) override
    {
        result.starts = false;
        result.timeless = false;
        result.level.reset();
        result.durationMs.reset();
        result.durationName = {};
        result.request = {};
        result.status = {};
        const auto &patterns = m_format.patterns();
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            const RegexLogFormat::Pattern &pattern = patterns[i];
            Regex::Match &match = *m_matches[i];
            if (!match.run(line))
                continue;
            if (!pattern.timeless && !pattern.time.parse(match.group(pattern.ts), result.time))
                continue;
            result.starts = true;
            result.timeless = pattern.timeless;
            result.message = pattern.msg >= 0 && match.hasGroup(pattern.msg) ? match.group(pattern.msg)
                                                                             : line;
            readLevel(pattern, match, line, result);
            if (pattern.request >= 0 && match.hasGroup(pattern.request)) {
                result.request = match.group(pattern.request);
                result.status = match.group(pattern.status);
            }
            if (pattern.durMs >= 0 && match.hasGroup(pattern.durMs)) {
                std::string_view text = match.group(pattern.durMs);
                double value = 0;
                auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
                if (ec == std::errc()) {
                    result.durationMs = value;
                    result.durationName = match.group(pattern.durName);
                }
            }
            return;
        }
    }

private:
    void readLevel(const RegexLogFormat::Pattern &pattern, const Regex::Match &match,
                   std::string_view line, LineResult &result) const
    {
        switch (pattern.levelSource) {
        case RegexLogFormat::LevelSource::Group:
            if (pattern.level >= 0 && match.hasGroup(pattern.level))
                result.level = levelFromWord(match.group(pattern.level));
            if (!result.level)
                result.level = levelFromText(result.message);
            break;
        case RegexLogFormat::LevelSource::Text:
            result.level = levelFromText(result.message.empty() ? line : result.message);
            break;
        case RegexLogFormat::LevelSource::HttpStatus:
            if (auto status = toInt(match.group(pattern.status)))
                result.level = levelFromHttpStatus(*status);
            break;
        case RegexLogFormat::LevelSource::SyslogPri:
            if (auto pri = toInt(match.group(pattern.pri)))
                result.level = levelFromSyslog(*pri & 7);
            else
                result.level = levelFromText(result.message);
            break;
        }
    }

    const RegexLogFormat &m_format;
    std::vector<std::unique_ptr<Regex::Match>> m_matches;
};

RegexLogFormat::LevelSource levelSourceFrom(const std::string &name)
{
    if (name == "group")
        return RegexLogFormat::LevelSource::Group;
    if (name == "text")
        return RegexLogFormat::LevelSource::Text;
    if (name == "http-status")
        return RegexLogFormat::LevelSource::HttpStatus;
    if (name == "syslog-pri")
        return RegexLogFormat::LevelSource::SyslogPri;
    throw std::runtime_error("unknown level source \"" + name + "\"");
}

} // namespace

RegexLogFormat::RegexLogFormat(const nlohmann::json &definition)
{
    m_id = definition.at("id").get<std::string>();
    m_title = definition.value("title", m_id);
    m_priority = definition.value("priority", 0);
    const std::string defaultLevel = definition.value("level", std::string("group"));
    m_durationTrack = definition.value("duration-track", std::string());
    m_requestsTrack = definition.value("requests-track", std::string());
    for (const auto &entry : definition.at("patterns")) {
        const std::string regex = entry.at("regex").get<std::string>();
        bool timeless = entry.value("timeless", false);
        try {
            Pattern pattern{Regex(regex), TimePattern(entry.value("time", std::string("iso8601"))),
                            timeless,
                            levelSourceFrom(entry.value("level", defaultLevel))};
            pattern.ts = pattern.regex.groupIndex("ts");
            pattern.level = pattern.regex.groupIndex("level");
            pattern.msg = pattern.regex.groupIndex("msg");
            pattern.status = pattern.regex.groupIndex("status");
            pattern.pri = pattern.regex.groupIndex("pri");
            pattern.durMs = pattern.regex.groupIndex("dur_ms");
            pattern.durName = pattern.regex.groupIndex("dur_name");
            pattern.request = pattern.regex.groupIndex("request");
            if (!timeless && pattern.ts < 0)
                throw std::runtime_error("a pattern without (?<ts>...) must say \"timeless\": true");
            m_patterns.push_back(std::move(pattern));
        } catch (const std::invalid_argument &error) {
            throw std::runtime_error("format " + m_id + ": pattern \"" + regex.substr(0, 60) +
                                     "\": " + error.what());
        }
    }
    if (m_patterns.empty())
        throw std::runtime_error("format " + m_id + " has no patterns");
    for (const auto &sample : definition.value("samples", nlohmann::json::array())) {
        FormatSample s;
        s.line = sample.at("line").get<std::string>();
        if (sample.contains("ts") && sample["ts"].is_string())
            s.ts = sample["ts"].get<std::string>();
        if (sample.contains("level"))
            s.level = sample["level"].is_string() ? sample["level"].get<std::string>() : "";
        m_samples.push_back(std::move(s));
    }
}

bool RegexLogFormat::hasYear() const
{
    for (const Pattern &pattern : m_patterns) {
        if (!pattern.timeless && !pattern.time.hasYear())
            return false;
    }
    return true;
}

std::unique_ptr<LineParser> RegexLogFormat::makeParser() const
{
    return std::make_unique<RegexLineParser>(*this);
}

} // namespace perfcase
