#pragma once

#include "import/Importer.h"

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace simdjson::dom {
class parser;
class object;
} // namespace simdjson::dom

namespace perfcase {

class Redactor;
class SourceWriter;
class ZoneResolver;

// Turns the elements of a HAR's log.entries into rows (docs/formats.md,
// "har"): one slice per request on `http.requests` (a track per host) and
// one instant per WebSocket message on `browser.websocket_messages` (a track
// per socket URL). Everything from the request that is stored goes through
// the redactor first; bodies and WebSocket payloads are never stored.
class HarEntryWriter
{
public:
    HarEntryWriter(SourceWriter &writer, const Redactor &redactor, ZoneResolver &zone);
    ~HarEntryWriter();
    HarEntryWriter(const HarEntryWriter &) = delete;
    HarEntryWriter &operator=(const HarEntryWriter &) = delete;

    // One element (raw JSON) at this decompressed byte offset: stored, or
    // rejected with the offset in import_errors.
    void add(std::string_view json, std::int64_t offset);
    // An element the streamer skipped because it is larger than limit.
    void rejectOversized(std::int64_t offset, std::size_t limit);
    // The counts so far, and the warnings that sum up the file.
    ImporterResult finish();

    // Limits on what one entry may claim (milliseconds, bytes).
    static constexpr double kMaxMs = 1e10;                  // 115 days
    static constexpr double kMaxBytes = 9007199254740992.0; // 2^53
    static constexpr std::size_t kMaxUrlBytes = 4096;
    static constexpr std::size_t kMaxNameBytes = 500;

private:
    bool writeEntry(const simdjson::dom::object &entry, std::int64_t offset);
    // The timings into args; the duration in ns.
    std::int64_t duration(const simdjson::dom::object &entry, nlohmann::json &args,
                          std::int64_t offset);
    void addResponse(const simdjson::dom::object &response, nlohmann::json &args) const;
    // The headers worth keeping, redacted (docs/formats.md).
    nlohmann::json keptHeaders(const simdjson::dom::object &message) const;
    void writeWebSocket(const simdjson::dom::object &entry, std::string_view url,
                        const std::string &redactedUrl, std::int64_t offset);
    std::optional<std::int64_t> parseTime(std::string_view text, std::int64_t offset);
    std::int64_t requestTrack(const std::string &host);
    std::int64_t socketTrack(const std::string &url);
    void reject(std::int64_t offset, const std::string &why, std::string_view excerpt);
    void warnOnce(bool &flag, std::int64_t offset, const std::string &why);

    SourceWriter &m_writer;
    const Redactor &m_redactor;
    ZoneResolver &m_zone;
    std::unique_ptr<simdjson::dom::parser> m_parser;
    std::string m_repaired;
    std::unordered_map<std::string, std::int64_t> m_requestTracks, m_socketTracks;
    ImporterResult m_result;
    bool m_warnedUtf8 = false, m_warnedTime = false, m_warnedZone = false;
    std::int64_t m_badMessages = 0, m_firstBadMessage = -1;
};

} // namespace perfcase
