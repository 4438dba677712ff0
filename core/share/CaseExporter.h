#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace perfcase {

// What an export wrote and, for a share, what it redacted.
struct ExportSummary
{
    std::map<std::string, std::int64_t> redacted; // rule -> secrets replaced
    std::int64_t rekeyed = 0;      // markers already in the case, given the export's key
    std::int64_t cellsChanged = 0; // text cells and blobs rewritten
    std::int64_t bytes = 0;        // size of the written file
    std::string mappingPath;       // where marker -> original was kept ("" none)
    // A few redacted texts as they now read, for the sender to review.
    struct Sample
    {
        std::string where; // "logs.message #12"
        std::string text;  // the redacted text (no secret left in it)
    };
    std::vector<Sample> samples;
};

// `perfcase export` and File > Export for Sharing…: a compacted copy of a
// case in one file (VACUUM INTO). With share, every text the case holds —
// log messages (and their full-text index), slice and instant names and
// arguments, Kubernetes objects (Secret data and container env values
// whole), annotations, notes, overrides, findings, import errors, origins,
// raw collected output in blobs — goes through the Redactor with a fresh
// key; markers already there are re-keyed, so the shared file's hashes
// cannot be matched with the sender's other files. The copy is compacted
// again after redacting, so no replaced text survives in free pages. The
// map from each new marker to its original stays with the sender
// (mappingDir, a file only they can read), never in the export.
class CaseExporter
{
public:
    struct Options
    {
        bool share = false;
        std::string mappingDir; // share: where the marker map is written ("" none)
        // The name the map records as the shared file, when OUT is only a
        // step on the way there (the window's copy for review); "" = OUT.
        std::string sharedAs;
    };

    // This user's folder for the marker maps (QStandardPaths' app data,
    // "shares").
    static std::string defaultMappingDir();

    // Thrown when cancelled() said so: nothing was written.
    struct Cancelled
    {
    };

    // Writes OUT only when complete (beside it, then renamed); the case is
    // never written. Throws CaseFileError for the case, std::runtime_error
    // for OUT (the case itself, cannot write), Cancelled. cancelled is asked
    // every few thousand rows.
    static ExportSummary run(const std::string &casePath, const std::string &outPath,
                             const Options &options, const std::function<bool()> &cancelled = {});
};

} // namespace perfcase
