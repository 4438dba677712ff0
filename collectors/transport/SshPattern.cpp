#include "SshPattern.h"

namespace perfcase {

bool sshPatternMatch(std::string_view text, std::string_view pattern)
{
    std::size_t t = 0, p = 0;
    // Where the last `*` was, and the text position it has absorbed up to:
    // on a mismatch it takes one more character (linear backtracking).
    std::size_t star = std::string_view::npos, starText = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++t;
            ++p;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            starText = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++starText;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

} // namespace perfcase
