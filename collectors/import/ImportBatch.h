#pragma once

#include "CancelToken.h"
#include "ClockAligner.h"
#include "ImportTypes.h"

#include <functional>
#include <string>
#include <vector>

namespace perfcase {

class CaseFile;
class ImporterRegistry;

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
        // Clocks aligned by anchors once the files were in (ClockAligner).
        std::vector<ClockAligner::Proposal> aligned;
    };

    ImportBatch(CaseFile &file, const ImporterRegistry &importers);

    // Progress of the file at hand: its index and path in the batch's order,
    // the file count, and bytes of the file done / total.
    using BatchProgressFn = std::function<void(int index, int count, const std::string &path,
                                               std::uint64_t done, std::uint64_t total)>;

    // onFile is called with each outcome as it is known.
    Summary run(const std::vector<std::string> &paths, const ImportOptions &options,
                const CancelToken &token, const std::function<void(const ImportOutcome &)> &onFile,
                const BatchProgressFn &progress = {});

private:
    CaseFile &m_file;
    const ImporterRegistry &m_importers;
};

} // namespace perfcase
