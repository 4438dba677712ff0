#pragma once

namespace perfcase {

class Database;

// SQL functions that every case connection gets, so playbook checks and
// `perfcase query` stay short and exact.
namespace SqlFunctions {
void registerAll(Database &db);
}

} // namespace perfcase
