#pragma once

#include "CancelToken.h"
#include "ImportTypes.h"

#include <functional>
#include <string>
#include <vector>

namespace perfcase {

class CaseFile;
class LogFormatRegistry;

// Imports what a user named — files and folders — one file per source, in
// CLI.md's order, and reports each file as it finishes. The command line and
// the window share it, so both follow the same rules.
class ImportBatch
{
public:
    struct Summary
    {
        int imported = 0, duplicates = 0, skipped = 0, failed = 0;
        bool cancelled = false;
        // CLI.md: 0 when every named file and every recognised file in a
        // named folder was imported (or was a duplicate), else 3.
        bool inputError = false;
    };

    ImportBatch(CaseFile &file, const LogFormatRegistry &formats);

    // onFile is called with each outcome; progress with (file index, file
    // count, bytes done, bytes total) for the file at hand.
    Summary run(const std::vector<std::string> &paths, const ImportOptions &options,
                const CancelToken &token,
                const std::function<void(const ImportOutcome &)> &onFile,
                const std::function<void(int, int, std::uint64_t, std::uint64_t)> &progress = {});

private:
    CaseFile &m_file;
    const LogFormatRegistry &m_formats;
};

} // namespace perfcase
