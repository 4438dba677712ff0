#pragma once

#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// What the importer does with an event, decided from its name (and for user
// timing, its category). Everything else is counted as ignored.
enum class EventKind : std::uint8_t
{
    Other,
    Task,   // RunTask and its older names: one scheduler task
    Script, // JS entry points: a layout inside one is forced
    Layout,
    Style,
    Paint,
    UpdateCounters,
    BeginFrame,
    DrawFrame,
    DroppedFrame,
    SendRequest,
    ReceiveResponse,
    FinishRequest,
    WebSocket,
    TracingStartedInBrowser,
    TracingStartedInPage,
    FrameCommitted,
    NavigationStart,
    ProcessName,
    ThreadName,
};

EventKind classifyEvent(std::string_view name);

// One event of a Chrome trace, as the importer needs it. The string views
// and elements point into the parser's memory: valid until the next parse.
struct TraceEvent
{
    char ph = 0;
    std::string_view name, cat;
    std::int64_t pid = 0, tid = 0;
    std::int64_t ts = 0; // ns: the trace's µs × 1000, exact
    bool hasTs = false;
    std::int64_t dur = 0; // ns
    bool hasDur = false;
    bool hasArgs = false;
    simdjson::dom::element args; // valid when hasArgs
    simdjson::dom::element root; // the whole event object
    // Async identity (b/e/n), valid when the has* flag is set.
    bool hasId = false, hasId2 = false;
    simdjson::dom::element id, id2;
    std::string_view scope;
};

// Parses trace events one at a time with one reused simdjson parser (the
// parser half of Perfetto's JSON tokenizer/parser pair).
class TraceEventParser
{
public:
    TraceEventParser();

    // Fills event from one element of the traceEvents array. Returns an
    // empty string on success, else why the event is malformed.
    std::string parse(std::string_view json, TraceEvent &event);
    // Whether the last parse had to replace invalid UTF-8 with U+FFFD.
    bool repairedUtf8() const { return m_repaired; }

    // An identity for async (b/e/n) events: category, scope, id (or id2
    // global, or id2 local within the process) and name, hashed.
    static std::uint64_t asyncKey(const TraceEvent &event);

private:
    simdjson::error_code parsePadded(std::string_view json, simdjson::dom::element &root);

    simdjson::dom::parser m_parser;
    std::vector<char> m_padded;
    std::string m_repairBuffer, m_widenBuffer;
    std::string_view m_json; // the text of the current event
    bool m_repaired = false;
};

// Microseconds as JSON number text ("123", "123.456", "1.5e3") to ns,
// exactly (decimal arithmetic, no double rounding; digits past ns are
// rounded to nearest). std::nullopt when not a number or out of range.
std::optional<std::int64_t> microsToNs(std::string_view number);

// The raw text of a member's value in a JSON object text, looking at the
// top level only; empty when absent.
std::string_view topLevelMember(std::string_view objectJson, std::string_view key);

// Helpers over simdjson elements, tolerant of absent or mistyped fields.
std::string_view stringField(simdjson::dom::element object, std::string_view key);
std::optional<double> numberField(simdjson::dom::element object, std::string_view key);
std::optional<simdjson::dom::element> objectField(simdjson::dom::element object,
                                                  std::string_view key);

} // namespace perfcase
