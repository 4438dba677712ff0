#include "StringTable.h"

namespace perfcase {

StringTable::StringTable()
{
    m_strings.emplace_back("(other)");
}

std::uint16_t StringTable::intern(std::string_view text)
{
    // Lookups outnumber inserts by far: reuse one key buffer.
    m_key.assign(text);
    auto it = m_index.find(m_key);
    if (it != m_index.end()) return it->second;
    if (m_strings.size() >= kMax) return 0;
    const auto index = std::uint16_t(m_strings.size());
    m_strings.push_back(m_key);
    m_index.emplace(m_key, index);
    return index;
}

} // namespace perfcase
