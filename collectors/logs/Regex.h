#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct pcre2_real_code_8;
struct pcre2_real_match_data_8;

namespace perfcase {

// A PCRE2 pattern compiled with JIT, matched on UTF-8 bytes as they are (no
// conversion to UTF-16 per line: the import hot path). Named groups are
// looked up once, by index, after compiling.
class Regex
{
public:
    // Throws std::invalid_argument with PCRE2's message and offset.
    explicit Regex(std::string_view pattern);
    ~Regex();
    Regex(Regex &&) noexcept;
    Regex &operator=(Regex &&) noexcept;

    // The group number of a named group, or -1.
    int groupIndex(const char *name) const;

    // Match state for one thread; reuse it for every line.
    class Match
    {
    public:
        explicit Match(const Regex &regex);
        ~Match();
        Match(const Match &) = delete;
        Match &operator=(const Match &) = delete;
        bool run(std::string_view subject);
        // The text of a group in the last match; empty when it did not take part.
        std::string_view group(int index) const;
        bool hasGroup(int index) const;

    private:
        const Regex &m_regex;
        pcre2_real_match_data_8 *m_data = nullptr;
        std::string_view m_subject;
    };

private:
    pcre2_real_code_8 *m_code = nullptr;
};

} // namespace perfcase
