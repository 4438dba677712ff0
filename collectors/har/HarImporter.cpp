#include "HarImporter.h"

#include "BomSkippingStream.h"
#include "HarEntryWriter.h"
#include "Redactor.h"
#include "SourceWriter.h"
#include "UntrustedJson.h"
#include "import/Sample.h"
#include "logs/ZoneResolver.h"

#include "json/JsonStreamer.h"
#include <nlohmann/json.hpp>
#include <vector>

namespace perfcase {

namespace {

std::string_view skipSpace(std::string_view text, std::size_t pos)
{
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
        ++pos;
    return text.substr(std::min(pos, text.size()));
}

bool namedHar(std::string name)
{
    for (char &c : name) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    for (const char *suffix : {".har", ".har.gz", ".har.bz2"}) {
        const std::string_view end(suffix);
        if (name.size() >= end.size() &&
            name.compare(name.size() - end.size(), end.size(), end) == 0)
            return true;
    }
    return false;
}

std::string caseUuid(Database &db)
{
    Statement select = db.prepare("SELECT value FROM meta WHERE key = 'case_uuid'");
    return select.step() ? select.text(0) : std::string();
}

// Why a document with no entries is not a HAR, when it is small enough to
// look at whole (the first 64 KiB): a JSON syntax error with its offset, or
// the part of the HAR shape that is missing.
ImportNotice diagnose(const std::string &path, std::int64_t bom)
{
    Sample sample;
    try {
        sample = Sample::read(path);
    } catch (const std::exception &) {
        return {0, -1, "no entries found in log.entries"};
    }
    if (!sample.complete) return {0, -1, "no entries found in log.entries"};
    UntrustedJson::Problem problem;
    const nlohmann::json doc = UntrustedJson::parse(sample.bytes, &problem);
    if (doc.is_discarded())
        return {0, std::max<std::int64_t>(problem.offset, 0) + bom, "not JSON: " + problem.message};
    if (!doc.is_object() || !doc.contains("log") || !doc["log"].is_object())
        return {0, 0, "not a HAR: no \"log\" object at the top level"};
    if (!doc["log"].contains("entries") || !doc["log"]["entries"].is_array())
        return {0, 0, "not a HAR: \"log\" has no \"entries\" array"};
    return {0, 0, "the HAR has no entries"};
}

} // namespace

int HarImporter::sniff(const Sample &sample) const
{
    const std::string_view text = sample.trimmed();
    if (text.empty() || (text.front() != '{' && text.front() != '[')) return 0;
    if (text.front() == '{') {
        // A HAR's top level holds "log" only, and log is an object.
        std::string_view rest = skipSpace(text, 1);
        if (rest.substr(0, 5) == "\"log\"") {
            rest = skipSpace(rest, 5);
            if (!rest.empty() && rest.front() == ':') {
                rest = skipSpace(rest, 1);
                if (!rest.empty() && rest.front() == '{') {
                    const bool shaped = text.find("\"entries\"") != std::string_view::npos ||
                                        text.find("\"creator\"") != std::string_view::npos;
                    return shaped ? 95 : 70;
                }
            }
        }
    }
    return namedHar(sample.name) ? 60 : 0;
}

ImporterResult HarImporter::run(ImportContext &context) const
{
    // Every stored string passes the redactor, keyed per case in this user's
    // settings (never in the case file), so equal secrets match across imports.
    const Redactor redactor(Redactor::keyForCase(caseUuid(context.writer.database())));
    ZoneResolver zone(context.options.tz, context.defaultYear);
    BomSkippingStream input(context.input);
    HarEntryWriter entries(context.writer, redactor, zone);

    JsonStreamer::Options options;
    options.arrayPaths = {"log.entries"};
    options.maxElementBytes = kMaxEntryBytes;
    JsonStreamer streamer(options);
    JsonStreamer::Callbacks callbacks;
    callbacks.element = [&](std::string_view, std::string_view json, std::int64_t offset) {
        entries.add(json, offset + input.skipped());
    };
    callbacks.skipped = [&](std::string_view, std::int64_t offset) {
        entries.rejectOversized(offset + input.skipped(), kMaxEntryBytes);
    };
    const JsonStreamer::Result streamed =
        streamer.run(input, callbacks, context.token, context.progress);

    // Whatever follows the document still belongs to the file's hash.
    std::vector<char> rest(1 << 20);
    while (input.read(rest.data(), rest.size()) > 0) {
        if (context.token.isCancelled()) throw Cancelled{};
    }

    ImporterResult result = entries.finish();
    const std::int64_t bom = input.skipped();
    // The document stopped early: what came before stays (DESIGN.md,
    // Pipeline: truncation is not failure), marked partial.
    auto problem = [&](std::int64_t offset, const char *kind, const std::string &why,
                       const std::string &kept) {
        if (result.records == 0) {
            if (result.rejected == 0) result.firstRejection = {0, offset, why};
            return;
        }
        result.partial = true;
        context.writer.addError(0, offset, kind, why, {});
        result.warnings.push_back({0, offset, why + "; " + kept});
    };
    if (!streamed.error.empty()) {
        problem(streamed.errorOffset + bom, "error", streamed.error,
                "imported the " + std::to_string(result.records) + " entries before it");
    } else if (streamed.truncated && !context.input.truncated()) {
        // (A cut compressed stream is reported by the caller already.)
        problem(streamed.bytes + bom, "warning", "the HAR ends early (truncated JSON)",
                "imported the " + std::to_string(result.records) +
                    " complete entries before the cut");
    } else if (streamed.truncated) {
        result.partial = result.records > 0;
    }
    if (result.records == 0 && result.rejected == 0 && result.firstRejection.message.empty())
        result.firstRejection = diagnose(context.path, bom);
    return result;
}

} // namespace perfcase
