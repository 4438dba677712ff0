// Fuzz target: kubectl text output: top pods/nodes, the events table and
// describe hpa, whichever sniffs the input best
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importAs(
        data, size, "input.txt",
        {"kubectl-top-pods", "kubectl-top-nodes", "k8s-events-table", "k8s-hpa-describe"});
    return 0;
}
