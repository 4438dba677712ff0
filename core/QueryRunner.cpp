#include "QueryRunner.h"

#include "CaseFile.h"
#include "sqlite/SqlError.h"

#include <sqlite3.h>

#include <cctype>
#include <cstring>
#include <regex>

namespace perfcase {

namespace {

struct AuthorizerState
{
    const std::set<std::string> &views;
    bool denied = false;
};

int authorize(void *state, int action, const char *arg1, const char *arg2, const char *,
              const char *view)
{
    auto &auth = *static_cast<AuthorizerState *>(state);
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_READ:
        // arg1 is the table, arg2 the column; `view` names the innermost view
        // (or CTE: hence the CTE-name check in prepare()) doing the read. An
        // empty column is count(*) over a flattened view: it reads no values.
        if ((arg1 && auth.views.count(arg1)) || (view && auth.views.count(view)) ||
            (arg2 && !*arg2))
            return SQLITE_OK;
        break;
    default:
        break;
    }
    auth.denied = true;
    return SQLITE_DENY;
}

// True when the SQL defines a CTE named like a public view: SQLite reports a
// CTE's reads under its name, as it does a view's, so such a CTE could read
// base tables "as" v_logs.
bool definesViewNamedCte(std::string_view sql)
{
    static const std::regex cte(R"((^|[\s,(])["`\[]?v_\w*["`\]]?\s*(\([^)]*\))?\s*AS\s*(NOT\s+)?(MATERIALIZED\s*)?\()",
                                std::regex::icase | std::regex::optimize);
    // Literals and comments cannot define anything: blank them first.
    std::string code(sql);
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code[i] == '\'' ) {
            std::size_t end = code.find('\'', i + 1);
            end = end == std::string::npos ? code.size() : end;
            std::fill(code.begin() + long(i), code.begin() + long(end), ' ');
            i = end;
        } else if (code.compare(i, 2, "--") == 0) {
            std::size_t end = code.find('\n', i);
            end = end == std::string::npos ? code.size() : end;
            std::fill(code.begin() + long(i), code.begin() + long(end), ' ');
            i = end;
        }
    }
    return std::regex_search(code, cte);
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
    Statement views =
        m_file->db().prepare("SELECT name FROM temp.sqlite_schema WHERE type = 'view'");
    while (views.step())
        m_views.insert(views.text(0));
}

QueryRunner::~QueryRunner() = default;

Statement QueryRunner::prepare(const std::string &sql)
{
    sqlite3 *db = m_file->db().handle();
    // Authorization happens while a statement compiles. The authorizer is
    // removed before stepping so that FTS5's own internal statements (which
    // read its shadow tables) are not refused.
    if (definesViewNamedCte(sql))
        throw QueryError("a WITH clause may not name a table v_...: those names are the public views");
    AuthorizerState state{m_views};
    sqlite3_set_authorizer(db, authorize, &state);
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
        if (state.denied)
            message += " (queries are read-only and may read only the public v_* views)";
        throw QueryError(message);
    }
}

} // namespace perfcase
