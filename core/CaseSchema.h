#pragma once

#include <cstdint>
#include <string_view>

namespace perfcase {

class Database;

// The case file's schema, version 1 (docs/case-file.md documents it).
namespace CaseSchema {

constexpr std::uint32_t kApplicationId = 0x50465243; // "PFRC"
constexpr int kVersion = 1;

// The stored schema: tables, indexes and the FTS5 table only, never views
// or triggers, because a case file from someone else is untrusted.
std::string_view tablesSql();
// The public v_* views, created as TEMP views on every connection.
std::string_view viewsSql();

// Creates the schema in an empty database and stamps application_id and
// user_version.
void create(Database &db);
void createViews(Database &db);

// Throws CaseFileError unless sqlite_schema matches, entry for entry and
// SQL for SQL, what create() makes.
void verify(Database &db);

} // namespace CaseSchema
} // namespace perfcase
