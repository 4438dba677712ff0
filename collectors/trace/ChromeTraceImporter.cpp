#include "ChromeTraceImporter.h"

#include "ChromeTraceReader.h"
#include "import/Sample.h"

namespace perfcase {

namespace {

// `"key"` then optional blanks and a colon, anywhere in text.
bool hasKey(std::string_view text, std::string_view key)
{
    std::size_t at = 0;
    while ((at = text.find(key, at)) != std::string_view::npos) {
        std::size_t i = at + key.size();
        while (i < text.size() &&
               (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            ++i;
        if (i < text.size() && text[i] == ':') return true;
        at += key.size();
    }
    return false;
}

// `"ph"` with a one-letter string value: the mark of a trace event.
bool hasPhase(std::string_view text)
{
    std::size_t at = 0;
    while ((at = text.find("\"ph\"", at)) != std::string_view::npos) {
        std::size_t i = at + 4;
        auto blanks = [&] {
            while (i < text.size() &&
                   (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
                ++i;
        };
        blanks();
        if (i < text.size() && text[i] == ':') {
            ++i;
            blanks();
            if (i + 2 < text.size() && text[i] == '"' && text[i + 2] == '"') return true;
        }
        at += 4;
    }
    return false;
}

} // namespace

int ChromeTraceImporter::sniff(const Sample &sample) const
{
    const std::string_view text = sample.trimmed();
    if (text.empty()) return 0;
    if (text.front() == '{') {
        // The object form: sure when the events array shows; DevTools may
        // write a large "metadata" first, so events alone are enough too.
        const std::size_t events = text.find("\"traceEvents\"");
        if (events != std::string_view::npos && hasKey(text.substr(events), "\"traceEvents\""))
            return 95;
        if (hasPhase(text) && hasKey(text, "\"pid\"")) return 70;
        return 0;
    }
    if (text.front() == '[') {
        // The bare array form: its first elements are events.
        if (hasPhase(text) && (hasKey(text, "\"ts\"") || hasKey(text, "\"pid\""))) return 85;
    }
    return 0;
}

ImporterResult ChromeTraceImporter::run(ImportContext &context) const
{
    ChromeTraceReader reader(context);
    return reader.run();
}

} // namespace perfcase
