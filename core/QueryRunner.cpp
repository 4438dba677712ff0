#include "QueryRunner.h"

#include "CaseFile.h"
#include "sqlite/SqlError.h"

#include <sqlite3.h>

#include <cctype>
#include <cstring>

namespace perfcase {

namespace {

bool isPublicView(const char *name)
{
    return name && std::strncmp(name, "v_", 2) == 0;
}

int authorize(void *denied, int action, const char *arg1, const char *, const char *,
              const char *view)
{
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_READ:
        // arg1 is the table; `view` names the innermost view doing the read.
        if (isPublicView(arg1) || isPublicView(view))
            return SQLITE_OK;
        break;
    default:
        break;
    }
    *static_cast<bool *>(denied) = true;
    return SQLITE_DENY;
}

bool onlyWhitespaceOrComments(std::string_view rest)
{
    std::size_t i = 0;
    while (i < rest.size()) {
        if (std::isspace(static_cast<unsigned char>(rest[i])) || rest[i] == ';') {
            ++i;
        } else if (rest.substr(i, 2) == "--") {
            while (i < rest.size() && rest[i] != '\n')
                ++i;
        } else if (rest.substr(i, 2) == "/*") {
            auto end = rest.find("*/", i + 2);
            i = end == std::string_view::npos ? rest.size() : end + 2;
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

QueryRunner::QueryRunner(const std::string &casePath)
    : m_file(CaseFile::open(casePath, CaseFile::Access::ReadOnly))
{
    m_file->db().exec("PRAGMA query_only=1");
}

QueryRunner::~QueryRunner() = default;

Statement QueryRunner::prepare(const std::string &sql)
{
    sqlite3 *db = m_file->db().handle();
    // Authorization happens while a statement compiles. The authorizer is
    // removed before stepping so that FTS5's own internal statements (which
    // read its shadow tables) are not refused.
    bool denied = false;
    sqlite3_set_authorizer(db, authorize, &denied);
    std::size_t tail = 0;
    try {
        Statement statement(db, sql, &tail);
        sqlite3_set_authorizer(db, nullptr, nullptr);
        if (!onlyWhitespaceOrComments(std::string_view(sql).substr(tail)))
            throw QueryError("only one statement per query");
        if (!statement.isReadOnly())
            throw QueryError("the query would write; queries are read-only");
        return statement;
    } catch (const SqlError &error) {
        sqlite3_set_authorizer(db, nullptr, nullptr);
        std::string message = error.what();
        if (denied)
            message += " (queries are read-only and may read only the public v_* views)";
        throw QueryError(message);
    }
}

} // namespace perfcase
