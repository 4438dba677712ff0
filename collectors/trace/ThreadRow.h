#pragma once

#include <cstdint>

namespace perfcase {

// What a thread's timeline hands out: one row of a derived track, before we
// know whether the thread is the page's (plain data, so that rows can wait
// in a temporary file).
struct ThreadRow
{
    enum class Kind : std::uint8_t
    {
        Task,     // dur, depth, name, category
        Frame,    // dur; value = frameSeqId (-1 none), extra = frames dropped before it
        DomNodes, // value
        JsHeap,   // value (bytes)
    };
    std::int64_t ts = 0;
    std::int64_t dur = 0;
    double value = 0;
    std::int32_t thread = 0; // TraceThreadTable index
    std::int32_t extra = 0;
    Kind kind = Kind::Task;
    std::uint8_t depth = 0;
    std::uint16_t name = 0; // StringTable index
    std::uint16_t category = 0;
};

} // namespace perfcase
