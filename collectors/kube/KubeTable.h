#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// The columns of a kubectl table (Go's tabwriter output: cells padded with
// spaces so that each starts where its header starts). A header cell ends
// at two spaces, so "LAST SEEN" is one column. Rows are cut at the header's
// column starts, counted in characters (tabwriter counts runes); when a row
// does not line up (no space before a column start), it is split at runs of
// two or more spaces instead, the last column taking the rest.
class KubeTable
{
public:
    // Reads a header line; no columns when it has none.
    explicit KubeTable(std::string_view header);

    const std::vector<std::string> &names() const { return m_names; }
    // Index of a column by header name, or -1.
    int column(std::string_view name) const;
    // The cells of a row (trimmed), one per column; false when the row has
    // fewer cells than the table has columns.
    bool split(std::string_view row, std::vector<std::string_view> &cells) const;

private:
    std::vector<std::string> m_names;
    std::vector<std::size_t> m_starts; // in characters
    std::size_t m_indent = 0;
};

} // namespace perfcase
