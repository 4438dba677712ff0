#include "ChromeTraceReader.h"

#include "ReadAheadStream.h"
#include "SourceWriter.h"
#include "TraceClock.h"
#include "Utf8.h"
#include "io/InputStream.h"
#include "logs/TextRepair.h"

#include "json/JsonStreamer.h"
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isUserTiming(std::string_view category)
{
    return category.find("blink.user_timing") != std::string_view::npos;
}

// A Layout's args.beginData.stackTrace: the JS that forced it (non-empty).
bool hasStackTrace(const TraceEvent &event)
{
    if (!event.hasArgs) return false;
    auto begin = objectField(event.args, "beginData");
    simdjson::dom::array stack;
    return begin && !(*begin)["stackTrace"].get_array().get(stack) && stack.size() > 0;
}

bool isThreadKind(EventKind kind)
{
    return kind == EventKind::Task || kind == EventKind::Script || kind == EventKind::Layout ||
           kind == EventKind::Style || kind == EventKind::Paint;
}

// The scalar members of an object as a JSON object (websocket args.data).
std::string scalarMembers(simdjson::dom::element object)
{
    nlohmann::json out = nlohmann::json::object();
    simdjson::dom::object members;
    if (object.get_object().get(members)) return "{}";
    for (auto [key, value] : members) {
        const std::string name(key);
        switch (value.type()) {
        case simdjson::dom::element_type::STRING:
            out[name] = std::string(value.get_string().value_unsafe());
            break;
        case simdjson::dom::element_type::INT64:
            out[name] = value.get_int64().value_unsafe();
            break;
        case simdjson::dom::element_type::UINT64:
            out[name] = value.get_uint64().value_unsafe();
            break;
        case simdjson::dom::element_type::DOUBLE:
            out[name] = value.get_double().value_unsafe();
            break;
        case simdjson::dom::element_type::BOOL:
            out[name] = value.get_bool().value_unsafe();
            break;
        default:
            break;
        }
    }
    return out.dump();
}

} // namespace

namespace {
// This user's redaction key for the case (the same the HAR importer uses).
std::string redactionKey(SourceWriter &writer)
{
    Statement select = writer.database().prepare("SELECT value FROM meta WHERE key = 'case_uuid'");
    return Redactor::keyForCase(select.step() ? select.text(0) : std::string());
}
} // namespace

ChromeTraceReader::ChromeTraceReader(ImportContext &context)
    : m_context(context), m_tracks(context.writer, m_threads, m_strings),
      m_redactor(redactionKey(context.writer)), m_network(m_tracks, m_redactor)
{}

ImporterResult ChromeTraceReader::run()
{
    JsonStreamer::Options options;
    options.arrayPaths = {"traceEvents", ""};
    options.maxElementBytes = kMaxEventBytes;
    JsonStreamer streamer(options);
    JsonStreamer::Callbacks callbacks;
    callbacks.element = [this](std::string_view, std::string_view json, std::int64_t offset) {
        onEvent(json, offset);
    };
    callbacks.member = [this](std::string_view path, std::string_view json) {
        if (path == "metadata") m_metadata.assign(json);
    };
    callbacks.skipped = [this](std::string_view, std::int64_t offset) {
        reject(offset,
               "event larger than " + std::to_string(kMaxEventBytes >> 20) + " MiB: skipped", {});
    };
    ReadAheadStream input(m_context.input);
    const JsonStreamer::Result streamed =
        streamer.run(input, callbacks, m_context.token, m_context.progress);

    // Hash every byte (the content hash covers the whole file), even past
    // the end of the document or the point where it broke.
    std::vector<char> rest(ReadAheadStream::kChunk);
    while (input.read(rest.data(), rest.size()) > 0) {
        if (m_context.token.isCancelled()) throw Cancelled{};
    }

    if (!streamed.error.empty()) {
        reject(streamed.errorOffset, streamed.error, {});
        if (m_result.records > 0) {
            m_result.partial = true;
            warn(streamed.errorOffset, "the JSON breaks off here (" + streamed.error +
                                           "); imported the events before it");
        }
    } else if (streamed.truncated && m_result.records > 0) {
        m_result.partial = true;
        warn(streamed.bytes, "the JSON ends inside the event array (a cut recording); imported "
                             "the complete events before this offset");
    } else if (m_result.records == 0 && m_result.rejected == 0) {
        m_result.firstRejection = {0, 0, "no trace events (no traceEvents array, or it is empty)"};
    }
    finish();
    return m_result;
}

void ChromeTraceReader::onEvent(std::string_view json, std::int64_t offset)
{
    const std::string why = m_parser.parse(json, m_event);
    if (!why.empty()) {
        reject(offset, why, json);
        return;
    }
    if (m_parser.repairedUtf8() && !m_warnedUtf8) {
        m_warnedUtf8 = true;
        warn(offset, "invalid UTF-8 replaced with U+FFFD (first here)");
    }
    ++m_result.records;
    if (m_event.ph != 'M' && m_event.hasTs && (!m_minTs || m_event.ts < *m_minTs))
        m_minTs = m_event.ts;
    switch (m_event.ph) {
    case 'X':
    case 'B':
    case 'E':
        durationEvent(classifyEvent(m_event.name));
        break;
    case 'I':
    case 'i':
    case 'R':
        instantEvent(classifyEvent(m_event.name));
        break;
    case 'n':
        if (isUserTiming(m_event.cat))
            userTimingMark();
        else
            ++m_result.ignored;
        break;
    case 'b':
    case 'e':
        asyncEvent();
        break;
    case 'C':
        counterEvent();
        break;
    case 'M':
        metadataEvent(classifyEvent(m_event.name));
        break;
    default:
        ++m_result.ignored;
        break; // P, O, N, D, s, t, f, c, S, T, F, ...
    }
}

std::int32_t ChromeTraceReader::eventThread()
{
    const std::int32_t thread = m_threads.thread(m_event.pid, m_event.tid);
    if (m_taskEvents.size() <= std::size_t(thread)) m_taskEvents.resize(std::size_t(thread) + 1);
    return thread;
}

ThreadTimeline &ChromeTraceReader::timeline(std::int32_t thread)
{
    if (m_timelines.size() <= std::size_t(thread)) m_timelines.resize(std::size_t(thread) + 1);
    auto &slot = m_timelines[std::size_t(thread)];
    if (!slot) {
        ThreadRowSink &sink = *this;
        slot = std::make_unique<ThreadTimeline>(thread, sink);
        if (m_threads.mainThread(thread) == TraceThreadTable::Role::No) slot->keepFramesOnly();
    }
    return *slot;
}

void ChromeTraceReader::durationEvent(EventKind kind)
{
    const TraceEvent &e = m_event;
    if (e.ph == 'E') {
        auto begun = timeline(eventThread()).end(e.ts);
        if (!begun) ++m_unmatchedEnds;
        if (!begun || *begun == EventKind::Other) ++m_result.ignored;
        return;
    }
    if (e.ph == 'X' && !e.hasDur) { // still running when the recording stopped
        ++m_unfinished;
        ++m_result.ignored;
        return;
    }
    const bool userTiming = e.ph == 'X' && isUserTiming(e.cat);
    if (!isThreadKind(kind) && !userTiming) {
        if (e.ph == 'B') timeline(eventThread()).begin(e.ts, EventKind::Other, 0, 0);
        ++m_result.ignored;
        return;
    }
    if (userTiming) {
        m_tracks.userTiming(e.ts, e.dur, e.name, "measure",
                            nlohmann::json{{"cat", std::string(e.cat)}}.dump());
        return;
    }
    const std::int32_t thread = eventThread();
    if (kind == EventKind::Task) ++m_taskEvents[std::size_t(thread)];
    const std::uint16_t name = kind == EventKind::Task ? m_strings.intern(e.name) : 0;
    const std::uint16_t category = kind == EventKind::Task ? m_strings.intern(e.cat) : 0;
    const bool forced = kind == EventKind::Layout && hasStackTrace(e);
    if (e.ph == 'X') {
        timeline(thread).complete(e.ts, e.dur, kind, name, category, forced);
    } else if (!timeline(thread).begin(e.ts, kind, name, category, forced)) {
        ++m_result.ignored; // nested deeper than we follow
    }
}

void ChromeTraceReader::userTimingMark()
{
    nlohmann::json args = {{"cat", std::string(m_event.cat)}};
    if (m_event.hasArgs) {
        if (auto frame = stringField(m_event.args, "frame"); !frame.empty())
            args["frame"] = std::string(frame);
    }
    m_tracks.userTiming(m_event.ts, 0, m_event.name, "mark", args.dump());
}

void ChromeTraceReader::instantEvent(EventKind kind)
{
    const TraceEvent &e = m_event;
    const bool mark = isUserTiming(e.cat);
    if (mark) userTimingMark();
    const simdjson::dom::element args = e.hasArgs ? e.args : e.root;
    auto data = e.hasArgs ? objectField(e.args, "data") : std::nullopt;
    switch (kind) {
    case EventKind::UpdateCounters: {
        if (!data) break;
        timeline(eventThread())
            .instant(e.ts, kind, numberField(*data, "nodes").value_or(kNaN),
                     numberField(*data, "jsHeapSizeUsed").value_or(kNaN));
        return;
    }
    case EventKind::BeginFrame:
    case EventKind::DrawFrame:
    case EventKind::DroppedFrame:
        timeline(eventThread())
            .instant(e.ts, kind, numberField(args, "frameSeqId").value_or(-1), 0);
        return;
    case EventKind::SendRequest:
        if (data && m_network.send(e.ts, *data)) return;
        break;
    case EventKind::ReceiveResponse:
        if (data && m_network.response(e.ts, *data)) return;
        break;
    case EventKind::FinishRequest:
        if (data && m_network.finish(e.ts, *data)) return;
        break;
    case EventKind::WebSocket:
        m_tracks.webSocket(e.ts, e.name, data ? scalarMembers(*data) : std::string("{}"));
        return;
    case EventKind::TracingStartedInBrowser:
        if (!m_browserStartTs) m_browserStartTs = e.ts;
        if (data) m_threads.tracingStartedInBrowser(*data);
        return;
    case EventKind::TracingStartedInPage:
        m_threads.tracingStartedInPage(e.pid, e.tid);
        return;
    case EventKind::FrameCommitted:
        if (data) m_threads.frameCommitted(*data);
        return;
    case EventKind::NavigationStart:
        if (e.hasArgs) m_threads.navigationStart(e.pid, e.args);
        return;
    default:
        break;
    }
    if (!mark) ++m_result.ignored;
}

void ChromeTraceReader::asyncEvent()
{
    const TraceEvent &e = m_event;
    const std::uint64_t key = TraceEventParser::asyncKey(e);
    const bool userTiming = isUserTiming(e.cat);
    if (e.ph == 'b') {
        if (m_openAsync.size() < kMaxOpenAsync) ++m_openAsync[key];
        if (userTiming && m_measures.size() < kMaxOpenAsync)
            m_measures[key].push_back({e.ts, std::string(e.name), std::string(e.cat)});
        else
            ++m_result.ignored;
        return;
    }
    auto open = m_openAsync.find(key);
    if (open == m_openAsync.end()) {
        ++m_asyncEndsAlone;
        ++m_result.ignored;
        return;
    }
    if (--open->second == 0) m_openAsync.erase(open);
    auto measure = m_measures.find(key);
    if (!userTiming || measure == m_measures.end()) {
        ++m_result.ignored;
        return;
    }
    const Measure begun = measure->second.back();
    measure->second.pop_back();
    if (measure->second.empty()) m_measures.erase(measure);
    m_tracks.userTiming(begun.ts, std::max<std::int64_t>(0, e.ts - begun.ts), begun.name, "measure",
                        nlohmann::json{{"cat", begun.category}}.dump());
}

void ChromeTraceReader::counterEvent()
{
    const TraceEvent &e = m_event;
    simdjson::dom::object series;
    if (!e.hasArgs || e.args.get_object().get(series)) {
        ++m_result.ignored;
        return;
    }
    std::string name(e.name);
    if (e.hasId) {
        std::string_view text;
        name += " id: ";
        name += e.id.get_string().get(text) ? simdjson::minify(e.id) : std::string(text);
    }
    bool any = false;
    for (auto [key, value] : series) {
        double number;
        if (!value.is_number() || value.get_double().get(number)) continue;
        any = m_tracks.counter(e.pid, name, key, e.ts, number) || any;
    }
    if (!any) ++m_result.ignored;
}

void ChromeTraceReader::metadataEvent(EventKind kind)
{
    const TraceEvent &e = m_event;
    const std::string_view name = e.hasArgs ? stringField(e.args, "name") : std::string_view();
    if (kind == EventKind::ProcessName && e.hasArgs) {
        m_threads.setProcessName(e.pid, name);
    } else if (kind == EventKind::ThreadName && e.hasArgs) {
        const std::int32_t thread = eventThread();
        m_threads.setThreadName(e.pid, e.tid, name);
        if (std::size_t(thread) < m_timelines.size() && m_timelines[std::size_t(thread)] &&
            m_threads.mainThread(thread) == TraceThreadTable::Role::No)
            m_timelines[std::size_t(thread)]->keepFramesOnly();
    } else {
        ++m_result.ignored; // thread_sort_index, num_cpus, process_labels, ...
    }
}

void ChromeTraceReader::row(const ThreadRow &row)
{
    const auto role = row.kind == ThreadRow::Kind::Frame ? m_threads.pageProcess(row.thread)
                                                         : m_threads.mainThread(row.thread);
    if (role == TraceThreadTable::Role::Yes)
        m_tracks.threadRow(row);
    else if (role == TraceThreadTable::Role::Undecided)
        m_deferred.add(row);
}

void ChromeTraceReader::finish()
{
    m_threads.resolve(m_taskEvents);
    // Slices never ended: B of any name for the warning; the ones of
    // modelled names are ignored now (the others were at their begin).
    std::int64_t unfinishedBegins = 0;
    for (auto &timeline : m_timelines) {
        if (!timeline) continue;
        timeline->finish();
        unfinishedBegins += timeline->unfinished();
        m_result.ignored += timeline->unfinishedModelled();
    }
    m_deferred.replay([this](const ThreadRow &deferred) { row(deferred); });
    for (std::int32_t thread : m_threads.mainThreads()) {
        if (std::size_t(thread) < m_timelines.size() && m_timelines[std::size_t(thread)])
            m_tracks.perSecond(thread, m_timelines[std::size_t(thread)]->perSecond());
    }
    m_network.flush();

    for (const auto &[key, measures] : m_measures) {
        unfinishedBegins += std::int64_t(measures.size());
        m_result.ignored += std::int64_t(measures.size());
    }
    m_unfinished += unfinishedBegins;
    if (m_unmatchedEnds > 0)
        warn(-1, std::to_string(m_unmatchedEnds) +
                     " end (E) events without a begin (B) on their thread; ignored");
    if (m_unfinished > 0)
        warn(-1, std::to_string(m_unfinished) +
                     " slices still open when the recording stopped (X without dur, B without "
                     "E, user timing b without e); not stored");
    std::int64_t asyncBegins = 0;
    for (const auto &[key, count] : m_openAsync)
        asyncBegins += count;
    if (asyncBegins > 0 || m_asyncEndsAlone > 0)
        warn(-1, std::to_string(asyncBegins) + " async begin (b) events without an end (e), " +
                     std::to_string(m_asyncEndsAlone) + " ends without a begin");
    if (m_threads.mainThreads().empty()) {
        bool anyTask = false;
        for (std::int64_t n : m_taskEvents)
            anyTask = anyTask || n > 0;
        if (anyTask)
            warn(-1, "the page's renderer main thread could not be identified (no "
                     "TracingStartedInBrowser, TracingStartedInPage or CrRendererMain thread): "
                     "no main-thread tracks");
    }
    std::vector<ImportNotice> clockWarnings;
    m_context.clock = TraceClock::resolve(m_metadata, m_browserStartTs ? m_browserStartTs : m_minTs,
                                          clockWarnings);
    for (const ImportNotice &notice : clockWarnings)
        warn(notice.byte, notice.message);
}

void ChromeTraceReader::reject(std::int64_t offset, const std::string &why, std::string_view json)
{
    ++m_result.rejected;
    if (m_result.rejected == 1) m_result.firstRejection = {0, offset, why};
    std::string_view excerpt = utf8Prefix(json, 200);
    if (!TextRepair::isValidUtf8(excerpt)) excerpt = "(not UTF-8)";
    m_context.writer.addError(0, offset, "error", why, excerpt);
}

void ChromeTraceReader::warn(std::int64_t byte, const std::string &message)
{
    m_result.warnings.push_back({0, byte, message});
    m_context.writer.addError(0, byte, "warning", message, {});
}

} // namespace perfcase
