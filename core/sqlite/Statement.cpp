#include "Statement.h"

#include "SqlError.h"

#include <sqlite3.h>

#include <utility>

namespace perfcase {

Statement::Statement(sqlite3 *db, std::string_view sql, std::size_t *tailOffset) : m_db(db)
{
    const char *tail = nullptr;
    int rc = sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        std::string message = sqlite3_errmsg(db);
        throw SqlError(rc, message);
    }
    if (tailOffset)
        *tailOffset = tail ? std::size_t(tail - sql.data()) : sql.size();
    if (!m_stmt)
        throw SqlError(SQLITE_MISUSE, "no SQL statement");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

void Statement::check(int rc, const char *what) const
{
    if (rc != SQLITE_OK)
        throw SqlError(rc, std::string(what) + ": " + sqlite3_errmsg(m_db) + " in \"" +
                               sql().substr(0, 120) + "\"");
}

Statement &Statement::bindInt64(int index, std::int64_t value)
{
    check(sqlite3_bind_int64(m_stmt, index, value), "bind");
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    check(sqlite3_bind_double(m_stmt, index, value), "bind");
    return *this;
}

Statement &Statement::bind(int index, std::string_view text)
{
    check(sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8),
          "bind");
    return *this;
}

Statement &Statement::bindStatic(int index, std::string_view text)
{
    check(sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8),
          "bind");
    return *this;
}

Statement &Statement::bindBlob(int index, const void *data, std::size_t size)
{
    check(sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT), "bind");
    return *this;
}

Statement &Statement::bindNull(int index)
{
    check(sqlite3_bind_null(m_stmt, index), "bind");
    return *this;
}

Statement &Statement::bindValue(int index, const Statement &row, int column)
{
    check(sqlite3_bind_value(m_stmt, index, sqlite3_column_value(row.m_stmt, column)), "bind");
    return *this;
}

bool Statement::step()
{
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    std::string message = sqlite3_errmsg(m_db);
    sqlite3_reset(m_stmt);
    throw SqlError(rc, message + " in \"" + sql().substr(0, 120) + "\"");
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

void Statement::clearBindings()
{
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

std::string Statement::columnName(int column) const
{
    const char *name = sqlite3_column_name(m_stmt, column);
    return name ? name : "";
}

int Statement::columnType(int column) const
{
    return sqlite3_column_type(m_stmt, column);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const
{
    return std::string(textView(column));
}

std::string_view Statement::textView(int column) const
{
    auto data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return {data, std::size_t(sqlite3_column_bytes(m_stmt, column))};
}

std::string_view Statement::blob(int column) const
{
    auto data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    if (!data)
        return {};
    return {data, std::size_t(sqlite3_column_bytes(m_stmt, column))};
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

std::optional<std::string> Statement::optionalText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

bool Statement::isReadOnly() const
{
    return sqlite3_stmt_readonly(m_stmt) != 0;
}

std::string Statement::sql() const
{
    const char *text = m_stmt ? sqlite3_sql(m_stmt) : nullptr;
    return text ? text : "";
}

} // namespace perfcase
