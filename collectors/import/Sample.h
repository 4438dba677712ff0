#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// The first bytes of a file, decompressed, for format detection (the
// "sniff" of Perfetto's trace-type guess and Wireshark's file_access): at
// most kBytes, split into at most kLines lines.
struct Sample
{
    static constexpr std::size_t kBytes = 64 * 1024;
    static constexpr std::size_t kLines = 200;

    // Throws std::runtime_error when the file cannot be opened.
    static Sample read(const std::string &path);

    std::string bytes;                   // decompressed, BOM removed
    bool complete = false;               // the whole file fits in bytes
    std::vector<std::string_view> lines; // ANSI escapes removed
    std::string name;                    // the file name, for formats that hint by name

    // The bytes with leading whitespace skipped.
    std::string_view trimmed() const;

private:
    std::deque<std::string> m_cleaned; // lines that needed their escapes removed
};

} // namespace perfcase
