#pragma once

#include "LogLevel.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

class SourceWriter;

// Rows an importer has parsed but not yet written: the hand-over between a
// parsing thread and the thread that owns the SQLite connection (see
// RowPipeline). Texts live in one arena, so a batch is two allocations.
class RowBatch
{
public:
    // Tracks are named by role; the writing side creates them when first used.
    enum class Track : std::uint8_t
    {
        Main,
        Durations,
        Requests
    };

    // templateKey: the parser's template number for the message (see
    // SourceWriter::addLog), -1 for none.
    void log(std::int64_t ts, std::optional<LogLevel> level, std::string_view message,
             std::int64_t line, int templateKey = -1);
    void slice(Track track, std::int64_t ts, std::int64_t dur, std::string_view name,
               std::string_view category, std::string_view argsJson);
    void problem(bool error, std::int64_t line, std::int64_t byte, std::string_view message,
                 std::string_view excerpt);

    std::size_t size() const { return m_rows.size(); }
    bool empty() const { return m_rows.empty(); }
    // Writes the rows in order; trackId gives the id of a role's track.
    void applyTo(SourceWriter &writer, const std::function<std::int64_t(Track)> &trackId) const;

private:
    struct Text
    {
        std::uint32_t offset = 0, length = 0;
    };
    enum class Kind : std::uint8_t
    {
        Log,
        Slice,
        Error,
        Warning
    };
    struct Row
    {
        explicit Row(Kind rowKind) : kind(rowKind) {}
        Kind kind;
        Track track = Track::Main;
        std::int8_t level = -1;
        std::int32_t templateKey = -1;
        std::int64_t ts = 0, dur = 0, line = 0, byte = -1;
        Text text, name, category, args;
    };
    Text store(std::string_view text);
    std::string_view view(Text text) const { return {m_arena.data() + text.offset, text.length}; }

    std::vector<Row> m_rows;
    std::string m_arena;
};

} // namespace perfcase
