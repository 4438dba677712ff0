#include "FileImporter.h"

#include "CaseFile.h"
#include "Importer.h"
#include "ImporterRegistry.h"
#include "Sample.h"
#include "SourceWriter.h"
#include "io/HashingStream.h"
#include "io/InputStream.h"
#include "io/Sha256.h"
#include "sqlite/SqlError.h"

#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <vector>

namespace perfcase {

namespace {

int fileYear(const std::string &path)
{
    struct stat info
    {
    };
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
        if (token.isCancelled()) throw Cancelled{};
        hash.update(std::string_view(buffer.data(), n));
    }
    return hash.hex();
}

// Snapshots (kubectl top, an HPA, an events table) take their time from the
// file's name or date when --at is absent: the same bytes saved at another
// time are another sample, not a duplicate.
std::string captureIdentity(const std::string &path, const std::string &timeSource)
{
    if (timeSource == "filename")
        return "|captured:" + std::filesystem::path(path).filename().string();
    if (timeSource == "mtime") {
        struct stat info
        {
        };
        if (::stat(path.c_str(), &info) == 0)
            return "|captured:" + std::to_string(info.st_mtim.tv_sec) + "." +
                   std::to_string(info.st_mtim.tv_nsec);
    }
    return {};
}

// Fills outcome from an existing source (a duplicate of the file at hand).
void describeExisting(Database &db, std::int64_t sourceId, ImportOutcome &outcome)
{
    outcome.status = ImportOutcome::Status::Duplicate;
    outcome.sourceId = sourceId;
    Statement counts = db.prepare("SELECT records, rejected, ignored, state, kind, "
                                  "first_raw_ns + clock_offset_ns, last_raw_ns + clock_offset_ns "
                                  "FROM sources WHERE id = ?");
    counts.bind(1, sourceId);
    if (counts.step()) {
        outcome.records = counts.int64(0);
        outcome.rejected = counts.int64(1);
        outcome.ignored = counts.int64(2);
        outcome.partial = counts.text(3) == "partial";
        outcome.kind = counts.text(4);
        outcome.firstTs = counts.optionalInt64(5);
        outcome.lastTs = counts.optionalInt64(6);
    }
}

} // namespace

FileImporter::FileImporter(CaseFile &file, const ImporterRegistry &importers)
    : m_file(file), m_importers(importers)
{}

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

    Sample sample;
    std::unique_ptr<InputStream> input;
    try {
        sample = Sample::read(path);
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

    // A user's format definition that did not load may be the one this file
    // needed: say so, rather than only that nothing matched.
    const Importer *importer = nullptr;
    if (!options.format.empty()) {
        importer = m_importers.find(options.format);
        if (!importer)
            return fail("format " + options.format + " cannot be imported yet" +
                        m_importers.logFormats().unloadedNote());
    } else if (!(importer = m_importers.detect(sample))) {
        outcome.status = ImportOutcome::Status::Skipped;
        outcome.error = "unrecognized format" + m_importers.logFormats().unloadedNote();
        return outcome;
    }
    outcome.format = importer->id();
    outcome.kind = importer->kind();

    const int year = options.year.value_or(fileYear(path));
    nlohmann::json optionsJson = {{"format", importer->id()}, {"tz", options.tz}};
    if (importer->usesYear()) optionsJson["year"] = year;
    if (options.at) optionsJson["at"] = *options.at;
    const std::string optionsKey = optionsJson.dump();

    m_file.requireWritable();
    Database &db = m_file.db();
    // Hash ahead only when a source of the same size exists: the common case
    // (new bytes) then reads the file once. Collected output is never a
    // duplicate.
    if (options.collectionKey.empty()) {
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
                describeExisting(db, existing.int64(0), outcome);
                return outcome;
            }
        }
    }

    SourceSpec spec;
    spec.kind = importer->kind();
    spec.name = name;
    spec.origin = options.origin.empty() ? path : options.origin;
    spec.format = importer->id();
    spec.compression = input->compression();
    spec.tz = options.tz;
    spec.optionsJson = optionsKey;
    spec.bytes = outcome.bytes;
    SourceWriter writer(db, spec);
    outcome.sourceId = writer.sourceId();

    HashingStream hashed(*input);
    ImportContext context{hashed, writer, options, token, progress, path, name, year, {}, "data"};
    ImporterResult result;
    try {
        result = importer->run(context);
    } catch (const Cancelled &) {
        writer.abort();
        outcome.status = ImportOutcome::Status::Cancelled;
        outcome.sourceId = 0;
        return outcome;
    } catch (const std::invalid_argument &error) {
        // Options the format cannot use (an unknown --tz zone, ...).
        writer.abort();
        return fail(error.what());
    }
    outcome.records = result.records;
    outcome.rejected = result.rejected;
    outcome.ignored = result.ignored;
    outcome.warnings = std::move(result.warnings);
    outcome.partial = result.partial;

    if (!input->error().empty()) {
        if (result.records == 0) {
            writer.abort();
            return fail(input->error(), 0, std::int64_t(input->errorOffset()));
        }
        outcome.partial = true;
        writer.addError(
            0, std::int64_t(input->errorOffset()), "error",
            "input ends in an error at this offset of the file on disk: " + input->error(), {});
        outcome.warnings.push_back(
            {0, std::int64_t(input->errorOffset()),
             "cut short (" + input->error() + "); imported what came before"});
    } else if (input->truncated()) {
        outcome.partial = true;
        // The offset is where the text stops (decompressed), as for lines.
        const auto cut = std::int64_t(hashed.bytesRead());
        writer.addError(0, cut, "warning", "compressed stream ends early: file truncated", {});
        outcome.warnings.push_back({0, cut,
                                    "truncated " + input->compression() +
                                        " stream; imported up to the last complete record"});
    }
    if (result.records == 0) {
        writer.abort();
        const ImportNotice &first = result.firstRejection;
        return fail(result.rejected > 0
                        ? "no record could be read (" + std::to_string(result.rejected) +
                              " rejected; first: " + first.message + ")"
                    : first.message.empty() ? "no record found"
                                            : "no record found: " + first.message,
                    first.line, first.byte);
    }

    SourceSummary summary;
    summary.records = result.records;
    summary.rejected = result.rejected;
    summary.ignored = result.ignored;
    summary.warnings = std::int64_t(outcome.warnings.size());
    summary.partial = outcome.partial;
    summary.sha256 = hashed.hex();
    // (A text log's "mtime" is only its year, which optionsKey holds.)
    summary.dedupKey =
        summary.sha256 + "|" + optionsKey +
        (importer->kind() == "log" ? std::string() : captureIdentity(path, context.timeSource)) +
        (options.collectionKey.empty() ? std::string() : "|collected:" + options.collectionKey);
    summary.timeSource = context.timeSource;
    summary.clockDomain = context.clock.domain;
    summary.clockOffsetNs = context.clock.offsetNs;
    summary.clockOrigin = context.clock.origin;
    summary.clockResidualNs = context.clock.residualNs;
    if (auto duplicate = writer.findDuplicate(summary.dedupKey)) {
        writer.abort();
        describeExisting(db, *duplicate, outcome);
        return outcome;
    }
    for (const auto &blob : options.blobs)
        writer.addBlob(blob.name, blob.compression, blob.sha256, blob.data);
    SourceWriter::Timing timing;
    try {
        timing = writer.finish(summary, [&token] { return token.isCancelled(); });
    } catch (const SqlError &) {
        if (!token.isCancelled()) throw;
        // Interrupted while indexing: nothing of the file stays.
        writer.abort();
        outcome.status = ImportOutcome::Status::Cancelled;
        outcome.sourceId = 0;
        return outcome;
    }
    outcome.status = ImportOutcome::Status::Imported;
    outcome.rowsSeconds = timing.rowsSeconds;
    outcome.seconds = timing.seconds;
    Statement range = db.prepare("SELECT first_ts, last_ts FROM v_sources WHERE id = ? AND "
                                 "(clock_domain = 'wall' OR clock_origin != 'none')");
    range.bind(1, outcome.sourceId);
    if (range.step()) {
        outcome.firstTs = range.optionalInt64(0);
        outcome.lastTs = range.optionalInt64(1);
    }
    return outcome;
}

} // namespace perfcase
