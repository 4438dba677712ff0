// Fuzz target: JSON lines logs (zap, bunyan, pino, ECS, ...)
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importAs(data, size, "input.jsonl", {"jsonl-log"});
    return 0;
}
