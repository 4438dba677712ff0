#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace perfcase {

// What the user asked for (CLI.md: --format, --name, --tz, --year, --at).
struct ImportOptions
{
    std::string format; // empty: detect
    std::string name;   // empty: derived from the path
    std::string tz = "UTC";
    std::optional<int> year;
    std::optional<std::int64_t> at;
    // Collected output (a command's stdout saved to a file): the source's
    // origin is the command and target, and collected sources never
    // deduplicate on content (DESIGN.md), so each collection has its own key.
    std::string origin;
    std::string collectionKey;
    // Kept with the source in `blobs` (name, compression, sha256, data).
    struct Blob
    {
        std::string name, compression, sha256, data;
    };
    std::vector<Blob> blobs;
};

// A message for the user about one file, printed as
// "perfcase: warning: PATH[:LINE|@BYTE]: message".
struct ImportNotice
{
    std::int64_t line = 0;  // 0: none
    std::int64_t byte = -1; // -1: none
    std::string message;
};

// How one file went; the fields of one `import --json` line.
struct ImportOutcome
{
    enum class Status
    {
        Imported,
        Duplicate,
        Skipped,
        Failed,
        Cancelled
    };
    Status status = Status::Failed;
    std::string path;
    std::int64_t sourceId = 0;
    std::string kind = "log";
    std::string format;
    std::string compression = "none";
    bool partial = false;
    std::int64_t records = 0, rejected = 0, ignored = 0, bytes = 0;
    std::optional<std::int64_t> firstTs, lastTs;
    double rowsSeconds = 0, seconds = 0;
    std::string error; // with errorLine/errorByte when known
    std::int64_t errorLine = 0, errorByte = -1;
    std::vector<ImportNotice> warnings;
};

std::string statusName(ImportOutcome::Status status);

// Progress of one file: bytes of the file on disk done, and its size.
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

} // namespace perfcase
