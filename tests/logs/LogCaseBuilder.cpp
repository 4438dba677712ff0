#include "LogCaseBuilder.h"

#include "CaseFile.h"
#include "LogLevel.h"
#include "SourceWriter.h"

namespace perfcase::test {

void buildCase(const std::string &path, const std::vector<TestSource> &sources)
{
    auto file = CaseFile::create(path, "test", "test");
    for (const TestSource &source : sources) {
        SourceSpec spec;
        spec.kind = "log";
        spec.name = source.name;
        spec.origin = source.name;
        spec.format = "text-log";
        SourceWriter writer(file->db(), spec);
        std::vector<std::int64_t> tracks;
        for (int i = 0; i < source.tracks; ++i)
            tracks.push_back(writer.addTrack("log", source.name + "#" + std::to_string(i), {},
                                             i ? R"({"pod":"api-1","container":"web"})" : "{}"));
        std::int64_t line = 0;
        for (const TestLog &log : source.logs)
            writer.addLog(tracks[std::size_t(log.track)], log.ts,
                          log.level < 0 ? std::nullopt : std::optional(LogLevel(log.level)),
                          log.message, ++line,
                          log.templateKey < 0 ? std::nullopt : std::optional(log.templateKey));
        writer.setLogTemplatePatterns(source.patterns);
        SourceSummary summary;
        summary.records = std::int64_t(source.logs.size());
        summary.sha256 = std::to_string(std::hash<std::string>()(source.name));
        summary.dedupKey = summary.sha256 + "|" + source.name;
        summary.clockOffsetNs = source.clockOffsetNs;
        writer.finish(summary);
    }
}

} // namespace perfcase::test
