#pragma once

#include <optional>
#include <string_view>

namespace perfcase::KubeQuantity {

// A Kubernetes resource quantity ("250m", "1.5", "512Mi", "1e3", "2G") in
// its base unit (cores, bytes): a decimal or exponent number, then an
// optional binary (Ki..Ei) or decimal (n u m k M G T P E) suffix. nullopt
// for anything else, and for values that are not finite or beyond 1e30 so
// that callers never convert an absurd claim to an integer.
std::optional<double> parse(std::string_view text);

// The same quantity in millicores (cpu): "250m" -> 250, "2" -> 2000.
std::optional<double> millicores(std::string_view text);

} // namespace perfcase::KubeQuantity
