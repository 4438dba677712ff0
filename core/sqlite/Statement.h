#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

struct sqlite3;
struct sqlite3_stmt;

namespace perfcase {

// A prepared statement. Binding is 1-based like SQLite; columns are 0-based.
// Text bound as std::string_view is copied unless bindStatic() is used, in
// which case the caller keeps the bytes alive until the next step()/reset().
class Statement
{
public:
    // With tailOffset, the offset of the first byte after the statement is
    // stored there instead of ignoring what follows it.
    Statement(sqlite3 *db, std::string_view sql, std::size_t *tailOffset = nullptr);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Any integer type (int, qint64, std::int64_t ...) binds as a 64-bit integer.
    // (enable_if rather than a concept: Qt 6.4's moc cannot parse <concepts>.)
    template<typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
    Statement &bind(int index, T value)
    {
        return bindInt64(index, std::int64_t(value));
    }
    Statement &bindInt64(int index, std::int64_t value);
    Statement &bind(int index, double value);
    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const std::string &text) { return bind(index, std::string_view(text)); }
    Statement &bindStatic(int index, std::string_view text);
    Statement &bindBlob(int index, const void *data, std::size_t size);
    Statement &bindNull(int index);
    // Binds a column of another statement's current row as it is (any type,
    // also across connections).
    Statement &bindValue(int index, const Statement &row, int column);
    template<typename T> Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Returns true while a row is available.
    bool step();
    // Runs to completion, for statements that return no rows.
    void run();
    void reset();
    void clearBindings();

    int columnCount() const;
    std::string columnName(int column) const;
    int columnType(int column) const;
    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::string_view textView(int column) const;
    std::string_view blob(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;
    std::optional<std::string> optionalText(int column) const;

    // Whether the statement only reads (sqlite3_stmt_readonly).
    bool isReadOnly() const;
    sqlite3_stmt *handle() const { return m_stmt; }
    std::string sql() const;

private:
    void check(int rc, const char *what) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace perfcase
