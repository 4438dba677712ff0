#include "LineReader.h"

#include <cstring>

namespace perfcase {

LineReader::LineReader(InputStream &input) : m_input(input), m_buffer(kMaxLineBytes * 4) {}

bool LineReader::fill()
{
    if (m_eof)
        return false;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_consumedBase += std::int64_t(m_begin);
        m_end -= m_begin;
        m_scan -= m_begin;
        m_begin = 0;
    }
    std::size_t n = m_input.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
    if (n == 0) {
        m_eof = true;
        return false;
    }
    if (m_observer)
        m_observer(std::string_view(m_buffer.data() + m_end, n));
    m_end += n;
    if (m_first && m_end >= 3) {
        m_first = false;
        if (std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0)
            m_begin = m_scan = 3;
    }
    return true;
}

bool LineReader::next(Line &line)
{
    for (;;) {
        const char *start = m_buffer.data() + m_scan;
        auto *newline =
            static_cast<const char *>(std::memchr(start, '\n', m_end - m_scan));
        if (newline) {
            std::size_t lineEnd = std::size_t(newline - m_buffer.data());
            if (m_skipping) {
                m_skipping = false;
                m_begin = m_scan = lineEnd + 1;
                continue;
            }
            std::size_t length = lineEnd - m_begin;
            if (length > kMaxLineBytes) {
                line.cut = true;
                length = kMaxLineBytes;
            } else {
                line.cut = false;
                if (length > 0 && m_buffer[m_begin + length - 1] == '\r')
                    --length;
            }
            line.text = std::string_view(m_buffer.data() + m_begin, length);
            line.number = ++m_lineNumber;
            line.offset = m_consumedBase + std::int64_t(m_begin);
            line.lastWithoutNewline = false;
            m_begin = m_scan = lineEnd + 1;
            return true;
        }
        m_scan = m_end;
        if (!m_skipping && m_end - m_begin > kMaxLineBytes) {
            // A giant line: hand out its first MiB now and drop the rest.
            line.text = std::string_view(m_buffer.data() + m_begin, kMaxLineBytes);
            line.cut = true;
            line.number = ++m_lineNumber;
            line.offset = m_consumedBase + std::int64_t(m_begin);
            line.lastWithoutNewline = false;
            m_skipping = true;
            m_begin = m_scan = m_end;
            return true;
        }
        if (m_skipping) {
            m_begin = m_scan = m_end;
        }
        if (!fill()) {
            if (m_skipping || m_begin == m_end)
                return false;
            std::size_t length = m_end - m_begin;
            if (length > 0 && m_buffer[m_begin + length - 1] == '\r')
                --length;
            line.text = std::string_view(m_buffer.data() + m_begin, length);
            line.cut = false;
            line.number = ++m_lineNumber;
            line.offset = m_consumedBase + std::int64_t(m_begin);
            line.lastWithoutNewline = true;
            m_begin = m_scan = m_end;
            return true;
        }
    }
}

} // namespace perfcase
