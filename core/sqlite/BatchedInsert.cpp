#include "BatchedInsert.h"

#include "Database.h"
#include "SqlError.h"

#include <sqlite3.h>

namespace perfcase {

namespace {
std::string insertPrefix(std::string_view table, const std::vector<std::string> &columns)
{
    std::string sql = "INSERT OR FAIL INTO ";
    sql.append(table).append("(");
    for (std::size_t i = 0; i < columns.size(); ++i)
        sql.append(i ? ", " : "").append(columns[i]);
    return sql + ") VALUES";
}

std::string placeholders(std::size_t columns)
{
    std::string row = "(";
    for (std::size_t i = 0; i < columns; ++i)
        row.append(i ? ", ?" : "?");
    return row + ")";
}

std::string insertSql(const std::string &prefix, const std::string &row, int rows)
{
    std::string sql = prefix;
    for (int i = 0; i < rows; ++i)
        sql.append(i ? ", " : " ").append(row);
    return sql;
}
} // namespace

BatchedInsert::BatchedInsert(Database &db, std::string_view table,
                             const std::vector<std::string> &columns)
    : m_db(db), m_insertPrefix(insertPrefix(table, columns)),
      m_rowPlaceholders(placeholders(columns.size())), m_columns(int(columns.size())),
      m_full(db.prepare(insertSql(m_insertPrefix, m_rowPlaceholders, kRowsPerStatement)))
{
    m_values.reserve(std::size_t(m_columns) * kRowsPerStatement);
}

BatchedInsert &BatchedInsert::value(std::int64_t value)
{
    m_values.push_back({Value::Type::Int, value, 0, 0, 0});
    return *this;
}

BatchedInsert &BatchedInsert::value(double value)
{
    m_values.push_back({Value::Type::Real, 0, value, 0, 0});
    return *this;
}

BatchedInsert &BatchedInsert::text(std::string_view text)
{
    m_values.push_back({Value::Type::Text, 0, 0, m_arena.size(), text.size()});
    m_arena.append(text);
    return *this;
}

BatchedInsert &BatchedInsert::textOrNull(std::string_view text)
{
    return text.empty() ? null() : this->text(text);
}

BatchedInsert &BatchedInsert::null()
{
    m_values.push_back({Value::Type::Null, 0, 0, 0, 0});
    return *this;
}

bool BatchedInsert::endRow()
{
    if (m_values.size() != std::size_t(m_columns) * std::size_t(m_rows + 1))
        throw SqlError(SQLITE_MISUSE, "BatchedInsert: row has the wrong number of values");
    if (++m_rows < kRowsPerStatement) return false;
    flush();
    return true;
}

Statement &BatchedInsert::statementFor(int rows)
{
    if (rows == kRowsPerStatement) return m_full;
    if (!m_partial || m_partialRows != rows) {
        m_partial.emplace(m_db.prepare(insertSql(m_insertPrefix, m_rowPlaceholders, rows)));
        m_partialRows = rows;
    }
    return *m_partial;
}

void BatchedInsert::bindRow(Statement &statement, int firstIndex, const Value *row)
{
    for (int column = 0; column < m_columns; ++column) {
        const Value &v = row[column];
        int index = firstIndex + column;
        switch (v.type) {
        case Value::Type::Null:
            statement.bindNull(index);
            break;
        case Value::Type::Int:
            statement.bindInt64(index, v.integer);
            break;
        case Value::Type::Real:
            statement.bind(index, v.real);
            break;
        case Value::Type::Text:
            statement.bindStatic(index, std::string_view(m_arena).substr(v.offset, v.size));
            break;
        }
    }
}

void BatchedInsert::flush()
{
    if (m_rows == 0) return;
    Statement &statement = statementFor(m_rows);
    for (int row = 0; row < m_rows; ++row)
        bindRow(statement, row * m_columns + 1, &m_values[std::size_t(row * m_columns)]);
    try {
        statement.run();
    } catch (...) {
        m_values.clear();
        m_arena.clear();
        m_rows = 0;
        throw;
    }
    std::int64_t last = m_db.lastInsertRowId();
    m_lastFlush = {last - m_rows + 1, m_rows};
    m_values.clear();
    m_arena.clear();
    m_rows = 0;
}

} // namespace perfcase
