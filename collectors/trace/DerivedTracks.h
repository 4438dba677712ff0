#pragma once

#include "ThreadRow.h"
#include "ThreadTimeline.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace perfcase {

class SourceWriter;
class StringTable;
class TraceThreadTable;

// The browser.* tracks of DESIGN.md's vocabulary, created when their first
// row comes: per page thread (labels pid, tid, process, thread) for tasks,
// frames, layout counts and DOM counters; one per source for network
// requests, websocket messages and user timing; one per process and series
// for the trace's own counter (C) events.
class DerivedTracks
{
public:
    static constexpr std::int64_t kLongTaskNs = 50'000'000;  // longer than this: a long task
    static constexpr std::int64_t kLongFrameNs = 16'700'000; // longer: a long frame (60 Hz)

    DerivedTracks(SourceWriter &writer, const TraceThreadTable &threads,
                  const StringTable &strings);

    // A row of a page thread (its role already checked).
    void threadRow(const ThreadRow &row);
    // browser.layout/style/paint/forced_layout: events per second, as a
    // step function (a sample at each second with events, a 0 after it).
    void perSecond(std::int32_t thread, const ThreadTimeline::PerSecond &counts);

    void networkRequest(std::int64_t ts, std::int64_t dur, std::string_view name,
                        std::string_view argsJson);
    void webSocket(std::int64_t ts, std::string_view name, std::string_view argsJson);
    void userTiming(std::int64_t ts, std::int64_t dur, std::string_view name,
                    std::string_view category, std::string_view argsJson);
    // A series of a C event: "<name> <key>" (Perfetto's naming), per process.
    // False past kMaxCounterTracks distinct series (the sample is dropped).
    bool counter(std::int64_t pid, std::string_view name, std::string_view key, std::int64_t ts,
                 double value);

    static constexpr std::size_t kMaxCounterTracks = 10'000;

private:
    enum class Lane
    {
        Tasks,
        LongTasks,
        Frames,
        LongFrames,
        DomNodes,
        JsHeap,
        Layout,
        Style,
        Paint,
        ForcedLayout,
        Network,
        WebSocket,
        UserTiming,
    };
    std::int64_t lane(Lane lane, std::int32_t thread = -1);

    SourceWriter &m_writer;
    const TraceThreadTable &m_threads;
    const StringTable &m_strings;
    std::map<std::pair<Lane, std::int32_t>, std::int64_t> m_lanes;
    std::unordered_map<std::string, std::int64_t> m_counters;
    std::string m_key, m_args;
};

} // namespace perfcase
