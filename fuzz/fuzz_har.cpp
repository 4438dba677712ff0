// Fuzz target: HTTP Archive (HAR) files, WebSocket and Socket.IO frames included
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importAs(data, size, "input.har", {"har"});
    return 0;
}
