#include "DbImportLog.h"

#include "SourceWriter.h"
#include "Utf8.h"
#include "logs/TextRepair.h"

namespace perfcase {

DbImportLog::DbImportLog(SourceWriter &writer, ImporterResult &result)
    : m_writer(writer), m_result(result)
{}

void DbImportLog::reject(std::int64_t line, std::int64_t byte, const std::string &why,
                         std::string_view excerpt)
{
    if (m_result.rejected == 0) m_result.firstRejection = {line, byte, why};
    ++m_result.rejected;
    excerpt = utf8Prefix(excerpt, 200);
    m_writer.addError(line, byte, "error", why,
                      TextRepair::isValidUtf8(excerpt) ? excerpt : std::string_view("(not UTF-8)"));
}

void DbImportLog::warn(std::int64_t line, std::int64_t byte, const std::string &message)
{
    m_result.warnings.push_back({line, byte, message});
    m_writer.addError(line, byte, "warning", message, {});
}

void DbImportLog::warnOnce(const std::string &key, std::int64_t line, std::int64_t byte,
                           const std::string &message)
{
    if (!m_warned.insert(key).second) return;
    warn(line, byte, message);
}

void DbImportLog::cut(std::int64_t line, std::int64_t byte, const std::string &message)
{
    m_result.partial = true;
    warn(line, byte, message);
}

} // namespace perfcase
