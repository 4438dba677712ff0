#include "RowBatch.h"

#include "SourceWriter.h"

namespace perfcase {

RowBatch::Text RowBatch::store(std::string_view text)
{
    Text stored{std::uint32_t(m_arena.size()), std::uint32_t(text.size())};
    m_arena.append(text);
    return stored;
}

void RowBatch::log(std::int64_t ts, std::optional<LogLevel> level, std::string_view message,
                   std::int64_t line, int templateKey)
{
    Row row(Kind::Log);
    row.templateKey = templateKey;
    row.ts = ts;
    row.level = level ? std::int8_t(*level) : std::int8_t(-1);
    row.line = line;
    row.text = store(message);
    m_rows.push_back(row);
}

void RowBatch::slice(Track track, std::int64_t ts, std::int64_t dur, std::string_view name,
                     std::string_view category, std::string_view argsJson)
{
    Row row(Kind::Slice);
    row.track = track;
    row.ts = ts;
    row.dur = dur;
    row.name = store(name);
    row.category = store(category);
    row.args = store(argsJson);
    m_rows.push_back(row);
}

void RowBatch::problem(bool error, std::int64_t line, std::int64_t byte, std::string_view message,
                       std::string_view excerpt)
{
    Row row(error ? Kind::Error : Kind::Warning);
    row.line = line;
    row.byte = byte;
    row.text = store(message);
    row.name = store(excerpt);
    m_rows.push_back(row);
}

void RowBatch::applyTo(SourceWriter &writer,
                       const std::function<std::int64_t(Track)> &trackId) const
{
    std::int64_t mainTrack = 0;
    for (const Row &row : m_rows) {
        switch (row.kind) {
        case Kind::Log:
            if (!mainTrack) mainTrack = trackId(Track::Main);
            writer.addLog(mainTrack, row.ts,
                          row.level < 0 ? std::nullopt : std::optional(LogLevel(row.level)),
                          view(row.text), row.line,
                          row.templateKey < 0 ? std::nullopt : std::optional<int>(row.templateKey));
            break;
        case Kind::Slice:
            writer.addSlice(trackId(row.track), row.ts, row.dur, view(row.name), view(row.category),
                            0, view(row.args));
            break;
        case Kind::Error:
        case Kind::Warning:
            writer.addError(row.line, row.byte, row.kind == Kind::Error ? "error" : "warning",
                            view(row.text), view(row.name));
            break;
        }
    }
}

} // namespace perfcase
