#include "DerivedTracks.h"

#include "SourceWriter.h"
#include "StringTable.h"
#include "TraceThreadTable.h"

#include <array>
#include <iterator>
#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

struct LaneSpec
{
    const char *kind;
    const char *name;
    const char *unit;
};

// Indexed by DerivedTracks::Lane.
constexpr std::array<LaneSpec, 13> kLanes = {{
    {"slice", "browser.main_thread_tasks", "ns"},
    {"slice", "browser.long_tasks", "ns"},
    {"slice", "browser.frames", "ns"},
    {"slice", "browser.long_frames", "ns"},
    {"counter", "browser.dom_nodes", "count"},
    {"counter", "browser.js_heap", "bytes"},
    {"counter", "browser.layout", "per_s"},
    {"counter", "browser.style", "per_s"},
    {"counter", "browser.paint", "per_s"},
    {"counter", "browser.forced_layout", "per_s"},
    {"slice", "browser.network_requests", "ns"},
    {"instant", "browser.websocket_messages", ""},
    {"slice", "browser.user_timing", "ns"},
}};

constexpr std::int64_t kSecondNs = 1'000'000'000;

} // namespace

DerivedTracks::DerivedTracks(SourceWriter &writer, const TraceThreadTable &threads,
                             const StringTable &strings)
    : m_writer(writer), m_threads(threads), m_strings(strings)
{}

std::int64_t DerivedTracks::lane(Lane lane, std::int32_t thread)
{
    auto [it, inserted] = m_lanes.try_emplace({lane, thread}, 0);
    if (inserted) {
        const LaneSpec &spec = kLanes[std::size_t(lane)];
        it->second = m_writer.addTrack(spec.kind, spec.name, spec.unit,
                                       thread >= 0 ? m_threads.labels(thread) : "{}");
    }
    return it->second;
}

void DerivedTracks::threadRow(const ThreadRow &row)
{
    switch (row.kind) {
    case ThreadRow::Kind::Task: {
        const std::string &name = m_strings.at(row.name);
        const std::string &category = m_strings.at(row.category);
        m_writer.addSlice(lane(Lane::Tasks, row.thread), row.ts, row.dur, name, category,
                          row.depth);
        if (row.depth == 0 && row.dur > kLongTaskNs)
            m_writer.addSlice(lane(Lane::LongTasks, row.thread), row.ts, row.dur, name, category);
        break;
    }
    case ThreadRow::Kind::Frame: {
        m_args.clear();
        if (row.value >= 0) {
            m_args = "{\"frame_seq_id\":" + std::to_string(std::int64_t(row.value)) +
                     ",\"dropped_before\":" + std::to_string(row.extra) + "}";
        }
        m_writer.addSlice(lane(Lane::Frames, row.thread), row.ts, row.dur, "Frame", "frame", 0,
                          m_args);
        if (row.dur > kLongFrameNs)
            m_writer.addSlice(lane(Lane::LongFrames, row.thread), row.ts, row.dur, "Frame", "frame",
                              0, m_args);
        break;
    }
    case ThreadRow::Kind::DomNodes:
        m_writer.addCounter(lane(Lane::DomNodes, row.thread), row.ts, row.value);
        break;
    case ThreadRow::Kind::JsHeap:
        m_writer.addCounter(lane(Lane::JsHeap, row.thread), row.ts, row.value);
        break;
    }
}

void DerivedTracks::perSecond(std::int32_t thread, const ThreadTimeline::PerSecond &counts)
{
    if (counts.empty()) return;
    constexpr std::array<Lane, ThreadTimeline::kCounts> lanes = {Lane::Layout, Lane::Style,
                                                                 Lane::Paint, Lane::ForcedLayout};
    for (std::size_t which = 0; which < lanes.size(); ++which) {
        const std::int64_t track = lane(lanes[which], thread);
        // A step function: each second with events, and a 0 after it when
        // the next second has none. Idle stretches cost no rows, whatever
        // the gaps between timestamps.
        bool any = false;
        for (auto it = counts.begin(); it != counts.end(); ++it) {
            const std::uint32_t value = it->second[which];
            if (value == 0) continue;
            any = true;
            m_writer.addCounter(track, it->first * kSecondNs, value);
            auto next = std::next(it);
            if (next == counts.end() || next->first != it->first + 1 || next->second[which] == 0)
                m_writer.addCounter(track, (it->first + 1) * kSecondNs, 0);
        }
        if (!any) m_writer.addCounter(track, counts.begin()->first * kSecondNs, 0); // none at all
    }
}

void DerivedTracks::networkRequest(std::int64_t ts, std::int64_t dur, std::string_view name,
                                   std::string_view argsJson)
{
    m_writer.addSlice(lane(Lane::Network), ts, dur, name, "network", 0, argsJson);
}

void DerivedTracks::webSocket(std::int64_t ts, std::string_view name, std::string_view argsJson)
{
    m_writer.addInstant(lane(Lane::WebSocket), ts, name, std::nullopt, argsJson);
}

void DerivedTracks::userTiming(std::int64_t ts, std::int64_t dur, std::string_view name,
                               std::string_view category, std::string_view argsJson)
{
    m_writer.addSlice(lane(Lane::UserTiming), ts, dur, name, category, 0, argsJson);
}

bool DerivedTracks::counter(std::int64_t pid, std::string_view name, std::string_view key,
                            std::int64_t ts, double value)
{
    m_key.assign(std::to_string(pid));
    m_key += '\x1f';
    m_key.append(name);
    m_key += '\x1f';
    m_key.append(key);
    auto it = m_counters.find(m_key);
    if (it == m_counters.end()) {
        if (m_counters.size() >= kMaxCounterTracks) return false;
        std::string trackName(name);
        trackName += ' ';
        trackName.append(key);
        // Only the pid: the process name may come later in the file.
        const std::string labels = "{\"pid\":" + std::to_string(pid) + "}";
        it = m_counters.emplace(m_key, m_writer.addTrack("counter", trackName, {}, labels)).first;
    }
    m_writer.addCounter(it->second, ts, value);
    return true;
}

} // namespace perfcase
