#pragma once

#include <cstdint>

namespace perfcase {

class Database;

// Deletes a source and every row that hangs off it. The caller owns the
// transaction, so a removal is all or nothing.
namespace SourceRemover {
void remove(Database &db, std::int64_t sourceId);
}

} // namespace perfcase
