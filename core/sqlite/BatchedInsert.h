#pragma once

#include "Statement.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

class Database;

// Inserts rows into one table kRowsPerStatement at a time with a multi-row
// INSERT: per-statement work (cursor open, seek to the end, halt) is most of
// a one-row insert's cost, and sharing it halves a bulk load. Text is copied,
// so callers may pass views of short-lived buffers.
//
// Rows take rowids max(rowid)+1 in order, so the ids of a flushed group are
// consecutive and flush() can report them. OR FAIL instead of the default
// ABORT: a NOT NULL failure then needs no statement journal to undo the rows
// already written by the same statement (the caller's transaction does).
class BatchedInsert
{
public:
    static constexpr int kRowsPerStatement = 32;

    BatchedInsert(Database &db, std::string_view table, const std::vector<std::string> &columns);

    BatchedInsert &value(std::int64_t value);
    BatchedInsert &value(double value);
    BatchedInsert &text(std::string_view text);
    BatchedInsert &textOrNull(std::string_view text);
    BatchedInsert &null();
    BatchedInsert &value(std::optional<std::int64_t> value)
    {
        return value ? this->value(*value) : null();
    }

    // Ends the current row; returns true when it filled a group, which was
    // written (see lastFlush()).
    bool endRow();
    // Writes the rows still pending. Call before reading the table.
    void flush();
    int pendingRows() const { return m_rows; }

    struct Flushed
    {
        std::int64_t firstId = 0;
        int rows = 0;
    };
    // The rowids written by the last flush (by endRow() or flush()).
    Flushed lastFlush() const { return m_lastFlush; }

private:
    struct Value
    {
        enum class Type : std::uint8_t
        {
            Null,
            Int,
            Real,
            Text
        } type;
        std::int64_t integer;
        double real;
        std::size_t offset, size;
    };
    Statement &statementFor(int rows);
    void bindRow(Statement &statement, int firstIndex, const Value *row);

    Database &m_db;
    std::string m_insertPrefix;
    std::string m_rowPlaceholders;
    int m_columns;
    Statement m_full;
    std::optional<Statement> m_partial;
    int m_partialRows = 0;
    std::vector<Value> m_values;
    std::string m_arena;
    int m_rows = 0;
    Flushed m_lastFlush;
};

} // namespace perfcase
