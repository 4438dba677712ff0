// Fuzz target: kubectl -o json of events, pods and HPAs, whichever sniffs the
// input best
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importAs(data, size, "input.json",
                             {"k8s-events-json", "k8s-pods-json", "k8s-hpa-json"});
    return 0;
}
