#include "TextLogImporter.h"

#include "LogImporter.h"
#include "SourceWriter.h"
#include "ZoneResolver.h"
#include "import/Sample.h"
#include "io/InputStream.h"
#include "io/LineReader.h"

#include <cmath>
#include <stdexcept>

namespace perfcase {

int TextLogImporter::sniff(const Sample &sample) const
{
    auto parser = m_format.makeParser();
    LineResult result;
    int considered = 0, timed = 0;
    for (std::string_view line : sample.lines) {
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        ++considered;
        parser->parse(line, result);
        timed += result.starts && !result.timeless;
    }
    return considered == 0 || timed == 0 ? 0
                                         : std::max(1, int(std::lround(50.0 * timed / considered)));
}

ImporterResult TextLogImporter::run(ImportContext &context) const
{
    ZoneResolver zone(context.options.tz, context.defaultYear);
    if (!m_format.hasYear() && !context.options.year)
        context.timeSource = "mtime"; // the year comes from the file's date
    LineReader reader(context.input);
    auto parser = m_format.makeParser();
    std::int64_t track = context.writer.addTrack("log", context.name);
    LogImporter importer(*parser, zone, context.writer, track, m_format);
    importer.setTimelessBase(context.options.at);
    LogImporter::Result lines =
        importer.run(reader, context.input, context.token, context.progress);

    ImporterResult result;
    result.records = lines.records;
    result.rejected = lines.rejected;
    result.warnings = std::move(lines.warnings);
    result.firstRejection = lines.firstRejection;
    return result;
}

} // namespace perfcase
