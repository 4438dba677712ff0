#include "HarEntryWriter.h"

#include "Redactor.h"
#include "SocketIoPacket.h"
#include "SourceWriter.h"
#include "TimeUtil.h"
#include "Utf8.h"
#include "logs/TextRepair.h"
#include "logs/TimePattern.h"
#include "logs/ZoneResolver.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace perfcase {

namespace {

using Json = nlohmann::json;
using Element = simdjson::simdjson_result<simdjson::dom::element>;

// Headers kept in args besides the credential ones (which are kept only in
// redacted form): what explains caching, compression, redirects and how to
// find the request in server logs. Any other header may carry user data.
constexpr std::array<std::string_view, 21> kSafeHeaders = {"content-type",
                                                           "content-length",
                                                           "content-encoding",
                                                           "transfer-encoding",
                                                           "cache-control",
                                                           "age",
                                                           "etag",
                                                           "expires",
                                                           "last-modified",
                                                           "vary",
                                                           "server",
                                                           "via",
                                                           "x-cache",
                                                           "cf-cache-status",
                                                           "server-timing",
                                                           "x-request-id",
                                                           "x-correlation-id",
                                                           "traceparent",
                                                           "location",
                                                           "upgrade",
                                                           "retry-after"};

std::string_view text(Element value)
{
    std::string_view out;
    return value.get(out) == simdjson::SUCCESS ? out : std::string_view();
}

std::optional<double> number(Element value)
{
    double out = 0;
    if (value.get_double().get(out) != simdjson::SUCCESS || !std::isfinite(out))
        return std::nullopt;
    return out;
}

// A byte count: a whole number in [0, 2^53]; -1 ("unknown" in HAR) and
// absurd claims give nothing.
std::optional<std::int64_t> byteCount(Element value)
{
    auto n = number(value);
    if (!n || *n < 0 || *n > HarEntryWriter::kMaxBytes || *n != std::floor(*n)) return std::nullopt;
    return std::int64_t(*n);
}

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    return out;
}

std::string cut(std::string text, std::size_t maxBytes)
{
    if (text.size() > maxBytes) text.resize(utf8Prefix(text, maxBytes).size());
    return text;
}

// Host and path of a URL, without parsing more than that. A data: URL is
// its media type only: the rest is content, not an address.
struct UrlParts
{
    std::string url; // what to redact and store
    std::string host;
    std::string path;
};

UrlParts splitUrl(std::string_view url)
{
    UrlParts parts;
    if (lower(url.substr(0, 5)) == "data:") {
        parts.url = std::string(url.substr(0, std::min(url.find(','), std::size_t(100))));
        parts.path = parts.url;
        return parts;
    }
    parts.url = std::string(url);
    std::size_t rest = 0;
    const std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos && scheme > 0 && url.find_first_of("/?#") > scheme) {
        const std::size_t start = scheme + 3;
        std::size_t end = url.find_first_of("/?#", start);
        if (end == std::string_view::npos) end = url.size();
        std::string_view authority = url.substr(start, end - start);
        if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
            authority.remove_prefix(at + 1);
        parts.host = lower(authority);
        rest = end;
    }
    std::size_t pathEnd = url.find_first_of("?#", rest);
    if (pathEnd == std::string_view::npos) pathEnd = url.size();
    parts.path = std::string(url.substr(rest, pathEnd - rest));
    if (parts.path.empty()) parts.path = "/";
    return parts;
}

// Decoded size of base64 text, without decoding it.
std::int64_t base64Size(std::string_view data)
{
    std::int64_t chars = 0;
    for (char c : data) {
        if (c != '=' && c != '\n' && c != '\r' && c != ' ') ++chars;
    }
    return chars * 3 / 4;
}

} // namespace

HarEntryWriter::HarEntryWriter(SourceWriter &writer, const Redactor &redactor, ZoneResolver &zone)
    : m_writer(writer), m_redactor(redactor), m_zone(zone),
      m_parser(std::make_unique<simdjson::dom::parser>())
{}

HarEntryWriter::~HarEntryWriter() = default;

void HarEntryWriter::reject(std::int64_t offset, const std::string &why, std::string_view excerpt)
{
    if (m_result.rejected == 0) m_result.firstRejection = {0, offset, why};
    ++m_result.rejected;
    m_writer.addError(0, offset, "error", why, excerpt);
}

void HarEntryWriter::warnOnce(bool &flag, std::int64_t offset, const std::string &why)
{
    if (flag) return;
    flag = true;
    m_result.warnings.push_back({0, offset, why});
    m_writer.addError(0, offset, "warning", why, {});
}

void HarEntryWriter::rejectOversized(std::int64_t offset, std::size_t limit)
{
    reject(offset, "entry larger than " + std::to_string(limit >> 20) + " MiB skipped", {});
}

void HarEntryWriter::add(std::string_view json, std::int64_t offset)
{
    simdjson::dom::element root;
    auto error = m_parser->parse(json.data(), json.size(), true).get(root);
    if (error == simdjson::UTF8_ERROR) {
        // As for text logs: bad bytes become U+FFFD and the entry stays.
        m_repaired.clear();
        TextRepair::repairUtf8(json, m_repaired);
        warnOnce(m_warnedUtf8, offset, "invalid UTF-8 replaced with U+FFFD");
        error = m_parser->parse(m_repaired.data(), m_repaired.size(), true).get(root);
    }
    if (error != simdjson::SUCCESS) {
        reject(offset, std::string("entry is not valid JSON: ") + simdjson::error_message(error),
               {});
        return;
    }
    simdjson::dom::object entry;
    if (root.get(entry) != simdjson::SUCCESS) {
        reject(offset, "entry is not a JSON object", {});
        return;
    }
    if (writeEntry(entry, offset)) ++m_result.records;
}

std::optional<std::int64_t> HarEntryWriter::parseTime(std::string_view text, std::int64_t offset)
{
    if (auto exact = parseRfc3339(text)) return exact;
    // HAR asks for ISO 8601 with a zone; a time without one is local to --tz.
    const TimePattern iso("iso8601");
    ParsedTime parsed;
    if (!iso.parse(text, parsed)) return std::nullopt;
    auto ts = m_zone.toUtc(parsed);
    std::string warning;
    if (m_zone.takeWarning(warning)) warnOnce(m_warnedZone, offset, warning);
    return ts;
}

bool HarEntryWriter::writeEntry(const simdjson::dom::object &entry, std::int64_t offset)
{
    const std::string_view started = text(entry["startedDateTime"]);
    if (started.empty()) {
        reject(offset, "entry has no startedDateTime", {});
        return false;
    }
    const auto ts = parseTime(started, offset);
    if (!ts) {
        reject(offset, "startedDateTime is not an ISO 8601 time",
               m_redactor.redact(utf8Prefix(started, 100)));
        return false;
    }
    simdjson::dom::object request;
    if (entry["request"].get(request) != simdjson::SUCCESS) {
        reject(offset, "entry has no request", {});
        return false;
    }
    simdjson::dom::object response;
    const bool hasResponse = entry["response"].get(response) == simdjson::SUCCESS;

    const std::string_view method = text(request["method"]);
    const std::string_view rawUrl = text(request["url"]);
    UrlParts url = splitUrl(rawUrl);
    const std::string redactedUrl = cut(m_redactor.redact(url.url), kMaxUrlBytes);
    const std::string path = m_redactor.redact(url.path);
    const std::string name =
        cut(method.empty() ? path : std::string(method) + " " + path, kMaxNameBytes);

    Json args = Json::object();
    if (!method.empty()) args["method"] = method;
    args["url"] = redactedUrl;

    // Sizes: on the wire where the writer knows them (-1 = unknown).
    const auto requestHeaders = byteCount(request["headersSize"]);
    const auto requestBody = byteCount(request["bodySize"]);
    // An empty body alone says nothing about the request's size.
    if (requestHeaders || requestBody.value_or(0) > 0)
        args["request_bytes"] = requestHeaders.value_or(0) + requestBody.value_or(0);
    const std::int64_t dur = duration(entry, args, offset);
    if (hasResponse) addResponse(response, args);
    if (!args.contains("http_version")) {
        if (auto version = text(request["httpVersion"]); !version.empty())
            args["http_version"] = cut(std::string(version), 40);
    }
    if (auto ip = text(entry["serverIPAddress"]); !ip.empty()) {
        if (ip.size() > 2 && ip.front() == '[' && ip.back() == ']')
            ip = ip.substr(1, ip.size() - 2);
        args["server_ip"] = cut(std::string(ip), 64);
    }
    simdjson::dom::object initiator;
    if (entry["_initiator"].get(initiator) == simdjson::SUCCESS) {
        if (auto type = text(initiator["type"]); !type.empty())
            args["initiator"] = cut(std::string(type), 40);
        if (auto from = text(initiator["url"]); !from.empty())
            args["initiator_url"] = cut(m_redactor.redact(splitUrl(from).url), kMaxUrlBytes);
    }
    if (auto type = text(entry["_resourceType"]); !type.empty())
        args["resource_type"] = cut(std::string(type), 40);
    if (auto priority = text(entry["_priority"]); !priority.empty())
        args["priority"] = cut(std::string(priority), 40);
    if (Json kept = keptHeaders(request); !kept.empty()) args["request_headers"] = std::move(kept);
    if (hasResponse) {
        if (Json kept = keptHeaders(response); !kept.empty())
            args["response_headers"] = std::move(kept);
    }

    m_writer.addSlice(requestTrack(m_redactor.redact(url.host)), *ts, dur, name, "http", 0,
                      args.dump(-1, ' ', false, Json::error_handler_t::replace));
    writeWebSocket(entry, rawUrl, redactedUrl, offset);
    return true;
}

std::int64_t HarEntryWriter::duration(const simdjson::dom::object &entry, Json &args,
                                      std::int64_t offset)
{
    Json timings = Json::object();
    double sum = 0;
    bool any = false;
    simdjson::dom::object phases;
    if (entry["timings"].get(phases) == simdjson::SUCCESS) {
        for (const char *key : {"blocked", "dns", "connect", "ssl", "send", "wait", "receive"}) {
            auto value = number(phases[key]);
            if (!value || *value < 0 || *value > kMaxMs) continue; // -1: not applicable
            timings[key] = *value;
            // HAR 1.2: ssl is already part of connect.
            if (std::string_view(key) != "ssl") {
                sum += *value;
                any = true;
            }
        }
    }
    if (!timings.empty()) args["timings"] = std::move(timings);
    const auto time = number(entry["time"]);
    if (time && *time >= 0 && *time <= kMaxMs) return std::llround(*time * 1e6);
    if (time)
        warnOnce(m_warnedTime, offset, "entry time out of range; duration taken from its timings");
    return any ? std::llround(sum * 1e6) : 0;
}

void HarEntryWriter::addResponse(const simdjson::dom::object &response, Json &args) const
{
    if (auto status = number(response["status"]); status && *status >= 0 && *status < 1000)
        args["status"] = std::int64_t(*status);
    if (auto statusText = text(response["statusText"]); !statusText.empty())
        args["statusText"] = cut(m_redactor.redact(statusText), 200);
    simdjson::dom::object content;
    std::optional<std::int64_t> contentSize;
    if (response["content"].get(content) == simdjson::SUCCESS) {
        if (auto mime = text(content["mimeType"]); !mime.empty())
            args["mimeType"] = cut(std::string(mime), 200);
        contentSize = byteCount(content["size"]);
    }
    if (contentSize) args["body_bytes"] = *contentSize;
    const auto headers = byteCount(response["headersSize"]);
    const auto body = byteCount(response["bodySize"]);
    if (auto transfer = byteCount(response["_transferSize"]))
        args["response_bytes"] = *transfer;
    else if (headers || body)
        args["response_bytes"] = headers.value_or(0) + body.value_or(0);
    else if (contentSize)
        args["response_bytes"] = *contentSize;
    if (auto failure = text(response["_error"]); !failure.empty())
        args["error"] = cut(m_redactor.redact(failure), 200);
    if (auto version = text(response["httpVersion"]); !version.empty())
        args["http_version"] = cut(std::string(version), 40);
}

nlohmann::json HarEntryWriter::keptHeaders(const simdjson::dom::object &message) const
{
    Json kept = Json::object();
    simdjson::dom::array list;
    if (message["headers"].get(list) != simdjson::SUCCESS) return kept;
    for (simdjson::dom::element item : list) {
        const std::string name = lower(text(item["name"]));
        const bool safe =
            std::find(kSafeHeaders.begin(), kSafeHeaders.end(), name) != kSafeHeaders.end();
        if (!safe && !m_redactor.isCredentialHeader(name)) continue;
        const std::string_view raw = text(item["value"]);
        std::string value = name == "location" ? m_redactor.redact(splitUrl(raw).url)
                                               : m_redactor.redactHeader(name, raw);
        value = cut(std::move(value), kMaxUrlBytes);
        if (kept.contains(name))
            kept[name] =
                kept[name].get<std::string>() + (name == "set-cookie" ? "\n" : ", ") + value;
        else
            kept[name] = std::move(value);
    }
    return kept;
}

void HarEntryWriter::writeWebSocket(const simdjson::dom::object &entry, std::string_view url,
                                    const std::string &redactedUrl, std::int64_t offset)
{
    simdjson::dom::array messages;
    if (entry["_webSocketMessages"].get(messages) != simdjson::SUCCESS || messages.size() == 0)
        return;
    const std::int64_t track = socketTrack(redactedUrl);
    // Socket.IO's short packets ("2", "40") only mean something on an
    // Engine.IO connection: known by its URL or its first (open) packet.
    const bool engineIo = SocketIoPacket::isEngineIoUrl(url) ||
                          text(messages.at(0)["data"]).substr(0, 7) == "0{\"sid\"";
    for (simdjson::dom::element item : messages) {
        // Epoch seconds (Chrome, mitmproxy), or epoch milliseconds (Playwright's
        // recordHar): 1e11 s is the year 5138 and 1e11 ms is 1973, so the
        // two ranges do not meet. Nothing else is a usable time, nor is a
        // time after 2262 (9.2e9 s), beyond ns since the epoch.
        auto seconds = number(item["time"]);
        if (seconds && *seconds > 1e11 && *seconds <= 1e14) *seconds /= 1000;
        if (!seconds || *seconds <= 0 || *seconds > 9.2e9) {
            if (m_badMessages++ == 0) m_firstBadMessage = offset;
            continue;
        }
        // A double holds epoch seconds to about 0.2 us: keep microseconds.
        const std::int64_t ts = std::llround(*seconds * 1e6) * 1000;
        const std::string_view type = text(item["type"]);
        const std::string_view data = text(item["data"]);
        const auto opcode = number(item["opcode"]);
        const bool binary = opcode && *opcode == 2;

        Json args = Json::object();
        args["direction"] = type == "send"      ? "sent"
                            : type == "receive" ? "received"
                            : type == "error"   ? "error" // webSocketFrameError (opcode -1)
                                                : "unknown";
        args["size"] = binary ? base64Size(data) : std::int64_t(data.size());
        if (opcode && *opcode >= 0 && *opcode < 16) args["opcode"] = std::int64_t(*opcode);
        std::string name = type == "error" ? "error" : "message";
        if (!binary && type != "error") {
            if (auto packet = SocketIoPacket::parse(data, !engineIo)) {
                name = m_redactor.redact(packet->name);
                if (!packet->event.empty()) args["event"] = name;
                if (packet->socketIo) args["namespace"] = m_redactor.redact(packet->nspace);
                if (packet->ackId) args["ack_id"] = *packet->ackId;
                if (packet->attachments > 0) args["attachments"] = packet->attachments;
            }
        }
        m_writer.addInstant(track, ts, name, std::nullopt,
                            args.dump(-1, ' ', false, Json::error_handler_t::replace));
    }
}

std::int64_t HarEntryWriter::requestTrack(const std::string &host)
{
    if (auto found = m_requestTracks.find(host); found != m_requestTracks.end())
        return found->second;
    Json labels = Json::object();
    if (!host.empty()) labels["host"] = host;
    const std::int64_t id =
        m_writer.addTrack("slice", "http.requests", "ns",
                          labels.dump(-1, ' ', false, Json::error_handler_t::replace));
    m_requestTracks.emplace(host, id);
    return id;
}

std::int64_t HarEntryWriter::socketTrack(const std::string &url)
{
    if (auto found = m_socketTracks.find(url); found != m_socketTracks.end()) return found->second;
    const Json labels = {{"url", url}};
    const std::int64_t id =
        m_writer.addTrack("instant", "browser.websocket_messages", {},
                          labels.dump(-1, ' ', false, Json::error_handler_t::replace));
    m_socketTracks.emplace(url, id);
    return id;
}

ImporterResult HarEntryWriter::finish()
{
    if (m_badMessages > 0) {
        const std::string why = std::to_string(m_badMessages) +
                                " WebSocket message(s) without a usable time skipped (first in the "
                                "entry at this offset)";
        m_result.warnings.push_back({0, m_firstBadMessage, why});
        m_writer.addError(0, m_firstBadMessage, "warning", why, {});
        m_badMessages = 0;
    }
    return m_result;
}

} // namespace perfcase
