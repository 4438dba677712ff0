#pragma once

#include "ThreadRow.h"
#include "TraceEvent.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace perfcase {

// Receives the rows a ThreadTimeline produces.
class ThreadRowSink
{
public:
    virtual ~ThreadRowSink() = default;
    virtual void row(const ThreadRow &row) = 0;
};

// The events of one thread that the derived tracks need (tasks, JS entry
// points, layout/style/paint, DOM counters, frame events), put back in time
// order and turned into rows: task depth from nesting, forced layouts (a
// Layout inside a JS entry point), frames from BeginFrame/DrawFrame pairs,
// and per-second counts.
//
// Traces are mostly in time order per thread, but some writers emit a
// complete (X) event when it ends, after its children (lcp-m78): events wait
// in a window of kWindow items that is sorted before use, as Perfetto's
// sorter does with a bounded window.
class ThreadTimeline
{
public:
    static constexpr std::size_t kWindow = 4096;
    static constexpr std::size_t kMaxOpen = 1024; // B/E and nesting depth kept

    // Per-second counts, in this order.
    enum Count
    {
        Layouts,
        Styles,
        Paints,
        ForcedLayouts,
        kCounts
    };
    using PerSecond = std::map<std::int64_t, std::array<std::uint32_t, kCounts>>;

    ThreadTimeline(std::int32_t thread, ThreadRowSink &sink) : m_thread(thread), m_sink(&sink) {}

    // A B event; returns false when too deeply nested (not kept).
    bool begin(std::int64_t ts, EventKind kind, std::uint16_t name, std::uint16_t category,
               bool forced = false);
    // An E event: closes the innermost B. Returns the kind of that B, or
    // nothing when no B is open.
    std::optional<EventKind> end(std::int64_t ts);
    // An X event with its duration. forced: a Layout that carries the JS
    // stack that forced it (args.beginData.stackTrace).
    void complete(std::int64_t ts, std::int64_t dur, EventKind kind, std::uint16_t name,
                  std::uint16_t category, bool forced = false);
    // UpdateCounters (a = nodes, b = JS heap bytes; NaN when absent) or a
    // frame event (a = frameSeqId, -1 when absent).
    void instant(std::int64_t ts, EventKind kind, double a, double b);

    // Sorts and processes everything still waiting (end of input).
    void finish();
    // The thread is known not to be the page's main thread: from now on keep
    // only its frame events (B/E pairing goes on).
    void keepFramesOnly() { m_framesOnly = true; }

    // B events never closed (the recording stopped while they ran): all of
    // them, and those of modelled kinds.
    std::int64_t unfinished() const { return std::int64_t(m_begun.size()); }
    std::int64_t unfinishedModelled() const;
    std::int64_t taskCount() const { return m_taskCount; }
    const PerSecond &perSecond() const { return m_perSecond; }

private:
    struct Item
    {
        std::int64_t ts;
        std::int64_t dur; // -1 for instants
        double a, b;
        EventKind kind;
        std::uint16_t name, category;
    };
    struct Open
    {
        std::int64_t end;
        EventKind kind;
    };
    struct Begun
    {
        std::int64_t ts;
        EventKind kind;
        std::uint16_t name, category;
        bool forced;
    };

    void add(const Item &item);
    void process(std::size_t count);
    void handle(const Item &item);
    void frameEvent(const Item &item);
    void count(std::int64_t ts, Count which);

    std::int32_t m_thread;
    ThreadRowSink *m_sink;
    bool m_framesOnly = false;
    std::vector<Item> m_window;
    std::vector<Begun> m_begun; // open B events
    std::vector<Open> m_open;   // enclosing intervals at the current time
    std::int64_t m_taskCount = 0;
    PerSecond m_perSecond;
    // Frames: BeginFrame times by frameSeqId, dropped frameSeqIds, and for
    // traces without ids the last BeginFrame.
    std::map<std::int64_t, std::int64_t> m_beginBySeq;
    std::set<std::int64_t> m_dropped;
    std::optional<std::int64_t> m_lastBegin;
};

} // namespace perfcase
