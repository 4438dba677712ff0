#pragma once

#include "LogKey.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace perfcase {

class Database;

// A record as the explorer shows it.
struct LogRecord
{
    LogRef ref;     // key (corrected ts, id) and track index
    int level = -1; // LogLevel as int; -1: none
    std::string firstLine;
    bool shortened = false; // the message has more than firstLine
    std::optional<std::int64_t> templateId;
};

// Reads the records of a page by id (one rowid lookup each). Only the first
// line is kept, cut at kMaxChars: a message can be 1 MiB.
class LogRecordReader
{
public:
    static constexpr std::size_t kMaxChars = 2000;

    static std::vector<LogRecord> read(Database &db, const std::vector<LogRef> &refs);
    // The whole message of one record (at most maxBytes), for tooltips and copy.
    static std::string message(Database &db, std::int64_t id, std::size_t maxBytes = 1 << 16);
};

} // namespace perfcase
