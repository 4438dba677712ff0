#include "TraceEvent.h"

#include "logs/TextRepair.h"

#include <cstring>
#include <limits>
#include <unordered_map>

namespace perfcase {

namespace {

constexpr std::int64_t kMaxMicros = std::numeric_limits<std::int64_t>::max() / 1000;
// Times and durations within ±2^62 ns (±146 years): sums and differences of
// two of them never overflow.
constexpr std::int64_t kMaxNs = std::int64_t(1) << 62;

std::optional<std::int64_t> micros(simdjson::dom::element value, std::string_view json,
                                   std::string_view key)
{
    switch (value.type()) {
    case simdjson::dom::element_type::INT64: {
        const std::int64_t v = value.get_int64().value_unsafe();
        if (v > kMaxMicros || v < -kMaxMicros) return std::nullopt;
        return v * 1000;
    }
    case simdjson::dom::element_type::UINT64:
        return std::nullopt; // beyond INT64_MAX µs
    case simdjson::dom::element_type::DOUBLE:
        // The DOM holds a double: read the digits again from the text, so
        // that 12345678901234.567 µs stays exact in ns.
        return microsToNs(topLevelMember(json, key));
    default:
        return std::nullopt;
    }
}

std::int64_t integerId(simdjson::dom::element value)
{
    switch (value.type()) {
    case simdjson::dom::element_type::INT64:
        return value.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64:
        return std::int64_t(value.get_uint64().value_unsafe() & 0x7fffffffffffffffULL);
    case simdjson::dom::element_type::DOUBLE: {
        const double d = value.get_double().value_unsafe();
        return d > -9e18 && d < 9e18 ? std::int64_t(d) : 0;
    }
    default:
        return 0;
    }
}

// FNV-1a, enough to tell async ids apart within one trace.
struct Hasher
{
    std::uint64_t h = 1469598103934665603ULL;
    void add(std::string_view text)
    {
        for (unsigned char c : text) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0xff; // separator: ("ab","c") != ("a","bc")
        h *= 1099511628211ULL;
    }
    void add(std::int64_t v)
    {
        add(std::string_view(reinterpret_cast<const char *>(&v), sizeof v));
    }
};

void addId(Hasher &hasher, simdjson::dom::element id)
{
    if (id.is_string())
        hasher.add(id.get_string().value_unsafe());
    else
        hasher.add(integerId(id));
}

// Skips one JSON value starting at text[i]; returns the index after it.
std::size_t skipValue(std::string_view text, std::size_t i)
{
    if (i >= text.size()) return i;
    if (text[i] == '"') {
        for (++i; i < text.size(); ++i) {
            if (text[i] == '\\')
                ++i;
            else if (text[i] == '"')
                return i + 1;
        }
        return text.size();
    }
    if (text[i] == '{' || text[i] == '[') {
        int depth = 0;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '"') {
                i = skipValue(text, i) - 1;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
            }
        }
        return text.size();
    }
    while (i < text.size() && text[i] != ',' && text[i] != '}' && text[i] != ']' &&
           text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
        ++i;
    return i;
}

// Copies json with ".0" after each integer of 20 digits or more (outside
// strings); false when there is none.
bool widenBigIntegers(std::string_view json, std::string &out)
{
    out.clear();
    bool widened = false;
    for (std::size_t i = 0; i < json.size();) {
        const char c = json[i];
        if (c == '"') {
            const std::size_t end = skipValue(json, i);
            out.append(json.substr(i, end - i));
            i = end;
            continue;
        }
        if ((c >= '0' && c <= '9') || c == '-') {
            // A whole number token: digits, sign, fraction, exponent.
            std::size_t end = i, digits = 0;
            bool integer = true;
            for (; end < json.size(); ++end) {
                const char d = json[end];
                if (d >= '0' && d <= '9')
                    ++digits;
                else if (d == '.' || d == 'e' || d == 'E' || d == '+')
                    integer = false;
                else if (d != '-')
                    break;
            }
            out.append(json.substr(i, end - i));
            if (integer && digits >= 20) {
                out += ".0";
                widened = true;
            }
            i = end;
            continue;
        }
        out += c;
        ++i;
    }
    return widened;
}

std::size_t skipSpace(std::string_view text, std::size_t i)
{
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
        ++i;
    return i;
}

} // namespace

EventKind classifyEvent(std::string_view name)
{
    static const std::unordered_map<std::string_view, EventKind> kinds = {
        {"RunTask", EventKind::Task},
        {"ThreadControllerImpl::RunTask", EventKind::Task},
        {"ThreadControllerImpl::DoWork", EventKind::Task},
        {"TaskQueueManager::ProcessTaskFromWorkQueue", EventKind::Task},
        {"MessageLoop::RunTask", EventKind::Task},
        {"FunctionCall", EventKind::Script},
        {"EvaluateScript", EventKind::Script},
        {"v8.evaluateModule", EventKind::Script},
        {"RunMicrotasks", EventKind::Script},
        {"EventDispatch", EventKind::Script},
        {"TimerFire", EventKind::Script},
        {"FireAnimationFrame", EventKind::Script},
        {"FireIdleCallback", EventKind::Script},
        {"XHRReadyStateChange", EventKind::Script},
        {"XHRLoad", EventKind::Script},
        {"Layout", EventKind::Layout},
        {"UpdateLayoutTree", EventKind::Style},
        {"RecalculateStyles", EventKind::Style},
        {"Paint", EventKind::Paint},
        {"UpdateCounters", EventKind::UpdateCounters},
        {"BeginFrame", EventKind::BeginFrame},
        {"DrawFrame", EventKind::DrawFrame},
        {"DroppedFrame", EventKind::DroppedFrame},
        {"ResourceSendRequest", EventKind::SendRequest},
        {"ResourceReceiveResponse", EventKind::ReceiveResponse},
        {"ResourceFinish", EventKind::FinishRequest},
        {"WebSocketCreate", EventKind::WebSocket},
        {"WebSocketSendHandshakeRequest", EventKind::WebSocket},
        {"WebSocketReceiveHandshakeResponse", EventKind::WebSocket},
        {"WebSocketDestroy", EventKind::WebSocket},
        {"WebSocketSend", EventKind::WebSocket},
        {"WebSocketReceive", EventKind::WebSocket},
        {"TracingStartedInBrowser", EventKind::TracingStartedInBrowser},
        {"TracingStartedInPage", EventKind::TracingStartedInPage},
        {"FrameCommittedInBrowser", EventKind::FrameCommitted},
        {"navigationStart", EventKind::NavigationStart},
        {"process_name", EventKind::ProcessName},
        {"thread_name", EventKind::ThreadName},
    };
    auto it = kinds.find(name);
    return it == kinds.end() ? EventKind::Other : it->second;
}

TraceEventParser::TraceEventParser() = default;

simdjson::error_code TraceEventParser::parsePadded(std::string_view json,
                                                   simdjson::dom::element &root)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the text: copy it
    // into a buffer of ours rather than let simdjson allocate one per event.
    if (m_padded.size() < json.size() + simdjson::SIMDJSON_PADDING)
        m_padded.resize(json.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(m_padded.data(), json.data(), json.size());
    std::memset(m_padded.data() + json.size(), 0, simdjson::SIMDJSON_PADDING);
    m_json = json;
    return m_parser.parse(m_padded.data(), json.size(), false).get(root);
}

std::string TraceEventParser::parse(std::string_view json, TraceEvent &event)
{
    m_repaired = false;
    simdjson::dom::element root;
    simdjson::error_code error = parsePadded(json, root);
    if (error == simdjson::UTF8_ERROR) {
        // Strings are UTF-8 in the case file: repair (U+FFFD), keep the event.
        TextRepair::repairUtf8(json, m_repairBuffer);
        m_repaired = true;
        error = parsePadded(m_repairBuffer, root);
    }
    if (error == simdjson::NUMBER_ERROR &&
        widenBigIntegers(m_repaired ? m_repairBuffer : json, m_widenBuffer)) {
        // simdjson 3.0 refuses integers beyond 64 bits, which V8 writes
        // (2^64 as "not_streamed_reason"): read them as doubles instead.
        error = parsePadded(m_widenBuffer, root);
    }
    if (error) return std::string("invalid JSON: ") + simdjson::error_message(error);
    simdjson::dom::object object;
    if (root.get_object().get(object)) return "not an event object";

    event = TraceEvent{};
    event.root = root;
    simdjson::dom::element ts, dur;
    bool sawTs = false, sawDur = false;
    for (auto field : object) {
        const std::string_view key = field.key;
        const simdjson::dom::element value = field.value;
        if (key.size() == 2) {
            if (key == "ph") {
                std::string_view ph;
                if (!value.get_string().get(ph) && ph.size() == 1) event.ph = ph[0];
            } else if (key == "ts") {
                ts = value;
                sawTs = true;
            } else if (key == "id") {
                event.id = value;
                event.hasId = true;
            }
        } else if (key == "name") {
            if (value.get_string().get(event.name)) event.name = {};
        } else if (key == "cat") {
            if (value.get_string().get(event.cat)) event.cat = {};
        } else if (key == "pid") {
            event.pid = integerId(value);
        } else if (key == "tid") {
            event.tid = integerId(value);
        } else if (key == "dur") {
            dur = value;
            sawDur = true;
        } else if (key == "args") {
            event.args = value;
            event.hasArgs = value.is_object();
        } else if (key == "id2") {
            event.id2 = value;
            event.hasId2 = value.is_object();
        } else if (key == "scope") {
            if (value.get_string().get(event.scope)) event.scope = {};
        }
    }
    if (!event.ph) return "no phase (\"ph\")";
    if (sawTs) {
        auto ns = micros(ts, m_json, "ts");
        if (!ns) return "timestamp (\"ts\") is not a number of µs";
        if (*ns > kMaxNs || *ns < -kMaxNs) return "timestamp (\"ts\") out of range";
        event.ts = *ns;
        event.hasTs = true;
    } else if (event.ph != 'M') {
        return "no timestamp (\"ts\")";
    }
    if (sawDur) {
        auto ns = micros(dur, m_json, "dur");
        if (ns && *ns >= 0 && *ns <= kMaxNs) {
            event.dur = *ns;
            event.hasDur = true;
        }
    }
    return {};
}

std::uint64_t TraceEventParser::asyncKey(const TraceEvent &event)
{
    Hasher hasher;
    hasher.add(event.cat);
    hasher.add(event.name);
    hasher.add(event.scope);
    simdjson::dom::element id;
    if (event.hasId2) {
        if (!event.id2["global"].get(id)) {
            hasher.add(std::string_view("global"));
            addId(hasher, id);
        } else if (!event.id2["local"].get(id)) {
            hasher.add(std::string_view("local"));
            hasher.add(event.pid);
            addId(hasher, id);
        }
    } else if (event.hasId) {
        addId(hasher, event.id);
    }
    return hasher.h;
}

std::optional<std::int64_t> microsToNs(std::string_view text)
{
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    // Digits as an integer of ns before the exponent: at most 19+9 digits
    // are meaningful; more is out of range anyway.
    std::string digits;
    int fractionDigits = 0;
    bool seenDigit = false, inFraction = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            seenDigit = true;
            if (!(digits.empty() && c == '0')) digits += c;
            if (inFraction) ++fractionDigits;
            if (digits.size() > 40) return std::nullopt;
        } else if (c == '.' && !inFraction) {
            inFraction = true;
        } else {
            break;
        }
    }
    if (!seenDigit) return std::nullopt;
    int exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negExp = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) negExp = text[i++] == '-';
        if (i >= text.size()) return std::nullopt;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
            exponent = exponent * 10 + (text[i] - '0');
            if (exponent > 400) return std::nullopt;
        }
        if (negExp) exponent = -exponent;
    }
    if (i != text.size()) return std::nullopt;
    // value = digits × 10^(exponent - fractionDigits) µs = digits × 10^(shift) ns
    const int shift = exponent - fractionDigits + 3;
    if (digits.empty()) return 0;
    if (shift >= 0) {
        if (int(digits.size()) + shift > 19) return std::nullopt;
        digits.append(std::size_t(shift), '0');
    } else {
        const std::size_t drop = std::size_t(-shift);
        if (drop >= digits.size() + 1) return 0;
        const bool roundUp = drop <= digits.size() && digits[digits.size() - drop] >= '5';
        digits.resize(digits.size() - drop);
        if (digits.size() > 19) return std::nullopt;
        std::uint64_t v = 0;
        for (char c : digits)
            v = v * 10 + std::uint64_t(c - '0');
        v += roundUp;
        if (v > std::uint64_t(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
        return negative ? -std::int64_t(v) : std::int64_t(v);
    }
    if (digits.size() > 19) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : digits)
        v = v * 10 + std::uint64_t(c - '0');
    if (v > std::uint64_t(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return negative ? -std::int64_t(v) : std::int64_t(v);
}

std::string_view topLevelMember(std::string_view text, std::string_view key)
{
    std::size_t i = skipSpace(text, 0);
    if (i >= text.size() || text[i] != '{') return {};
    ++i;
    while (true) {
        i = skipSpace(text, i);
        if (i >= text.size() || text[i] != '"') return {};
        const std::size_t keyEnd = skipValue(text, i);
        const std::string_view name = text.substr(i + 1, keyEnd - i - 2);
        i = skipSpace(text, keyEnd);
        if (i >= text.size() || text[i] != ':') return {};
        i = skipSpace(text, i + 1);
        const std::size_t valueEnd = skipValue(text, i);
        if (name == key) return text.substr(i, valueEnd - i);
        i = skipSpace(text, valueEnd);
        if (i >= text.size() || text[i] != ',') return {};
        ++i;
    }
}

std::string_view stringField(simdjson::dom::element object, std::string_view key)
{
    std::string_view value;
    if (object.is_object() && !object[key].get_string().get(value)) return value;
    return {};
}

std::optional<double> numberField(simdjson::dom::element object, std::string_view key)
{
    simdjson::dom::element value;
    if (!object.is_object() || object[key].get(value)) return std::nullopt;
    double number;
    if (value.is_number() && !value.get_double().get(number)) return number;
    return std::nullopt;
}

std::optional<simdjson::dom::element> objectField(simdjson::dom::element object,
                                                  std::string_view key)
{
    simdjson::dom::element value;
    if (object.is_object() && !object[key].get(value) && value.is_object()) return value;
    return std::nullopt;
}

} // namespace perfcase
