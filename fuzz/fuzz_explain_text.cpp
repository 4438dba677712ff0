// Fuzz target: PostgreSQL EXPLAIN (ANALYZE) text plans
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importAs(data, size, "input.txt", {"explain-text"});
    return 0;
}
