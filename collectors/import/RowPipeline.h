#pragma once

#include "RowBatch.h"

#include <functional>

namespace perfcase {

// Parses on a second thread while this one writes: the producer fills
// RowBatches and hands each over with emit(); the calling thread (which owns
// the SQLite connection) applies them in order. At most kQueued batches
// wait, so memory stays bounded. An exception on either side stops both and
// is rethrown here (the producer's Cancelled included).
namespace RowPipeline {

constexpr std::size_t kQueued = 4;
constexpr std::size_t kBatchRows = 8192;

using Emit = std::function<void(RowBatch &&)>;
void run(const std::function<void(const Emit &)> &produce,
         const std::function<void(RowBatch &)> &apply);

} // namespace RowPipeline
} // namespace perfcase
