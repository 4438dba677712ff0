#pragma once

#include <cstdint>
#include <string>

namespace perfcase {

class Database;

// Live sampling keeps one source per signal that grows while the user
// watches: each sample is imported as a source of its own (through the same
// importer, with the same checks), then folded into the signal's source in
// one transaction — its tracks joined to the tracks of the same kind, name,
// unit and labels, its objects, blobs and errors moved, the sample source
// gone. Instants that repeat exactly (an event seen again unchanged) are
// kept once.
namespace SourceFolder {

void fold(Database &db, std::int64_t sampleSourceId, std::int64_t intoSourceId);

// Names the growing source and says how it was collected.
void describe(Database &db, std::int64_t sourceId, const std::string &name,
              const std::string &origin);

} // namespace SourceFolder

} // namespace perfcase
