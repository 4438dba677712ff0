#pragma once

#include <stdexcept>
#include <string>

namespace perfcase {

// An SQLite failure with the context of what we were doing, so a message
// reaching the user says more than "SQL logic error".
class SqlError : public std::runtime_error
{
public:
    SqlError(int code, const std::string &what) : std::runtime_error(what), m_code(code) {}
    int code() const { return m_code; }
    // The primary result code (SQLITE_BUSY, SQLITE_CORRUPT, ...).
    int primaryCode() const { return m_code & 0xff; }

private:
    int m_code;
};

} // namespace perfcase
