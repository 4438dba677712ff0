// Fuzz target: Chrome trace event JSON (object and array forms)
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importAs(data, size, "input.json", {"chrome-trace"});
    return 0;
}
