// Fuzz target: Prometheus /api/v1/query_range JSON
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importAs(data, size, "input.json", {"prometheus-json"});
    return 0;
}
