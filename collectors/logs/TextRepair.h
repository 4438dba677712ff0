#pragma once

#include <string>
#include <string_view>

namespace perfcase::TextRepair {

// True when the bytes hold a NUL or are mostly control characters: a
// binary line, not text.
bool looksBinary(std::string_view text);
// Removes ANSI escape sequences (CSI, OSC and two-byte escapes).
void stripAnsi(std::string_view text, std::string &out);
// Whether the bytes are valid UTF-8 (SIMD-accelerated).
bool isValidUtf8(std::string_view text);
// Replaces each invalid UTF-8 sequence with U+FFFD.
void repairUtf8(std::string_view text, std::string &out);

} // namespace perfcase::TextRepair
