#pragma once

#include "InputStream.h"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace perfcase {

// One line of input, without its "\n" and a "\r" before it.
struct Line
{
    std::string_view text;
    std::int64_t number = 0; // 1-based
    std::int64_t offset = 0; // decompressed byte offset of its first byte
    bool cut = false;        // longer than kMaxLineBytes: text holds the first kMaxLineBytes
    bool lastWithoutNewline = false;
};

// Splits a stream into lines in constant memory. A leading UTF-8 BOM is
// skipped. A line longer than kMaxLineBytes comes out cut at that size and
// the rest of it is skipped. Every decompressed byte passes through the
// observer (for the content hash) exactly once.
class LineReader
{
public:
    static constexpr std::size_t kMaxLineBytes = 1 << 20;

    explicit LineReader(InputStream &input);

    // False at end of input.
    bool next(Line &line);
    void setObserver(std::function<void(std::string_view)> observer)
    {
        m_observer = std::move(observer);
    }
    std::int64_t bytesRead() const { return m_consumedBase + std::int64_t(m_end); }

private:
    bool fill();

    InputStream &m_input;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0, m_end = 0, m_scan = 0;
    std::int64_t m_consumedBase = 0; // decompressed offset of m_buffer[0]
    std::int64_t m_lineNumber = 0;
    bool m_eof = false;
    bool m_first = true;
    bool m_skipping = false; // inside the remainder of a cut line
    std::function<void(std::string_view)> m_observer;
};

} // namespace perfcase
