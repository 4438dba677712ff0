// Fuzz target: text logs, in the format the log-format detection picks
// (access-combined, syslog, python-logging, ...; the generic text-log else)
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importLog(data, size, "input.log");
    return 0;
}
