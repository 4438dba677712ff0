#include "HeaderUnit.h"

#include "MetricNumbers.h"

#include <array>

namespace perfcase {

namespace {

struct Rule
{
    std::string_view suffix;
    std::string_view unit;
    double scale; // negative: divide by -scale (exact for percentages)
};

// Longer suffixes first where one ends another ("_per_second" before
// "_second", "(ms)" before "(s)").
constexpr std::array kRules{
    Rule{"_bytes_total", "bytes", 1},
    Rule{"_per_second", "per_s", 1},
    Rule{"_per_sec", "per_s", 1},
    Rule{"_per_s", "per_s", 1},
    Rule{"/s", "per_s", 1},
    Rule{"(/s)", "per_s", 1},
    Rule{"_rps", "per_s", 1},
    Rule{"_qps", "per_s", 1},
    Rule{"_bytes", "bytes", 1},
    Rule{"(bytes)", "bytes", 1},
    Rule{" bytes", "bytes", 1},
    Rule{"_milliseconds", "ns", 1e6},
    Rule{"_millis", "ns", 1e6},
    Rule{"_ms", "ns", 1e6},
    Rule{"(ms)", "ns", 1e6},
    Rule{" ms", "ns", 1e6},
    Rule{"_microseconds", "ns", 1e3},
    Rule{"_micros", "ns", 1e3},
    Rule{"_us", "ns", 1e3},
    Rule{"(us)", "ns", 1e3},
    Rule{"(\xc2\xb5s)", "ns", 1e3},
    Rule{"_nanoseconds", "ns", 1},
    Rule{"_nanos", "ns", 1},
    Rule{"_ns", "ns", 1},
    Rule{"(ns)", "ns", 1},
    Rule{"_seconds", "ns", 1e9},
    Rule{"_secs", "ns", 1e9},
    Rule{"(s)", "ns", 1e9},
    Rule{"(%)", "ratio", -100},
    Rule{"%", "ratio", -100},
    Rule{"_percent", "ratio", -100},
    Rule{"_pct", "ratio", -100},
    Rule{"_ratio", "ratio", 1},
    Rule{"_millicores", "millicores", 1},
    Rule{"(millicores)", "millicores", 1},
    Rule{"(m)", "millicores", 1},
    Rule{"_total", "count", 1},
    Rule{"_count", "count", 1},
};

} // namespace

HeaderUnit HeaderUnit::guess(std::string_view header)
{
    std::string name(MetricNumbers::trim(header));
    for (char &c : name) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    for (const Rule &rule : kRules) {
        if (name.size() > rule.suffix.size() &&
            std::string_view(name).substr(name.size() - rule.suffix.size()) == rule.suffix)
            return rule.scale < 0 ? HeaderUnit{std::string(rule.unit), 1, -rule.scale}
                                  : HeaderUnit{std::string(rule.unit), rule.scale, 1};
    }
    return {};
}

double HeaderUnit::apply(double value) const
{
    return value * scale / divisor;
}

} // namespace perfcase
