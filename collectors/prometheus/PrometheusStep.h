#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace perfcase {

// The resolution of a range query. Prometheus refuses a query whose window
// holds more than 11,000 steps ("exceeded maximum resolution"), so every
// step chosen here keeps within that; times are ns like the case file.
class PrometheusStep
{
public:
    static constexpr std::int64_t kSecond = 1'000'000'000;
    static constexpr std::int64_t kMaxPoints = 11'000;

    // The smallest step Prometheus accepts for [start, end]: ceil(width / 11000).
    static std::int64_t minimum(std::int64_t start, std::int64_t end);
    // CLI.md: max(1 s, (end - start) / 1000), rounded up to whole ms so that
    // the step reads well in the source's origin.
    static std::int64_t defaultFor(std::int64_t start, std::int64_t end);
    // For a plot `pixels` wide: one point per pixel, max(1 s, width / pixels)
    // rounded up to a whole second (finer steps would only be drawn over).
    static std::int64_t forPixels(std::int64_t start, std::int64_t end, int pixels);
    // Empty when step fits [start, end]; otherwise why not (for the user).
    static std::string check(std::int64_t step, std::int64_t start, std::int64_t end);

    // A Prometheus duration ("15s", "1m", "1h30m", "500ms", "2d", "1w",
    // "1y") or float seconds ("15", "0.5"), as Prometheus' API takes them;
    // std::nullopt when it is neither or not positive.
    static std::optional<std::int64_t> parse(std::string_view text);
    // For the API: seconds as the shortest decimal ("15", "0.5", "3.6").
    static std::string apiText(std::int64_t step);
    // For people: the Prometheus duration ("15s", "1h30m", "500ms"), or
    // apiText() when it is not a whole number of ms; parse() reads it back.
    static std::string durationText(std::int64_t step);
};

} // namespace perfcase
