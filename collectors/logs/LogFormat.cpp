#include "LogFormat.h"

#include "TimeUtil.h"
#include "ZoneResolver.h"

#include <stdexcept>

namespace perfcase {

void LogFormat::checkSamples() const
{
    auto parser = makeParser();
    for (const FormatSample &sample : m_samples) {
        auto fail = [&](const std::string &why) {
            throw std::runtime_error("format " + m_id + ": sample \"" + sample.line.substr(0, 80) +
                                     "\": " + why);
        };
        LineResult result;
        parser->parse(sample.line, result);
        if (!result.starts)
            fail("does not match");
        if (sample.ts) {
            if (result.timeless)
                fail("has no time");
            ZoneResolver resolver("UTC", 2000);
            auto utc = resolver.toUtc(result.time);
            if (!utc || formatRfc3339(*utc) != *sample.ts)
                fail("time " + (utc ? formatRfc3339(*utc) : std::string("none")) + " != " +
                     *sample.ts);
        } else if (!result.timeless) {
            fail("expected a timeless record start");
        }
        std::string level = result.level ? std::string(levelName(*result.level)) : "";
        if (sample.level && level != *sample.level)
            fail("level \"" + level + "\" != \"" + *sample.level + "\"");
    }
}

} // namespace perfcase
