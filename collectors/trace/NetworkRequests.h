#pragma once

#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <string>
#include <unordered_map>

namespace perfcase {

class DerivedTracks;
class Redactor;

// browser.network_requests: the renderer's ResourceSendRequest,
// ResourceReceiveResponse and ResourceFinish events of one request (same
// args.data.requestId) as one slice, from the send (or, for a request sent
// before the recording, the response) to the finish.
class NetworkRequests
{
public:
    static constexpr std::size_t kMaxOpen = 100'000;

    // URLs pass through the redactor (the HAR importer's, keyed per case):
    // a token in a query string must not reach the case, and equal URLs in
    // the HAR and the trace must stay equal for the clock anchors.
    NetworkRequests(DerivedTracks &tracks, const Redactor &redactor)
        : m_tracks(tracks), m_redactor(redactor)
    {}

    // Each returns false when the event cannot be used (no requestId, a
    // finish of an unknown request, too many open requests).
    bool send(std::int64_t ts, simdjson::dom::element data);
    bool response(std::int64_t ts, simdjson::dom::element data);
    bool finish(std::int64_t ts, simdjson::dom::element data);
    // Requests still open at the end of the recording, up to their last event.
    void flush();
    std::int64_t unfinished() const { return m_unfinished; }

private:
    struct Request
    {
        std::int64_t start = 0, last = 0;
        bool sent = false, answered = false;
        std::string url, method, mimeType;
        std::optional<std::int64_t> status;
        std::optional<double> encodedDataLength;
    };
    Request *open(simdjson::dom::element data, bool create);
    void emit(const std::string &id, const Request &request, std::int64_t end, bool finished,
              bool failed);

    DerivedTracks &m_tracks;
    const Redactor &m_redactor;
    std::unordered_map<std::string, Request> m_open;
    std::string m_id;
    std::int64_t m_unfinished = 0;
};

} // namespace perfcase
