#include "SocketIoPacket.h"

#include "Utf8.h"

#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

std::string_view skipSpace(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                             text.front() == '\r'))
        text.remove_prefix(1);
    return text;
}

// The first element of a JSON array payload when it is a string (decoded) or
// a number (as written): Socket.IO's event name. Only the string token is
// parsed, never the rest of the payload, which may be megabytes of data.
std::optional<std::string> firstElementName(std::string_view payload)
{
    if (payload.empty() || payload.front() != '[') return std::nullopt;
    std::string_view rest = skipSpace(payload.substr(1));
    if (rest.empty()) return std::nullopt;
    if (rest.front() == '"') {
        std::size_t end = 1;
        bool escaped = false;
        // An event name is short; a longer string is not a name worth keeping.
        const std::size_t limit = std::min<std::size_t>(rest.size(), 4096);
        for (; end < limit; ++end) {
            if (escaped)
                escaped = false;
            else if (rest[end] == '\\')
                escaped = true;
            else if (rest[end] == '"')
                break;
        }
        if (end >= limit) return std::nullopt;
        const nlohmann::json token = nlohmann::json::parse(rest.substr(0, end + 1), nullptr, false);
        if (!token.is_string()) return std::nullopt;
        return std::string(
            utf8Prefix(token.get_ref<const std::string &>(), SocketIoPacket::kMaxEventBytes));
    }
    std::size_t end = 0;
    if (rest.front() == '-') ++end;
    while (end < rest.size() && end < 32 && (isDigit(rest[end]) || rest[end] == '.'))
        ++end;
    if (end == 0 || (end == 1 && rest.front() == '-')) return std::nullopt;
    const std::string_view after = skipSpace(rest.substr(end));
    if (after.empty() || (after.front() != ',' && after.front() != ']')) return std::nullopt;
    return std::string(rest.substr(0, end));
}

// The Socket.IO packet inside an Engine.IO message ("4" already removed).
std::optional<SocketIoPacket> parseSocketIo(std::string_view text, bool strict)
{
    if (text.empty() || text.front() < '0' || text.front() > '6') return std::nullopt;
    SocketIoPacket packet;
    packet.socketIo = true;
    const char type = text.front();
    std::size_t pos = 1;
    if (type == '5' || type == '6') {
        // "<attachments>-" comes first in binary packets.
        const std::size_t start = pos;
        int count = 0;
        while (pos < text.size() && isDigit(text[pos]) && pos - start < 6)
            count = count * 10 + (text[pos++] - '0');
        if (pos == start || pos >= text.size() || text[pos] != '-') return std::nullopt;
        ++pos;
        packet.attachments = count;
    }
    packet.nspace = "/";
    if (pos < text.size() && text[pos] == '/') {
        std::size_t end = text.find(',', pos);
        if (end == std::string_view::npos) end = text.size();
        // Namespaces are short paths; anything else is not this protocol.
        if (end - pos > 200) return std::nullopt;
        packet.nspace = std::string(text.substr(pos, end - pos));
        pos = end < text.size() ? end + 1 : end;
    }
    if (pos < text.size() && isDigit(text[pos])) {
        const std::size_t start = pos;
        std::int64_t id = 0;
        while (pos < text.size() && isDigit(text[pos]) && pos - start < 15)
            id = id * 10 + (text[pos++] - '0');
        packet.ackId = id;
    }
    const std::string_view payload = text.substr(pos);
    switch (type) {
    case '2':
    case '5': {
        auto name = firstElementName(payload);
        if (!name) return std::nullopt;
        packet.event = *name;
        packet.name = *name;
        return packet;
    }
    case '3':
    case '6':
        if (strict || payload.empty() || payload.front() != '[') return std::nullopt;
        packet.name = "ack";
        return packet;
    case '0':
        if (strict || !(payload.empty() || payload.front() == '{')) return std::nullopt;
        packet.name = "connect";
        return packet;
    case '1':
        if (strict || !payload.empty()) return std::nullopt;
        packet.name = "disconnect";
        return packet;
    default: // '4'
        if (strict || payload.empty() || (payload.front() != '{' && payload.front() != '"'))
            return std::nullopt;
        packet.name = "connect_error";
        return packet;
    }
}

} // namespace

std::optional<SocketIoPacket> SocketIoPacket::parse(std::string_view frame, bool strict)
{
    if (frame.empty()) return std::nullopt;
    const std::string_view rest = frame.substr(1);
    SocketIoPacket packet;
    switch (frame.front()) {
    case '0':
        if (!(rest.empty() || rest.front() == '{')) return std::nullopt;
        if (strict && rest.substr(0, 6) != "{\"sid\"") return std::nullopt;
        packet.name = "open";
        return packet;
    case '2':
    case '3':
        // "2probe"/"3probe" test the WebSocket before an upgrade from polling.
        if (!(rest.empty() || rest == "probe") || (strict && rest.empty())) return std::nullopt;
        packet.name = frame.front() == '2' ? "ping" : "pong";
        return packet;
    case '1':
    case '5':
    case '6':
        if (strict || !rest.empty()) return std::nullopt;
        packet.name = frame.front() == '1' ? "close" : frame.front() == '5' ? "upgrade" : "noop";
        return packet;
    case '4':
        if (auto socketIo = parseSocketIo(rest, strict)) return socketIo;
        if (strict) return std::nullopt;
        packet.name = "message";
        return packet;
    default:
        return std::nullopt;
    }
}

bool SocketIoPacket::isEngineIoUrl(std::string_view url)
{
    const std::size_t query = url.find('?');
    const std::string_view path = url.substr(0, query);
    if (path.find("/socket.io/") != std::string_view::npos ||
        path.find("/engine.io/") != std::string_view::npos)
        return true;
    if (query == std::string_view::npos) return false;
    const std::string_view params = url.substr(query);
    return params.find("?EIO=") != std::string_view::npos ||
           params.find("&EIO=") != std::string_view::npos;
}

} // namespace perfcase
