#include "FileImporter.h"

#include "CaseFile.h"
#include "SourceWriter.h"
#include "io/InputStream.h"
#include "io/LineReader.h"
#include "io/Sha256.h"
#include "logs/LogFormatRegistry.h"
#include "logs/LogImporter.h"
#include "logs/TextRepair.h"
#include "logs/ZoneResolver.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <deque>
#include <sys/stat.h>

namespace perfcase {

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kSniffLines = 200;

// The first lines of the decompressed file, for format detection.
struct Sniff
{
    std::string bytes;
    std::deque<std::string> cleaned; // lines that needed their ANSI escapes removed
    std::vector<std::string_view> lines;
};

Sniff sniff(const std::string &path)
{
    Sniff result;
    auto input = InputStream::open(path);
    result.bytes.resize(kSniffBytes);
    std::size_t filled = 0;
    while (filled < kSniffBytes) {
        std::size_t n = input->read(result.bytes.data() + filled, kSniffBytes - filled);
        if (n == 0)
            break;
        filled += n;
    }
    result.bytes.resize(filled);
    std::string_view text = result.bytes;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    bool complete = filled < kSniffBytes;
    while (!text.empty() && result.lines.size() < kSniffLines) {
        auto end = text.find('\n');
        // A line cut by the sniff window could mislead detection, unless it
        // is all there is (a giant first line).
        if (end == std::string_view::npos && !complete && !result.lines.empty())
            break;
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.find('\x1b') != std::string_view::npos) {
            result.cleaned.emplace_back();
            TextRepair::stripAnsi(line, result.cleaned.back());
            line = result.cleaned.back();
        }
        result.lines.push_back(line);
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return result;
}

int fileYear(const std::string &path)
{
    struct stat info {};
    std::time_t when = ::stat(path.c_str(), &info) == 0 ? info.st_mtime : std::time(nullptr);
    std::tm utc{};
    gmtime_r(&when, &utc);
    return utc.tm_year + 1900;
}

std::string contentHash(const std::string &path, const CancelToken &token)
{
    auto input = InputStream::open(path);
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    while (std::size_t n = input->read(buffer.data(), buffer.size())) {
        if (token.isCancelled())
            throw Cancelled{};
        hash.update(std::string_view(buffer.data(), n));
    }
    return hash.hex();
}

} // namespace


FileImporter::FileImporter(CaseFile &file, const LogFormatRegistry &formats)
    : m_file(file), m_formats(formats)
{
}

ImportOutcome FileImporter::import(const std::string &path, const std::string &name,
                                   const ImportOptions &options, const CancelToken &token,
                                   const ProgressFn &progress)
{
    ImportOutcome outcome;
    outcome.path = path;
    auto fail = [&](const std::string &why, std::int64_t line = 0, std::int64_t byte = -1) {
        outcome.status = ImportOutcome::Status::Failed;
        outcome.error = why;
        outcome.errorLine = line;
        outcome.errorByte = byte;
        return outcome;
    };

    Sniff sample;
    std::unique_ptr<InputStream> input;
    try {
        sample = sniff(path);
        input = InputStream::open(path);
    } catch (const std::exception &error) {
        return fail(std::string("cannot read: ") + error.what());
    }
    outcome.compression = input->compression();
    outcome.bytes = std::int64_t(input->fileSize());
    if (sample.bytes.empty()) {
        if (!input->error().empty() || input->compression() != "none")
            return fail("not decompressible from byte 0" +
                            (input->error().empty() ? std::string() : ": " + input->error()),
                        0, 0);
        return fail("empty file", 0, 0);
    }

    const LogFormat *format = nullptr;
    if (!options.format.empty()) {
        format = m_formats.find(options.format);
        if (!format)
            return fail("format " + options.format + " cannot be imported yet");
    } else if (auto detected = m_formats.detect(sample.lines)) {
        format = detected->format;
    } else {
        outcome.status = ImportOutcome::Status::Skipped;
        outcome.error = "unrecognized format";
        return outcome;
    }
    outcome.format = format->id();

    const int year = options.year.value_or(fileYear(path));
    nlohmann::json optionsJson = {{"format", format->id()}, {"tz", options.tz}};
    if (!format->hasYear())
        optionsJson["year"] = year;
    if (options.at)
        optionsJson["at"] = *options.at;
    const std::string optionsKey = optionsJson.dump();

    m_file.requireWritable();
    Database &db = m_file.db();
    // Hash ahead only when a source of the same size exists: the common case
    // (new bytes) then reads the file once.
    {
        Statement sameSize = db.prepare("SELECT 1 FROM sources WHERE bytes = ? AND ready = 1 "
                                        "AND options = ? LIMIT 1");
        sameSize.bind(1, outcome.bytes).bind(2, optionsKey);
        if (sameSize.step()) {
            std::string key;
            try {
                key = contentHash(path, token) + "|" + optionsKey;
            } catch (const Cancelled &) {
                outcome.status = ImportOutcome::Status::Cancelled;
                return outcome;
            }
            Statement existing =
                db.prepare("SELECT id FROM sources WHERE dedup_key = ? AND ready = 1 LIMIT 1");
            existing.bind(1, key);
            if (existing.step()) {
                outcome.status = ImportOutcome::Status::Duplicate;
                outcome.sourceId = existing.int64(0);
                Statement counts = db.prepare(
                    "SELECT records, rejected, ignored, state, first_raw_ns + clock_offset_ns, "
                    "last_raw_ns + clock_offset_ns FROM sources WHERE id = ?");
                counts.bind(1, outcome.sourceId);
                if (counts.step()) {
                    outcome.records = counts.int64(0);
                    outcome.rejected = counts.int64(1);
                    outcome.ignored = counts.int64(2);
                    outcome.partial = counts.text(3) == "partial";
                    outcome.firstTs = counts.optionalInt64(4);
                    outcome.lastTs = counts.optionalInt64(5);
                }
                return outcome;
            }
        }
    }

    std::unique_ptr<ZoneResolver> zone;
    try {
        zone = std::make_unique<ZoneResolver>(options.tz, year);
    } catch (const std::invalid_argument &error) {
        return fail(error.what());
    }

    SourceSpec spec;
    spec.kind = "log";
    spec.name = name;
    spec.origin = path;
    spec.format = format->id();
    spec.compression = input->compression();
    spec.tz = options.tz;
    // A year-less format (RFC 3164) dates its records partly from the file.
    spec.timeSource = !format->hasYear() && !options.year ? "mtime" : "data";
    spec.optionsJson = optionsKey;
    spec.bytes = outcome.bytes;
    SourceWriter writer(db, spec);
    outcome.sourceId = writer.sourceId();

    Sha256 hash;
    LineReader reader(*input);
    reader.setObserver([&hash](std::string_view bytes) { hash.update(bytes); });
    auto parser = format->makeParser();
    std::int64_t track = writer.addTrack("log", name);
    LogImporter importer(*parser, *zone, writer, track, format->durationTrack());
    importer.setTimelessBase(options.at);
    LogImporter::Result result;
    try {
        result = importer.run(reader, *input, token, progress);
    } catch (const Cancelled &) {
        writer.abort();
        outcome.status = ImportOutcome::Status::Cancelled;
        outcome.sourceId = 0;
        return outcome;
    }
    outcome.records = result.records;
    outcome.rejected = result.rejected;
    outcome.warnings = std::move(result.warnings);

    if (!input->error().empty()) {
        if (result.records == 0) {
            writer.abort();
            return fail(input->error(), 0, std::int64_t(input->errorOffset()));
        }
        outcome.partial = true;
        writer.addError(0, std::int64_t(input->errorOffset()), "error",
                        "input ends in an error at this offset of the file on disk: " +
                            input->error(),
                        {});
        outcome.warnings.push_back({0, std::int64_t(input->errorOffset()),
                                    "cut short (" + input->error() +
                                        "); imported what came before"});
    } else if (input->truncated()) {
        outcome.partial = true;
        // The offset is where the text stops (decompressed), as for lines.
        writer.addError(0, reader.bytesRead(), "warning",
                        "compressed stream ends early: file truncated", {});
        outcome.warnings.push_back({0, reader.bytesRead(),
                                    "truncated " + input->compression() +
                                        " stream; imported up to the last complete record"});
    }
    if (result.records == 0) {
        writer.abort();
        const ImportNotice &first = result.firstRejection;
        return fail(result.rejected > 0 ? "no record could be read (" +
                                              std::to_string(result.rejected) +
                                              " lines rejected; first: " + first.message + ")"
                                        : "no timestamped record found",
                    first.line, first.byte);
    }

    SourceSummary summary;
    summary.records = result.records;
    summary.rejected = result.rejected;
    summary.warnings = std::int64_t(outcome.warnings.size());
    summary.partial = outcome.partial;
    summary.sha256 = hash.hex();
    summary.dedupKey = summary.sha256 + "|" + optionsKey;
    if (auto duplicate = writer.findDuplicate(summary.dedupKey)) {
        writer.abort();
        outcome.status = ImportOutcome::Status::Duplicate;
        outcome.sourceId = *duplicate;
        return outcome;
    }
    auto timing = writer.finish(summary);
    outcome.status = ImportOutcome::Status::Imported;
    outcome.rowsSeconds = timing.rowsSeconds;
    outcome.seconds = timing.seconds;
    Statement range =
        db.prepare("SELECT first_raw_ns + clock_offset_ns, last_raw_ns + clock_offset_ns "
                   "FROM sources WHERE id = ?");
    range.bind(1, outcome.sourceId);
    if (range.step()) {
        outcome.firstTs = range.optionalInt64(0);
        outcome.lastTs = range.optionalInt64(1);
    }
    return outcome;
}

} // namespace perfcase
