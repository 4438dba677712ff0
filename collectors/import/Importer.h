#pragma once

#include "CancelToken.h"
#include "ImportTypes.h"

#include <cstdint>
#include <optional>
#include <string>

namespace perfcase {

class InputStream;
class SourceWriter;
struct Sample;

// Where a source's times come from and how they map to the wall clock
// (DESIGN.md, Clocks). Importers of wall-clock data leave the defaults.
struct SourceClock
{
    std::string domain = "wall"; // wall | monotonic
    std::int64_t offsetNs = 0;   // corrected = raw + offset
    std::string origin = "none"; // none | metadata | anchor | user
    std::optional<std::int64_t> residualNs;
};

// What an importer has to work with for one file.
struct ImportContext
{
    InputStream &input;   // decompressed bytes; every byte read is hashed
    SourceWriter &writer; // the source being written
    const ImportOptions &options;
    const CancelToken &token; // check it at least every MiB; throw Cancelled
    const ProgressFn &progress;
    std::string path; // for messages
    std::string name; // the source's name
    int defaultYear;  // --year, else the file's modification year

    // Set by the importer when it knows better than the defaults.
    SourceClock clock;
    std::string timeSource = "data"; // data | at | filename | mtime
};

// How one file went, as the importer counts it (CLI.md, "records" and
// "rejected" per kind). A result with records == 0 makes the import fail,
// with firstRejection as the reason.
struct ImporterResult
{
    std::int64_t records = 0;
    std::int64_t rejected = 0;
    std::int64_t ignored = 0;
    std::vector<ImportNotice> warnings;
    ImportNotice firstRejection;
    bool partial = false; // input cut short (truncated JSON array, ...)
};

// One input format (Perfetto's ChunkedTraceReader, Wireshark's file type):
// a cheap sniff on the first 64 KiB, then a streaming import.
class Importer
{
public:
    virtual ~Importer() = default;

    // The stable format id of CLI.md ("chrome-trace", "k8s-events-json", ...).
    virtual std::string id() const = 0;
    // The source kind: log, metrics, k8s, trace, har, db.
    virtual std::string kind() const = 0;
    virtual std::string title() const = 0;
    // 0 when the sample is not this format; else a confidence up to 100.
    // Structured formats (JSON shapes, tables with known headers) answer 60+
    // when sure, so they win over text-log heuristics.
    virtual int sniff(const Sample &sample) const = 0;
    // Streams the input into context.writer. Throws Cancelled.
    virtual ImporterResult run(ImportContext &context) const = 0;
    // Options that change the data (go into the deduplication key).
    virtual bool usesYear() const { return false; }
};

} // namespace perfcase
