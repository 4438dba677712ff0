#include "MetricSink.h"

#include "SourceWriter.h"
#include "Utf8.h"
#include "logs/TextRepair.h"

#include <cmath>

namespace perfcase {

MetricSink::MetricSink(SourceWriter &writer, ImporterResult &result)
    : m_writer(writer), m_result(result)
{}

std::int64_t MetricSink::track(const std::string &name, const std::string &unit,
                               const std::string &labelsJson)
{
    std::string key;
    key.reserve(name.size() + unit.size() + labelsJson.size() + 2);
    key.append(name).append(1, '\0').append(unit).append(1, '\0').append(labelsJson);
    auto found = m_tracks.find(key);
    if (found != m_tracks.end()) return found->second;
    const std::int64_t id = m_writer.addTrack("counter", name, unit, labelsJson);
    m_tracks.emplace(std::move(key), id);
    return id;
}

bool MetricSink::add(std::int64_t track, std::int64_t ts, double value, std::int64_t line,
                     std::int64_t byte)
{
    if (!std::isfinite(value)) {
        ++m_result.ignored;
        warnOnce("non-finite", line, byte,
                 "NaN or infinite values are not stored (counted as ignored; first here)");
        return false;
    }
    m_writer.addCounter(track, ts, value);
    ++m_result.records;
    return true;
}

void MetricSink::reject(std::int64_t line, std::int64_t byte, const std::string &why,
                        std::string_view excerpt)
{
    if (m_result.rejected == 0) m_result.firstRejection = {line, byte, why};
    ++m_result.rejected;
    excerpt = utf8Prefix(excerpt, 200);
    m_writer.addError(line, byte, "error", why,
                      TextRepair::isValidUtf8(excerpt) ? excerpt : std::string_view("(not UTF-8)"));
}

void MetricSink::warnOnce(const std::string &key, std::int64_t line, std::int64_t byte,
                          const std::string &message)
{
    if (!m_warned.insert(key).second) return;
    m_result.warnings.push_back({line, byte, message});
    m_writer.addError(line, byte, "warning", message, {});
}

} // namespace perfcase
