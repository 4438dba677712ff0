#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace perfcase {

// JSON from a case file, an imported file, a playbook or a remote command,
// parsed so that nothing later recurses without bound: nlohmann's parser
// keeps its own stack, but copying, comparing, validating and dump() of a
// value recurse once per level. A document nested deeper than kMaxDepth is
// refused whole (is_discarded()), never cut short, so no caller can mistake
// a part for the whole.
namespace UntrustedJson {

constexpr int kMaxDepth = 64;

// Why a text was refused: the byte offset of the offending token (-1 when
// the problem is the nesting) and a message without nlohmann's prefix.
struct Problem
{
    std::int64_t offset = -1;
    std::string message;
};

// The document, or a discarded value with *problem filled (when given).
nlohmann::json parse(std::string_view text, Problem *problem = nullptr);

} // namespace UntrustedJson
} // namespace perfcase
