#include "PrometheusJsonImporter.h"

#include "MetricSink.h"
#include "PrometheusSeriesParser.h"
#include "SeriesName.h"
#include "UntrustedJson.h"
#include "Utf8.h"
#include "import/Sample.h"

#include "json/JsonStreamer.h"
#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

// A small JSON string member ("status", "error", "query"), else "".
std::string stringMember(std::string_view json)
{
    if (json.size() > (64 << 10)) return {};
    auto value = UntrustedJson::parse(json);
    return value.is_string() ? value.get<std::string>() : std::string();
}

// Prometheus' naming conventions say the base unit; only those that need no
// conversion are taken ("_seconds" would need a unit of seconds).
std::string unitOf(std::string_view name)
{
    auto endsWith = [&](std::string_view suffix) {
        return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
    };
    if (endsWith("_bytes") || endsWith("_bytes_total")) return "bytes";
    if (endsWith("_ratio")) return "ratio";
    return {};
}

std::size_t skipSpaces(std::string_view text, std::size_t pos)
{
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t'))
        ++pos;
    return pos;
}

} // namespace

int PrometheusJsonImporter::sniff(const Sample &sample) const
{
    const std::string_view text = sample.trimmed();
    if (text.empty()) return 0;
    if (text.front() == '{') {
        if (text.find("\"resultType\"") != std::string_view::npos) return 90;
        if (text.find("\"errorType\"") != std::string_view::npos &&
            text.find("\"status\"") != std::string_view::npos)
            return 90;
        return 0;
    }
    if (text.front() != '[') return 0;
    std::size_t pos = skipSpaces(text, 1);
    if (pos >= text.size() || text[pos] != '{') return 0;
    pos = skipSpaces(text, pos + 1);
    return text.substr(pos, 8) == "\"metric\"" ? 85 : 0;
}

ImporterResult PrometheusJsonImporter::run(ImportContext &context) const
{
    ImporterResult result;
    MetricSink sink(context.writer, result);
    std::string status, errorType, error, query, resultType;

    PrometheusSeriesParser parser;
    std::int64_t offset = 0;
    std::string name, labels;
    std::int64_t track = 0;
    PrometheusSeriesParser::Handler handler;
    handler.series = [&](const std::map<std::string, std::string> &metric) {
        auto named = metric.find("__name__");
        name = named != metric.end() ? named->second : !query.empty() ? query : "prometheus";
        auto rest = metric;
        rest.erase("__name__");
        labels = SeriesName::toJson(rest);
        track = 0;
    };
    handler.point = [&](std::int64_t ts, double value) {
        if (!track) track = sink.track(name, unitOf(name), labels);
        sink.add(track, ts, value, 0, offset);
    };
    handler.badPoint = [&](std::size_t index, const std::string &why) {
        sink.reject(0, offset,
                    "series at byte " + std::to_string(offset) + ", point " +
                        std::to_string(index) + ": " + why);
    };

    JsonStreamer::Options options;
    options.arrayPaths = {"data.result", "result", ""};
    JsonStreamer::Callbacks callbacks;
    callbacks.member = [&](std::string_view path, std::string_view json) {
        if (path == "status")
            status = stringMember(json);
        else if (path == "errorType")
            errorType = stringMember(json);
        else if (path == "error")
            error = stringMember(json);
        else if (path == "query")
            query = stringMember(json); // wrappers that keep the query beside the data
        else if (path == "data.resultType" || path == "resultType")
            resultType = stringMember(json);
    };
    callbacks.element = [&](std::string_view, std::string_view json, std::int64_t at) {
        offset = at;
        std::string why;
        if (!parser.parse(json, handler, why))
            sink.reject(0, at, "series at byte " + std::to_string(at) + ": " + why,
                        utf8Prefix(json, 200));
    };
    callbacks.skipped = [&](std::string_view, std::int64_t at) {
        sink.reject(0, at, "series at byte " + std::to_string(at) + " larger than 64 MiB: skipped");
    };
    JsonStreamer streamer(options);
    const JsonStreamer::Result read =
        streamer.run(context.input, callbacks, context.token, context.progress);

    if (status == "error") {
        sink.reject(0, 0,
                    "Prometheus returned an error: " + (errorType.empty() ? "" : errorType + ": ") +
                        (error.empty() ? "(no message)" : error));
        return result;
    }
    if (!read.error.empty()) {
        sink.reject(0, read.errorOffset,
                    read.error + (result.records > 0 ? "; the rest of the input is not read" : ""));
        if (result.records > 0) {
            result.partial = true;
            result.warnings.push_back(
                {0, read.errorOffset, read.error + ": imported the series before this byte"});
        }
    } else if (read.truncated) {
        if (result.records > 0) {
            result.partial = true;
            sink.warnOnce("truncated", 0, read.bytes,
                          "JSON ends early (truncated): the complete series before this byte were "
                          "imported");
        } else {
            sink.reject(0, read.bytes, "JSON ends early (truncated) before any complete series");
        }
    } else if (read.elements == 0 && read.skippedElements == 0 && resultType.empty()) {
        sink.reject(0, 0, "no Prometheus result array (data.result) in this JSON");
    }
    if (resultType == "scalar" || resultType == "string")
        sink.warnOnce("resultType", 0, -1,
                      "resultType " + resultType + " is not imported (only matrix and vector)");
    return result;
}

} // namespace perfcase
