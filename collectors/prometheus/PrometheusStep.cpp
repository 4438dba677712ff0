#include "PrometheusStep.h"

#include <algorithm>
#include <array>
#include <limits>

namespace perfcase {

namespace {

constexpr std::int64_t kMs = 1'000'000;

std::int64_t ceilDiv(std::int64_t value, std::int64_t divisor)
{
    return value <= 0 ? 0 : (value + divisor - 1) / divisor;
}

struct Unit
{
    std::string_view name;
    std::int64_t ns;
};

// Prometheus' units, largest first: a duration names them in this order,
// each at most once (model.ParseDuration).
constexpr std::array<Unit, 7> kUnits{{{"y", 365 * 24 * 3600 * PrometheusStep::kSecond},
                                      {"w", 7 * 24 * 3600 * PrometheusStep::kSecond},
                                      {"d", 24 * 3600 * PrometheusStep::kSecond},
                                      {"h", 3600 * PrometheusStep::kSecond},
                                      {"m", 60 * PrometheusStep::kSecond},
                                      {"s", PrometheusStep::kSecond},
                                      {"ms", kMs}}};

// "15", "0.5", "3.600": seconds read from their digits, so 0.1 is exactly
// 100 ms rather than a double's neighbour of it.
std::optional<std::int64_t> parseSeconds(std::string_view text)
{
    std::int64_t whole = 0, fraction = 0, scale = PrometheusStep::kSecond / 10;
    std::size_t pos = 0;
    bool digits = false;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
        if (whole > std::numeric_limits<std::int64_t>::max() / PrometheusStep::kSecond / 10)
            return std::nullopt;
        whole = whole * 10 + (text[pos] - '0');
        digits = true;
    }
    if (pos < text.size() && text[pos] == '.') {
        for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            fraction += (text[pos] - '0') * scale;
            scale /= 10;
            digits = true;
        }
    }
    if (!digits || pos != text.size()) return std::nullopt;
    return whole * PrometheusStep::kSecond + fraction;
}

std::optional<std::int64_t> parseUnits(std::string_view text)
{
    std::int64_t total = 0;
    std::size_t pos = 0, nextUnit = 0;
    while (pos < text.size()) {
        std::int64_t number = 0;
        const std::size_t start = pos;
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            if (number > std::numeric_limits<std::int64_t>::max() / 10) return std::nullopt;
            number = number * 10 + (text[pos] - '0');
        }
        if (pos == start) return std::nullopt;
        const std::size_t unitStart = pos;
        while (pos < text.size() && text[pos] >= 'a' && text[pos] <= 'z')
            ++pos;
        const std::string_view unit = text.substr(unitStart, pos - unitStart);
        std::size_t index = nextUnit;
        while (index < kUnits.size() && kUnits[index].name != unit)
            ++index;
        if (index == kUnits.size()) return std::nullopt; // unknown, repeated or out of order
        if (number > (std::numeric_limits<std::int64_t>::max() - total) / kUnits[index].ns)
            return std::nullopt;
        total += number * kUnits[index].ns;
        nextUnit = index + 1;
    }
    return total;
}

} // namespace

std::int64_t PrometheusStep::minimum(std::int64_t start, std::int64_t end)
{
    return std::max<std::int64_t>(1, ceilDiv(end - start, kMaxPoints));
}

std::int64_t PrometheusStep::defaultFor(std::int64_t start, std::int64_t end)
{
    const std::int64_t step = ceilDiv(ceilDiv(end - start, 1000), kMs) * kMs;
    return std::max({kSecond, step, minimum(start, end)});
}

std::int64_t PrometheusStep::forPixels(std::int64_t start, std::int64_t end, int pixels)
{
    const std::int64_t perPixel = ceilDiv(end - start, std::max(1, pixels));
    // Rounding up to whole seconds keeps the samples on the same grid when
    // the window is only resized a little.
    const std::int64_t step = ceilDiv(std::max(perPixel, minimum(start, end)), kSecond) * kSecond;
    return std::max(kSecond, step);
}

std::string PrometheusStep::check(std::int64_t step, std::int64_t start, std::int64_t end)
{
    if (step <= 0) return "the step must be positive";
    if (step < minimum(start, end))
        return "a step of " + durationText(step) + " gives more than " +
               std::to_string(kMaxPoints) +
               " points per series, more than Prometheus returns; "
               "use a step of at least " +
               durationText(ceilDiv(minimum(start, end), kMs) * kMs);
    return {};
}

std::optional<std::int64_t> PrometheusStep::parse(std::string_view text)
{
    if (text.empty()) return std::nullopt;
    std::optional<std::int64_t> step = parseSeconds(text);
    if (!step) step = parseUnits(text);
    if (!step || *step <= 0) return std::nullopt;
    return step;
}

std::string PrometheusStep::apiText(std::int64_t step)
{
    std::string text = std::to_string(step / kSecond);
    std::int64_t fraction = step % kSecond;
    if (fraction == 0) return text;
    std::string digits = std::to_string(fraction);
    digits.insert(0, 9 - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0')
        digits.pop_back();
    return text + "." + digits;
}

std::string PrometheusStep::durationText(std::int64_t step)
{
    // Prometheus durations stop at ms; a finer step stays plain seconds,
    // which Prometheus (and parse()) take too.
    if (step <= 0 || step % kMs != 0) return apiText(step);
    std::string text;
    std::int64_t rest = step;
    // Days and larger read worse than hours in a step ("1d2h" vs "26h").
    for (std::size_t i = 3; i < kUnits.size(); ++i) {
        if (rest < kUnits[i].ns) continue;
        text += std::to_string(rest / kUnits[i].ns);
        text += kUnits[i].name;
        rest %= kUnits[i].ns;
    }
    return text;
}

} // namespace perfcase
