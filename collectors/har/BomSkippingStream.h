#pragma once

#include "io/InputStream.h"

#include <algorithm>
#include <cstring>

namespace perfcase {

// Hands out another stream's bytes without a leading UTF-8 byte order mark,
// which JSON does not allow but Fiddler and some HAR writers put first. The
// skipped bytes still pass through the inner stream (and so its hash);
// offsets seen downstream are short by skipped().
class BomSkippingStream : public InputStream
{
public:
    explicit BomSkippingStream(InputStream &inner) : m_inner(inner)
    {
        m_compression = inner.compression();
        m_fileSize = inner.fileSize();
    }

    std::size_t read(char *buffer, std::size_t size) override
    {
        if (!m_checked) {
            m_checked = true;
            while (m_pendingSize < sizeof m_pending) {
                const std::size_t n =
                    m_inner.read(m_pending + m_pendingSize, sizeof m_pending - m_pendingSize);
                if (n == 0) break;
                m_pendingSize += n;
            }
            if (m_pendingSize == 3 && std::memcmp(m_pending, "\xEF\xBB\xBF", 3) == 0) {
                m_skipped = 3;
                m_pendingSize = 0;
            }
        }
        std::size_t n = 0;
        if (m_pendingUsed < m_pendingSize) {
            n = std::min(size, m_pendingSize - m_pendingUsed);
            std::memcpy(buffer, m_pending + m_pendingUsed, n);
            m_pendingUsed += n;
        } else {
            n = m_inner.read(buffer, size);
        }
        m_truncated = m_inner.truncated();
        m_error = m_inner.error();
        m_errorOffset = m_inner.errorOffset();
        return n;
    }
    std::uint64_t fileOffset() const override { return m_inner.fileOffset(); }

    // 3 when a BOM was skipped, else 0.
    std::int64_t skipped() const { return m_skipped; }

private:
    InputStream &m_inner;
    char m_pending[3] = {};
    std::size_t m_pendingSize = 0, m_pendingUsed = 0;
    bool m_checked = false;
    std::int64_t m_skipped = 0;
};

} // namespace perfcase
