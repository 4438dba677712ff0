#pragma once

#include <string>
#include <string_view>

namespace perfcase {

// The unit of a column, guessed from its header when the header says so
// plainly, in the case file's vocabulary (ns, millicores, bytes, count,
// ratio, per_s), with the factor that converts the written values to it:
//   ..._bytes, ..._bytes_total, "(bytes)", " bytes" -> bytes
//   ..._ms, ..._millis, "(ms)"                  -> ns, x 1e6
//   ..._us, ..._micros, "(us)"                  -> ns, x 1e3
//   ..._ns, ..._nanos                           -> ns
//   ..._seconds, ..._secs, "(s)"                -> ns, x 1e9
//   ...%, ..._percent, ..._pct, "(%)"           -> ratio, / 100
//   ..._ratio                                   -> ratio
//   ..._per_second, ..._per_sec, ..._per_s, "/s", ..._rps, ..._qps -> per_s
//   ..._millicores, "(millicores)", "(m)"       -> millicores
//   ..._total, ..._count                        -> count
// Anything else has no unit (NULL) and keeps its values.
struct HeaderUnit
{
    std::string unit; // empty: none
    double scale = 1;
    double divisor = 1; // percentages divide by 100: 45 -> 0.45 exactly rounded

    static HeaderUnit guess(std::string_view header);
    double apply(double value) const;
};

} // namespace perfcase
