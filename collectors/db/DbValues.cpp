#include "DbValues.h"

#include "Utf8.h"
#include "logs/TextRepair.h"
#include "metrics/MetricNumbers.h"

#include <cmath>

namespace perfcase::DbValues {

namespace {

constexpr double kExactLimit = 9007199254740992.0; // 2^53

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] - 'A' + 'a') : a[i];
        if (x != b[i]) return false;
    }
    return true;
}

} // namespace

std::optional<double> number(std::string_view text)
{
    const auto value = MetricNumbers::parse(text);
    if (!value || !std::isfinite(*value)) return std::nullopt;
    return value;
}

std::optional<std::int64_t> wholeNumber(std::string_view text)
{
    const auto value = number(text);
    if (!value || std::trunc(*value) != *value || std::fabs(*value) > kExactLimit)
        return std::nullopt;
    return std::int64_t(*value);
}

std::optional<bool> boolean(std::string_view text)
{
    text = MetricNumbers::trim(text);
    for (std::string_view yes : {"t", "true", "1"}) {
        if (equalsIgnoringCase(text, yes)) return true;
    }
    for (std::string_view no : {"f", "false", "0"}) {
        if (equalsIgnoringCase(text, no)) return false;
    }
    return std::nullopt;
}

nlohmann::json json(double value)
{
    if (std::trunc(value) == value && std::fabs(value) <= kExactLimit) return std::int64_t(value);
    return value;
}

std::string text(std::string_view raw, bool &repaired, std::size_t maxBytes)
{
    std::string out;
    if (TextRepair::isValidUtf8(raw)) {
        out.assign(utf8Prefix(raw, maxBytes));
        return out;
    }
    repaired = true;
    std::string fixed;
    TextRepair::repairUtf8(raw, fixed);
    out.assign(utf8Prefix(fixed, maxBytes));
    return out;
}

} // namespace perfcase::DbValues
