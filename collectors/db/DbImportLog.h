#pragma once

#include "import/Importer.h"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace perfcase {

class SourceWriter;

// How the database importers report on their input, so that both count the
// same way: a rejected row or line is counted in `rejected` and recorded in
// import_errors with its line and byte offset (and an excerpt); a warning
// (invalid UTF-8 replaced, input cut short) is recorded but rejects nothing.
class DbImportLog
{
public:
    DbImportLog(SourceWriter &writer, ImporterResult &result);

    // line 0 / byte -1 when unknown.
    void reject(std::int64_t line, std::int64_t byte, const std::string &why,
                std::string_view excerpt = {});
    void warn(std::int64_t line, std::int64_t byte, const std::string &message);
    // A warning shown once per file for each key.
    void warnOnce(const std::string &key, std::int64_t line, std::int64_t byte,
                  const std::string &message);
    // The input ends early: the source is partial, and the warning says where.
    void cut(std::int64_t line, std::int64_t byte, const std::string &message);

private:
    SourceWriter &m_writer;
    ImporterResult &m_result;
    std::set<std::string, std::less<>> m_warned;
};

} // namespace perfcase
