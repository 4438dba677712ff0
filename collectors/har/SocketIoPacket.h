#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace perfcase {

// What a WebSocket text frame says when it is an Engine.IO packet, possibly
// carrying a Socket.IO packet (engine.io-protocol v3/v4, socket.io-protocol
// v4): `2`/`3` ping/pong, `0{"sid":..}` open, `40` connect, `41` disconnect,
// `42["cell_update",{..}]` an event, `42/admin,["evt"]` in a namespace,
// `421["evt"]` with an ack id, `431[..]` the ack, `451-["evt",{..}]` a
// binary event with one attachment. Only the packet's type, namespace, ack
// id and event name are read: the payload is user data and is never kept.
class SocketIoPacket
{
public:
    // The name of the instant: the event name for events, else "ping",
    // "pong", "open", "close", "upgrade", "noop", "connect", "disconnect",
    // "connect_error", "ack", or "message" (an Engine.IO message that is not
    // Socket.IO).
    std::string name;
    std::string event;  // Socket.IO EVENT / BINARY_EVENT: the event name
    std::string nspace; // Socket.IO packets: "/" unless given
    std::optional<std::int64_t> ackId;
    int attachments = 0;   // BINARY_EVENT / BINARY_ACK
    bool socketIo = false; // a Socket.IO packet inside the Engine.IO message

    static constexpr std::size_t kMaxEventBytes = 200;

    // strict: the connection is not known to speak Engine.IO, so only forms
    // that can hardly be anything else are taken (Socket.IO events with a
    // string or number event name, "2probe"/"3probe"). std::nullopt when the
    // frame is not such a packet.
    static std::optional<SocketIoPacket> parse(std::string_view frame, bool strict);

    // Whether a socket URL is an Engine.IO endpoint: an EIO= query parameter
    // (every Engine.IO client sends it) or a /socket.io/ path.
    static bool isEngineIoUrl(std::string_view url);
};

} // namespace perfcase
