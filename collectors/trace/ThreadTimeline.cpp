#include "ThreadTimeline.h"

#include <algorithm>
#include <cmath>

namespace perfcase {

namespace {

constexpr std::size_t kMaxFrameIds = 512; // BeginFrames waiting for their draw

std::int64_t floorSecond(std::int64_t ns)
{
    constexpr std::int64_t kSecond = 1'000'000'000;
    return ns >= 0 ? ns / kSecond : -((-ns + kSecond - 1) / kSecond);
}

} // namespace

bool ThreadTimeline::begin(std::int64_t ts, EventKind kind, std::uint16_t name,
                           std::uint16_t category, bool forced)
{
    if (m_begun.size() >= kMaxOpen) return false;
    m_begun.push_back({ts, kind, name, category, forced});
    return true;
}

std::optional<EventKind> ThreadTimeline::end(std::int64_t ts)
{
    if (m_begun.empty()) return std::nullopt;
    const Begun begun = m_begun.back();
    m_begun.pop_back();
    if (begun.kind != EventKind::Other)
        add({begun.ts, std::max<std::int64_t>(0, ts - begun.ts), begun.forced ? 1.0 : 0.0, 0,
             begun.kind, begun.name, begun.category});
    return begun.kind;
}

void ThreadTimeline::complete(std::int64_t ts, std::int64_t dur, EventKind kind, std::uint16_t name,
                              std::uint16_t category, bool forced)
{
    add({ts, dur, forced ? 1.0 : 0.0, 0, kind, name, category});
}

std::int64_t ThreadTimeline::unfinishedModelled() const
{
    return std::count_if(m_begun.begin(), m_begun.end(),
                         [](const Begun &begun) { return begun.kind != EventKind::Other; });
}

void ThreadTimeline::instant(std::int64_t ts, EventKind kind, double a, double b)
{
    add({ts, -1, a, b, kind, 0, 0});
}

void ThreadTimeline::add(const Item &item)
{
    if (m_framesOnly && item.kind != EventKind::BeginFrame && item.kind != EventKind::DrawFrame &&
        item.kind != EventKind::DroppedFrame)
        return;
    m_window.push_back(item);
    if (m_window.size() >= 2 * kWindow) process(kWindow);
}

void ThreadTimeline::finish()
{
    process(m_window.size());
}

void ThreadTimeline::process(std::size_t count)
{
    // Parents before children: at the same start, the longer first.
    std::sort(m_window.begin(), m_window.end(), [](const Item &x, const Item &y) {
        if (x.ts != y.ts) return x.ts < y.ts;
        if (x.dur != y.dur) return x.dur > y.dur;
        return x.kind < y.kind;
    });
    for (std::size_t i = 0; i < count; ++i)
        handle(m_window[i]);
    m_window.erase(m_window.begin(), m_window.begin() + std::ptrdiff_t(count));
}

void ThreadTimeline::handle(const Item &item)
{
    m_open.erase(std::remove_if(m_open.begin(), m_open.end(),
                                [&](const Open &open) { return open.end <= item.ts; }),
                 m_open.end());
    auto enclosing = [&](EventKind kind) {
        return std::count_if(m_open.begin(), m_open.end(),
                             [&](const Open &open) { return open.kind == kind; });
    };
    auto push = [&] {
        if (m_open.size() < kMaxOpen) m_open.push_back({item.ts + item.dur, item.kind});
    };
    switch (item.kind) {
    case EventKind::Task: {
        ThreadRow row;
        row.kind = ThreadRow::Kind::Task;
        row.ts = item.ts;
        row.dur = item.dur;
        row.thread = m_thread;
        row.depth = std::uint8_t(std::min<std::ptrdiff_t>(enclosing(EventKind::Task), 255));
        row.name = item.name;
        row.category = item.category;
        ++m_taskCount;
        m_sink->row(row);
        push();
        break;
    }
    case EventKind::Script:
        push();
        break;
    case EventKind::Layout:
        count(item.ts, Layouts);
        // Forced: JS asked for it (its stack is in the event, Chrome 60+),
        // or it ran inside a JS entry point (older traces carry no stack).
        if (item.a > 0 || enclosing(EventKind::Script) > 0) count(item.ts, ForcedLayouts);
        break;
    case EventKind::Style:
        count(item.ts, Styles);
        break;
    case EventKind::Paint:
        count(item.ts, Paints);
        break;
    case EventKind::UpdateCounters: {
        ThreadRow row;
        row.ts = item.ts;
        row.thread = m_thread;
        if (!std::isnan(item.a)) {
            row.kind = ThreadRow::Kind::DomNodes;
            row.value = item.a;
            m_sink->row(row);
        }
        if (!std::isnan(item.b)) {
            row.kind = ThreadRow::Kind::JsHeap;
            row.value = item.b;
            m_sink->row(row);
        }
        break;
    }
    case EventKind::BeginFrame:
    case EventKind::DrawFrame:
    case EventKind::DroppedFrame:
        frameEvent(item);
        break;
    default:
        break;
    }
}

// A frame runs from the BeginFrame (vsync) that started it to the DrawFrame
// that presented it. With frameSeqId (Chrome 80+) the draw names its
// BeginFrame, and frames dropped just before it (DroppedFrame with the
// preceding ids) extend it back to their BeginFrame: the screen showed the
// old content all that time. Without ids, a draw ends the frame of the latest
// BeginFrame before it.
void ThreadTimeline::frameEvent(const Item &item)
{
    // Chrome counts frames up from 0: a negative number (or NaN) means no id,
    // and one beyond 2^53 cannot be an id a double holds exactly.
    const bool hasSeq = item.a >= 0 && item.a <= 9007199254740992.0;
    const std::int64_t seq = hasSeq ? std::int64_t(item.a) : -1;
    switch (item.kind) {
    case EventKind::BeginFrame:
        if (!hasSeq) {
            m_lastBegin = item.ts;
            break;
        }
        m_beginBySeq[seq] = item.ts;
        if (m_beginBySeq.size() > kMaxFrameIds) m_beginBySeq.erase(m_beginBySeq.begin());
        break;
    case EventKind::DroppedFrame:
        if (!hasSeq) break;
        m_dropped.insert(seq);
        if (m_dropped.size() > kMaxFrameIds) m_dropped.erase(m_dropped.begin());
        break;
    case EventKind::DrawFrame: {
        ThreadRow row;
        row.kind = ThreadRow::Kind::Frame;
        row.thread = m_thread;
        if (!hasSeq) {
            if (!m_lastBegin) break;
            row.ts = *m_lastBegin;
            row.value = -1;
            m_lastBegin.reset();
        } else {
            auto it = m_beginBySeq.find(seq);
            if (it == m_beginBySeq.end()) break; // began before the recording
            row.ts = it->second;
            row.value = double(seq);
            for (std::int64_t earlier = seq - 1; m_dropped.count(earlier); --earlier) {
                auto begun = m_beginBySeq.find(earlier);
                if (begun == m_beginBySeq.end()) break;
                row.ts = begun->second;
                ++row.extra;
            }
            m_beginBySeq.erase(m_beginBySeq.begin(), m_beginBySeq.upper_bound(seq));
            m_dropped.erase(m_dropped.begin(), m_dropped.upper_bound(seq));
        }
        row.dur = std::max<std::int64_t>(0, item.ts - row.ts);
        m_sink->row(row);
        break;
    }
    default:
        break;
    }
}

void ThreadTimeline::count(std::int64_t ts, Count which)
{
    ++m_perSecond[floorSecond(ts)][which];
}

} // namespace perfcase
