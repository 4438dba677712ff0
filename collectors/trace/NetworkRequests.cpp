#include "NetworkRequests.h"

#include "DerivedTracks.h"
#include "Redactor.h"
#include "TraceEvent.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

namespace perfcase {

NetworkRequests::Request *NetworkRequests::open(simdjson::dom::element data, bool create)
{
    const std::string_view id = stringField(data, "requestId");
    if (id.empty()) return nullptr;
    m_id.assign(id);
    auto it = m_open.find(m_id);
    if (it != m_open.end()) return &it->second;
    if (!create || m_open.size() >= kMaxOpen) return nullptr;
    return &m_open[m_id];
}

bool NetworkRequests::send(std::int64_t ts, simdjson::dom::element data)
{
    Request *request = open(data, true);
    if (!request) return false;
    if (!request->sent) {
        request->start = ts;
        request->sent = true;
    }
    // A redirect sends again under the same id: the slice keeps its start
    // and shows the final URL.
    if (auto url = stringField(data, "url"); !url.empty()) request->url = m_redactor.redact(url);
    if (auto method = stringField(data, "requestMethod"); !method.empty())
        request->method.assign(method);
    request->last = std::max(request->last, ts);
    return true;
}

bool NetworkRequests::response(std::int64_t ts, simdjson::dom::element data)
{
    Request *request = open(data, true);
    if (!request) return false;
    if (!request->sent && !request->answered) request->start = ts;
    request->answered = true;
    // HTTP statuses have three digits; anything else is not one.
    if (auto status = numberField(data, "statusCode"); status && *status >= 0 && *status < 1000)
        request->status = std::int64_t(*status);
    if (auto mime = stringField(data, "mimeType"); !mime.empty()) request->mimeType.assign(mime);
    if (auto length = numberField(data, "encodedDataLength")) request->encodedDataLength = *length;
    request->last = std::max(request->last, ts);
    return true;
}

bool NetworkRequests::finish(std::int64_t ts, simdjson::dom::element data)
{
    Request *request = open(data, false);
    if (!request) return false;
    // The finish carries the total bytes received; the response only the headers'.
    if (auto length = numberField(data, "encodedDataLength")) request->encodedDataLength = *length;
    bool failed = false;
    if (data["didFail"].get_bool().get(failed)) failed = false;
    emit(m_id, *request, ts, true, failed);
    m_open.erase(m_id);
    return true;
}

void NetworkRequests::flush()
{
    std::vector<std::pair<std::string, Request>> left(m_open.begin(), m_open.end());
    std::sort(left.begin(), left.end(), [](const auto &x, const auto &y) {
        return x.second.start != y.second.start ? x.second.start < y.second.start
                                                : x.first < y.first;
    });
    for (const auto &[id, request] : left) {
        emit(id, request, request.last, false, false);
        ++m_unfinished;
    }
    m_open.clear();
}

void NetworkRequests::emit(const std::string &id, const Request &request, std::int64_t end,
                           bool finished, bool failed)
{
    nlohmann::json args = {{"requestId", id}, {"url", request.url}};
    if (!request.method.empty()) args["method"] = request.method;
    if (request.status) args["status"] = *request.status;
    if (!request.mimeType.empty()) args["mimeType"] = request.mimeType;
    if (auto length = request.encodedDataLength) {
        if (std::floor(*length) == *length && std::fabs(*length) < 9e15)
            args["encodedDataLength"] = std::int64_t(*length); // not "1234.0"
        else
            args["encodedDataLength"] = *length;
    }
    if (failed) args["failed"] = true;
    if (!finished) args["finished"] = false;
    std::string name = request.method.empty() ? std::string() : request.method + " ";
    name += request.url.empty() ? "(request " + id + ")" : request.url;
    m_tracks.networkRequest(request.start, std::max<std::int64_t>(0, end - request.start), name,
                            args.dump());
}

} // namespace perfcase
