#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace perfcase {

// Reads one element of a Prometheus result array (simdjson On-Demand, so a
// series of a million points is never built as a tree):
//   {"metric": {"__name__": "up", "job": "api"}, "values": [[1757332688.804, "1"], ...]}
//   {"metric": {...}, "value": [1757332688.804, "1"]}
// Times are float seconds, converted to ns from their digits (never through
// a double). Values are strings ("1", "NaN", "+Inf"); numbers are accepted.
class PrometheusSeriesParser
{
public:
    struct Handler
    {
        // Called once, before any point, with the series' labels.
        std::function<void(const std::map<std::string, std::string> &labels)> series;
        std::function<void(std::int64_t ts, double value)> point;
        // A point that cannot be read; index counts from 0 in "values".
        std::function<void(std::size_t index, const std::string &why)> badPoint;
    };

    PrometheusSeriesParser();
    ~PrometheusSeriesParser();
    PrometheusSeriesParser(const PrometheusSeriesParser &) = delete;
    PrometheusSeriesParser &operator=(const PrometheusSeriesParser &) = delete;

    // False, with the reason in error, when the element is not a series
    // (invalid JSON, not an object, labels that are not strings, a "values"
    // that is not an array). Points read before a structural error in
    // "values" have been handed out.
    bool parse(std::string_view json, const Handler &handler, std::string &error);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perfcase
