#include "KubeTable.h"

namespace perfcase {

namespace {

bool isContinuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// Byte offsets of runs of two or more spaces: [start, end) of each cell.
std::vector<std::pair<std::size_t, std::size_t>> cellsBySpaces(std::string_view row)
{
    std::vector<std::pair<std::size_t, std::size_t>> cells;
    std::size_t pos = row.find_first_not_of(' ');
    while (pos != std::string_view::npos && pos < row.size()) {
        std::size_t gap = row.find("  ", pos);
        if (gap == std::string_view::npos) {
            cells.emplace_back(pos, row.size());
            break;
        }
        cells.emplace_back(pos, gap);
        pos = row.find_first_not_of(' ', gap);
    }
    return cells;
}

} // namespace

KubeTable::KubeTable(std::string_view header)
{
    std::size_t characters = 0;
    std::size_t byte = 0;
    // Character index of each byte offset where a cell starts.
    for (const auto &[start, end] : cellsBySpaces(header)) {
        while (byte < start) {
            if (!isContinuation(header[byte])) ++characters;
            ++byte;
        }
        m_starts.push_back(characters);
        m_names.emplace_back(trim(header.substr(start, end - start)));
    }
}

int KubeTable::column(std::string_view name) const
{
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        if (m_names[i] == name) return int(i);
    }
    return -1;
}

bool KubeTable::split(std::string_view row, std::vector<std::string_view> &cells) const
{
    cells.clear();
    if (m_starts.empty()) return false;
    // Byte offset of each column start in this row.
    std::vector<std::size_t> bytes;
    std::size_t characters = 0, byte = 0;
    for (std::size_t start : m_starts) {
        while (byte < row.size() && characters < start) {
            ++byte;
            while (byte < row.size() && isContinuation(row[byte]))
                ++byte;
            ++characters;
        }
        bytes.push_back(byte);
    }
    // A cell may be empty (no SOURCE, no Reason), and trailing ones may be
    // missing, but each cell that is there starts after a space.
    bool aligned = bytes.size() < 2 || bytes[1] < row.size();
    for (std::size_t i = 1; aligned && i < bytes.size() && bytes[i] < row.size(); ++i)
        aligned = row[bytes[i] - 1] == ' ';
    if (aligned) {
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const std::size_t end = i + 1 < bytes.size() ? bytes[i + 1] : row.size();
            cells.push_back(bytes[i] < row.size() ? trim(row.substr(bytes[i], end - bytes[i]))
                                                  : std::string_view());
        }
        return true;
    }
    const auto parts = cellsBySpaces(row);
    if (parts.size() < m_starts.size()) return false;
    for (std::size_t i = 0; i + 1 < m_starts.size(); ++i)
        cells.push_back(row.substr(parts[i].first, parts[i].second - parts[i].first));
    cells.push_back(trim(row.substr(parts[m_starts.size() - 1].first)));
    return true;
}

} // namespace perfcase
