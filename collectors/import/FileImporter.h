#pragma once

#include "CancelToken.h"
#include "ImportTypes.h"

#include <string>

namespace perfcase {

class CaseFile;
class ImporterRegistry;

// Imports one file into a case as one source: sniffs the format (unless
// given), skips bytes already imported with the same options, streams the
// rows in through the format's importer, and makes the source ready, or
// leaves no trace at all.
class FileImporter
{
public:
    FileImporter(CaseFile &file, const ImporterRegistry &importers);

    // A file whose format is not recognised comes back Skipped (the caller
    // decides whether that is an error); a file with no readable record
    // comes back Failed with the reason. Throws CaseFileError/SqlError for
    // problems of the case itself.
    ImportOutcome import(const std::string &path, const std::string &name,
                         const ImportOptions &options, const CancelToken &token,
                         const ProgressFn &progress = {});

private:
    CaseFile &m_file;
    const ImporterRegistry &m_importers;
};

} // namespace perfcase
