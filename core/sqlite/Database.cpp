#include "Database.h"

#include "SqlError.h"

#include <sqlite3.h>

#include <utility>

namespace perfcase {

namespace {

int openFlags(Database::Mode mode)
{
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
    case Database::Mode::ReadWrite:
        return flags | SQLITE_OPEN_READWRITE;
    case Database::Mode::ReadWriteCreate:
        return flags | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    case Database::Mode::ReadOnly:
        return flags | SQLITE_OPEN_READONLY;
    case Database::Mode::Immutable:
        return flags | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    case Database::Mode::Memory:
        return flags | SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY;
    }
    return flags;
}

// Percent-encodes a path for a file: URI (immutable mode needs the URI form).
std::string fileUri(const std::string &path)
{
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x20)
            uri += "%" + std::string(1, "0123456789ABCDEF"[c >> 4]) + "0123456789ABCDEF"[c & 15];
        else
            uri += char(c);
    }
    return uri + "?immutable=1";
}

} // namespace

Database::Database(const std::string &path, Mode mode) : m_path(path)
{
    std::string target = mode == Mode::Immutable ? fileUri(path)
                         : mode == Mode::Memory  ? std::string(":memory:")
                                                 : path;
    int rc = sqlite3_open_v2(target.c_str(), &m_db, openFlags(mode), nullptr);
    if (rc != SQLITE_OK) {
        std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw SqlError(rc, message);
    }
}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path))
{
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Database::exec(std::string_view sql)
{
    std::string copy(sql);
    char *error = nullptr;
    int rc = sqlite3_exec(m_db, copy.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errmsg(m_db);
        sqlite3_free(error);
        throw SqlError(rc, message + " in \"" + copy.substr(0, 120) + "\"");
    }
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

std::int64_t Database::scalarInt(std::string_view sql)
{
    Statement statement = prepare(sql);
    return statement.step() ? statement.int64(0) : 0;
}

void Database::harden()
{
    struct Flag
    {
        int option;
        int value;
    };
    const Flag flags[] = {
        {SQLITE_DBCONFIG_DEFENSIVE, 1},         {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
        {SQLITE_DBCONFIG_ENABLE_VIEW, 0},       {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0},
        {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0}, {SQLITE_DBCONFIG_DQS_DML, 0},
        {SQLITE_DBCONFIG_DQS_DDL, 0},
    };
    for (const Flag &flag : flags) {
        int rc = sqlite3_db_config(m_db, flag.option, flag.value, nullptr);
        if (rc != SQLITE_OK)
            throw SqlError(rc, "cannot harden the connection: " + std::string(sqlite3_errmsg(m_db)));
    }
    exec("PRAGMA cell_size_check=ON");
    // A hostile file may hold a cell of up to 1 GB that a view would load whole; nothing we
    // write comes near this (log records stop at 1 MiB, collected output is gzipped).
    sqlite3_limit(m_db, SQLITE_LIMIT_LENGTH, kMaxValueBytes);
}

void Database::setBusyTimeout(int milliseconds)
{
    sqlite3_busy_timeout(m_db, milliseconds);
}

bool Database::isReadOnly() const
{
    return sqlite3_db_readonly(m_db, "main") == 1;
}

} // namespace perfcase
