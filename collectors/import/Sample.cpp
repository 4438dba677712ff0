#include "Sample.h"

#include "io/InputStream.h"
#include "logs/TextRepair.h"

#include <filesystem>

namespace perfcase {

Sample Sample::read(const std::string &path)
{
    Sample sample;
    sample.name = std::filesystem::path(path).filename().string();
    auto input = InputStream::open(path);
    sample.bytes.resize(kBytes);
    std::size_t filled = 0;
    while (filled < kBytes) {
        std::size_t n = input->read(sample.bytes.data() + filled, kBytes - filled);
        if (n == 0) break;
        filled += n;
    }
    sample.bytes.resize(filled);
    sample.complete = filled < kBytes;
    if (std::string_view(sample.bytes).substr(0, 3) == "\xEF\xBB\xBF") sample.bytes.erase(0, 3);
    std::string_view text = sample.bytes;
    while (!text.empty() && sample.lines.size() < kLines) {
        auto end = text.find('\n');
        // A line cut by the window could mislead detection, unless it is all
        // there is (a giant first line).
        if (end == std::string_view::npos && !sample.complete && !sample.lines.empty()) break;
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find('\x1b') != std::string_view::npos) {
            sample.m_cleaned.emplace_back();
            TextRepair::stripAnsi(line, sample.m_cleaned.back());
            line = sample.m_cleaned.back();
        }
        sample.lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return sample;
}

std::string_view Sample::trimmed() const
{
    std::string_view text = bytes;
    std::size_t start = text.find_first_not_of(" \t\r\n");
    return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

} // namespace perfcase
