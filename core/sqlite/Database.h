#pragma once

#include "Statement.h"

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;

namespace perfcase {

// An open SQLite connection (RAII). Opening never creates a file unless
// asked to, so a typo in a path cannot leave an empty database behind.
class Database
{
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly, Immutable, Memory };
    // The largest string or blob a hardened connection reads or writes.
    static constexpr int kMaxValueBytes = 256 << 20;

    Database(const std::string &path, Mode mode);
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
    std::int64_t lastInsertRowId() const;
    int changes() const;
    // The value of a single-value query, e.g. "PRAGMA user_version".
    std::int64_t scalarInt(std::string_view sql);

    // Applies the defenses every connection to an untrusted file needs
    // (DESIGN.md: defensive mode, no stored views or triggers, no untrusted
    // schema functions, no extensions, cell size checks, values capped).
    void harden();
    void setBusyTimeout(int milliseconds);

    bool isReadOnly() const;
    const std::string &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
    std::string m_path;
};

} // namespace perfcase
