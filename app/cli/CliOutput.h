#pragma once

#include "CaseFileError.h"
#include "import/ImportTypes.h"
#include "sqlite/SqlError.h"

#include <nlohmann/json.hpp>
#include <string>

namespace perfcase {

// The one-line messages of CLI.md on stderr:
// "perfcase: error: PATH[:LINE|@BYTE]: message".
namespace CliOutput {
void error(const std::string &message);
void error(const std::string &path, std::int64_t line, std::int64_t byte,
           const std::string &message);
void warning(const std::string &message);
void warning(const std::string &path, std::int64_t line, std::int64_t byte,
             const std::string &message);
void skipped(const std::string &path, const std::string &message);
// A problem of the case itself, said as every command says it; returns the
// exit code (4). A SqlError reads "cannot read/write the case: ...".
enum class CaseUse
{
    Reading,
    Writing
};
int caseError(const std::string &path, const CaseFileError &error);
int caseError(const std::string &path, const SqlError &error, CaseUse use);
// One line of `import --json`.
nlohmann::json outcomeJson(const ImportOutcome &outcome);
// What collectors add to that line (CLI.md): command, target, collected_at
// (0: not collected, null times).
void addCollected(nlohmann::json &line, const std::string &command, const std::string &target,
                  std::int64_t collectedAt);
void printLine(const std::string &text);
} // namespace CliOutput

} // namespace perfcase
