#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace perfcase {

struct ImportContext;

// When a snapshot (kubectl get/describe output, an events table with
// relative ages) was taken. DESIGN.md, Clocks: --at, else a
// YYYYMMDDTHHMMSSZ or RFC 3339 stamp in the file name, else the file's
// modification time.
struct CaptureTime
{
    std::int64_t ns = 0;
    std::string source; // at | filename | mtime (sources.time_source)

    // Resolves the capture time for context's file and records its origin
    // in context.timeSource.
    static CaptureTime resolve(ImportContext &context);
    // The stamp in a file name, if any ("events-20261120T101500Z.txt",
    // "hpa_2026-11-20T10:15:00Z.json").
    static std::optional<std::int64_t> fromFileName(std::string_view name);
};

} // namespace perfcase
