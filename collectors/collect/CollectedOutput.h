#pragma once

#include "import/CancelToken.h"
#include "import/ImportTypes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace perfcase {

class CaseFile;
class ImporterRegistry;

// One command's output on its way into a case: what ran, where, when, and
// what it printed. Imported through the same importers as a file, with the
// command and target as the source's origin and the raw output kept in
// `blobs`, so a report can cite exactly what was seen.
struct CollectedOutput
{
    std::string command;          // as the user would type it (quoted)
    std::string target;           // "local", "ssh://ops@bastion:22"
    std::string transport;        // "local", "libssh2", "openssh"
    std::int64_t collectedAt = 0; // ns since the epoch, when the command ended
    std::string stdoutBytes;
    std::string stderrBytes;
    // Other raw text to keep with it (kubectl version --client -o json).
    std::vector<std::pair<std::string, std::string>> attachments;

    std::string origin() const { return target + ": " + command; }

    // Imports stdoutBytes as format (an importer id) into file, as a new
    // source called name. Snapshots take collectedAt as their time.
    ImportOutcome importInto(CaseFile &file, const ImporterRegistry &importers,
                             const std::string &format, const std::string &name,
                             const CancelToken &token) const;
};

} // namespace perfcase
