#include "DeferredRows.h"

#include <algorithm>
#include <type_traits>

namespace perfcase {

static_assert(std::is_trivially_copyable_v<ThreadRow>, "rows are written to a file as bytes");

DeferredRows::DeferredRows(std::size_t memoryRows) : m_memoryRows(memoryRows) {}

DeferredRows::~DeferredRows()
{
    if (m_file) std::fclose(m_file);
}

void DeferredRows::add(const ThreadRow &row)
{
    m_rows.push_back(row);
    if (m_rows.size() >= m_memoryRows && !m_fileFailed) spill();
}

void DeferredRows::spill()
{
    if (!m_file) m_file = std::tmpfile(); // deleted by the system when closed
    if (!m_file ||
        std::fwrite(m_rows.data(), sizeof(ThreadRow), m_rows.size(), m_file) != m_rows.size()) {
        // No temporary space: keep the rows in memory rather than lose them
        // (a partial write lies past m_spilled rows and is never read).
        m_fileFailed = true;
        return;
    }
    m_spilled += m_rows.size();
    m_rows.clear();
}

void DeferredRows::replay(const std::function<void(const ThreadRow &)> &consumer)
{
    if (m_file && m_spilled > 0) {
        std::rewind(m_file);
        std::vector<ThreadRow> chunk(m_memoryRows);
        std::size_t left = m_spilled;
        while (left > 0) {
            const std::size_t n =
                std::fread(chunk.data(), sizeof(ThreadRow), std::min(left, chunk.size()), m_file);
            if (n == 0) break;
            for (std::size_t i = 0; i < n; ++i)
                consumer(chunk[i]);
            left -= n;
        }
    }
    for (const ThreadRow &row : m_rows)
        consumer(row);
    m_rows.clear();
    if (m_file) {
        std::fclose(m_file);
        m_file = nullptr;
    }
    m_spilled = 0;
}

} // namespace perfcase
