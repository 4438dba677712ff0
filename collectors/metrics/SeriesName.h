#pragma once

#include <map>
#include <string>
#include <string_view>

namespace perfcase {

// A series as Prometheus and Grafana write it: `up{job="api", pod="api-1"}`,
// `{pod="api-1"}` (no metric name), or a legend alias such as `api-1`.
// Label values may hold escaped quotes, backslashes and "\n"; spaces after
// the commas (Grafana's display names) are allowed.
struct SeriesName
{
    std::string name;                          // metric name, __name__, or the text itself
    std::map<std::string, std::string> labels; // without __name__; sorted keys

    static SeriesName parse(std::string_view text);
    // The labels as a JSON object with sorted keys, invalid UTF-8 replaced,
    // so that the same series gets the same text in every file.
    std::string labelsJson() const;
    static std::string toJson(const std::map<std::string, std::string> &labels);
};

} // namespace perfcase
