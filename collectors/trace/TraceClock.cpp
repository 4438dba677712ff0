#include "TraceClock.h"

#include "TimeUtil.h"

#include <simdjson.h>

namespace perfcase {

namespace {

// The resolution of an RFC 3339 time: 1 s without a fraction, 1 ms with 3 digits...
std::int64_t resolutionNs(std::string_view rfc3339)
{
    const auto dot = rfc3339.find('.');
    if (dot == std::string_view::npos) return 1'000'000'000;
    std::size_t digits = 0;
    for (std::size_t i = dot + 1; i < rfc3339.size() && rfc3339[i] >= '0' && rfc3339[i] <= '9'; ++i)
        ++digits;
    std::int64_t ns = 1'000'000'000;
    for (std::size_t i = 0; i < digits && ns > 1; ++i)
        ns /= 10;
    return ns;
}

} // namespace

std::optional<std::int64_t> TraceClock::parseCaptureDatetime(std::string_view text)
{
    int fields[6] = {};
    std::size_t i = 0;
    const char separators[6] = {'-', '-', ' ', ':', ':', '\0'};
    for (int f = 0; f < 6; ++f) {
        int digits = 0;
        long value = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 6) {
            value = value * 10 + (text[i++] - '0');
            ++digits;
        }
        if (digits == 0) return std::nullopt;
        fields[f] = int(value);
        if (separators[f]) {
            if (i >= text.size() || text[i] != separators[f]) return std::nullopt;
            ++i;
        }
    }
    if (i != text.size()) return std::nullopt;
    const auto [year, month, day, hour, minute, second] = fields;
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60)
        return std::nullopt;
    const std::int64_t days = daysFromCivil(year, unsigned(month), unsigned(day));
    return ((days * 24 + hour) * 60 + minute) * 60'000'000'000LL + second * 1'000'000'000LL;
}

SourceClock TraceClock::resolve(std::string_view metadataJson, std::optional<std::int64_t> anchorNs,
                                std::vector<ImportNotice> &warnings)
{
    SourceClock clock;
    clock.domain = "monotonic";
    if (metadataJson.empty() || !anchorNs) return clock;
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(metadataJson);
    simdjson::dom::element metadata;
    if (parser.parse(padded).get(metadata) || !metadata.is_object()) return clock;
    std::string_view text;
    if (!metadata["startTime"].get_string().get(text)) {
        if (auto wall = parseRfc3339(text)) {
            clock.offsetNs = *wall - *anchorNs;
            clock.origin = "metadata";
            clock.residualNs = resolutionNs(text);
            return clock;
        }
        warnings.push_back({0, -1, "metadata.startTime is not an RFC 3339 time; ignored"});
    }
    if (!metadata["trace-capture-datetime"].get_string().get(text)) {
        if (auto wall = parseCaptureDatetime(text)) {
            clock.offsetNs = *wall - *anchorNs;
            clock.origin = "metadata";
            clock.residualNs = 1'000'000'000;
            return clock;
        }
        warnings.push_back({0, -1, "metadata trace-capture-datetime is not a date; ignored"});
    }
    return clock;
}

} // namespace perfcase
