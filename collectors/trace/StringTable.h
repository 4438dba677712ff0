#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace perfcase {

// Interns the few distinct task names and categories of a trace, so that
// rows can carry them as 16-bit indexes.
class StringTable
{
public:
    StringTable();

    // The index of text; past kMax distinct strings, the index of "(other)".
    std::uint16_t intern(std::string_view text);
    const std::string &at(std::uint16_t index) const { return m_strings[index]; }

    static constexpr std::size_t kMax = 4096;

private:
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, std::uint16_t> m_index;
    std::string m_key;
};

} // namespace perfcase
