#pragma once

#include "import/Importer.h"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

namespace perfcase {

class SourceWriter;

// Where the metrics importers put their samples, so that they count them
// the same way (CLI.md, kind metrics): `records` are samples stored,
// `rejected` are rows or points that could not be read (each recorded in
// import_errors with its line or byte offset), `ignored` are values that were
// read but not stored. A NaN or infinite value is ignored, with one warning
// per file: SQLite would store NaN as NULL (the column is NOT NULL) and ±Inf
// has no JSON form for `query --json`.
class MetricSink
{
public:
    MetricSink(SourceWriter &writer, ImporterResult &result);

    // The counter track with this name, unit and labels, made on first use.
    std::int64_t track(const std::string &name, const std::string &unit,
                       const std::string &labelsJson);
    // True when the sample was stored.
    bool add(std::int64_t track, std::int64_t ts, double value, std::int64_t line,
             std::int64_t byte);
    void ignore(std::int64_t count = 1) { m_result.ignored += count; }
    // line 0 / byte -1 when unknown.
    void reject(std::int64_t line, std::int64_t byte, const std::string &why,
                std::string_view excerpt = {});
    // A warning shown once per file for each key.
    void warnOnce(const std::string &key, std::int64_t line, std::int64_t byte,
                  const std::string &message);

    std::int64_t records() const { return m_result.records; }
    ImporterResult &result() { return m_result; }

private:
    SourceWriter &m_writer;
    ImporterResult &m_result;
    std::unordered_map<std::string, std::int64_t> m_tracks;
    std::set<std::string, std::less<>> m_warned;
};

} // namespace perfcase
