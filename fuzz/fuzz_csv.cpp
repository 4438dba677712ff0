// Fuzz target: CSV metrics, Grafana CSV exports and pg_stat_statements CSV,
// whichever sniffs the input best
// (docs/fuzzing.md).
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    perfcase::fuzz::importAs(data, size, "input.csv",
                             {"csv", "grafana-csv", "pg-stat-statements-csv"});
    return 0;
}
