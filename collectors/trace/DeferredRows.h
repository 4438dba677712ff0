#pragma once

#include "ThreadRow.h"

#include <cstdio>
#include <functional>
#include <vector>

namespace perfcase {

// Rows of threads whose role is not known yet (their names or the page's
// processes come later in the file). They wait in memory up to a budget,
// then in an unnamed temporary file, and are read back once at the end, so
// memory stays bounded whatever the size of the trace.
class DeferredRows
{
public:
    explicit DeferredRows(std::size_t memoryRows = 1u << 16);
    ~DeferredRows();
    DeferredRows(const DeferredRows &) = delete;
    DeferredRows &operator=(const DeferredRows &) = delete;

    void add(const ThreadRow &row);
    // Hands out every row, in the order they were added, and forgets them.
    void replay(const std::function<void(const ThreadRow &)> &consumer);
    std::size_t size() const { return m_spilled + m_rows.size(); }
    std::size_t spilled() const { return m_spilled; }

private:
    void spill();

    std::size_t m_memoryRows;
    std::vector<ThreadRow> m_rows;
    std::FILE *m_file = nullptr;
    std::size_t m_spilled = 0;
    bool m_fileFailed = false;
};

} // namespace perfcase
