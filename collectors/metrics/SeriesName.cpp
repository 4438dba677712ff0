#include "SeriesName.h"

#include "MetricNumbers.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace perfcase {

namespace {

bool isNameChar(char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
           (!first && c >= '0' && c <= '9');
}

void skipSpaces(std::string_view text, std::size_t &pos)
{
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
        ++pos;
}

// `k="v", k2="v2"` up to the closing brace; std::nullopt when malformed.
std::optional<std::map<std::string, std::string>> parseLabels(std::string_view text,
                                                              std::size_t &pos)
{
    std::map<std::string, std::string> labels;
    for (;;) {
        skipSpaces(text, pos);
        if (pos < text.size() && text[pos] == '}') {
            ++pos;
            return labels;
        }
        const std::size_t start = pos;
        while (pos < text.size() && isNameChar(text[pos], pos == start))
            ++pos;
        if (pos == start) return std::nullopt;
        std::string key(text.substr(start, pos - start));
        skipSpaces(text, pos);
        if (pos >= text.size() || text[pos] != '=') return std::nullopt;
        ++pos;
        skipSpaces(text, pos);
        if (pos >= text.size() || text[pos] != '"') return std::nullopt;
        ++pos;
        std::string value;
        for (;;) {
            if (pos >= text.size()) return std::nullopt;
            const char c = text[pos++];
            if (c == '"') break;
            if (c == '\\' && pos < text.size()) {
                const char escaped = text[pos++];
                value += escaped == 'n' ? '\n' : escaped;
            } else {
                value += c;
            }
        }
        labels[std::move(key)] = std::move(value);
        skipSpaces(text, pos);
        if (pos < text.size() && text[pos] == ',')
            ++pos;
        else if (pos >= text.size() || text[pos] != '}')
            return std::nullopt;
    }
}

} // namespace

SeriesName SeriesName::parse(std::string_view text)
{
    text = MetricNumbers::trim(text);
    SeriesName series;
    const std::size_t brace = text.find('{');
    if (brace != std::string_view::npos && !text.empty() && text.back() == '}') {
        bool nameOk = true;
        for (std::size_t i = 0; i < brace; ++i)
            nameOk = nameOk && isNameChar(text[i], i == 0);
        std::size_t pos = brace + 1;
        if (nameOk) {
            if (auto labels = parseLabels(text, pos); labels && pos == text.size()) {
                series.labels = std::move(*labels);
                series.name.assign(text.substr(0, brace));
                if (auto it = series.labels.find("__name__"); it != series.labels.end()) {
                    if (series.name.empty()) series.name = it->second;
                    series.labels.erase(it);
                }
                if (series.name.empty())
                    series.name.assign(text); // `{pod="api-1"}`: the series as written
                return series;
            }
        }
    }
    series.name.assign(text);
    return series;
}

std::string SeriesName::toJson(const std::map<std::string, std::string> &labels)
{
    nlohmann::json object = nlohmann::json::object();
    for (const auto &[key, value] : labels)
        object[key] = value;
    return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string SeriesName::labelsJson() const
{
    return toJson(labels);
}

} // namespace perfcase
