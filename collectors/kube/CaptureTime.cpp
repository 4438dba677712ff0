#include "CaptureTime.h"

#include "TimeUtil.h"
#include "import/Importer.h"

#include <filesystem>
#include <sys/stat.h>

namespace perfcase {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool digitsAt(std::string_view text, std::size_t pos, std::size_t count)
{
    if (pos + count > text.size()) return false;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(text[i])) return false;
    }
    return true;
}

int number(std::string_view text, std::size_t pos, std::size_t count)
{
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i)
        value = value * 10 + (text[i] - '0');
    return value;
}

// "20261120T101500Z" at pos.
std::optional<std::int64_t> compactStamp(std::string_view text, std::size_t pos)
{
    if (!digitsAt(text, pos, 8) || pos + 16 > text.size() || text[pos + 8] != 'T' ||
        !digitsAt(text, pos + 9, 6) || text[pos + 15] != 'Z')
        return std::nullopt;
    const int month = number(text, pos + 4, 2), day = number(text, pos + 6, 2);
    const int hour = number(text, pos + 9, 2), minute = number(text, pos + 11, 2),
              second = number(text, pos + 13, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const std::int64_t days = daysFromCivil(number(text, pos, 4), unsigned(month), unsigned(day));
    return ((days * 24 + hour) * 60 + minute) * 60'000'000'000LL + second * 1'000'000'000LL;
}

// "2026-11-20T10:15:00Z", "2026-11-20T10:15:00.5+01:00" at pos.
std::optional<std::int64_t> rfc3339Stamp(std::string_view text, std::size_t pos)
{
    if (!digitsAt(text, pos, 4) || pos + 19 > text.size() || text[pos + 4] != '-' ||
        text[pos + 10] != 'T')
        return std::nullopt;
    std::size_t end = pos + 19;
    if (end < text.size() && text[end] == '.') {
        ++end;
        while (end < text.size() && isDigit(text[end]))
            ++end;
    }
    if (end < text.size() && text[end] == 'Z') {
        ++end;
    } else if (end + 6 <= text.size() && (text[end] == '+' || text[end] == '-') &&
               text[end + 3] == ':') {
        end += 6;
    } else {
        return std::nullopt;
    }
    return parseRfc3339(text.substr(pos, end - pos));
}

} // namespace

std::optional<std::int64_t> CaptureTime::fromFileName(std::string_view name)
{
    for (std::size_t pos = 0; pos < name.size(); ++pos) {
        if (!isDigit(name[pos]) || (pos > 0 && isDigit(name[pos - 1]))) continue;
        if (auto ns = compactStamp(name, pos)) return ns;
        if (auto ns = rfc3339Stamp(name, pos)) return ns;
    }
    return std::nullopt;
}

CaptureTime CaptureTime::resolve(ImportContext &context)
{
    CaptureTime capture;
    if (context.options.at) {
        capture.ns = *context.options.at;
        capture.source = "at";
    } else if (auto stamp = fromFileName(std::filesystem::path(context.path).filename().string())) {
        capture.ns = *stamp;
        capture.source = "filename";
    } else {
        struct stat info
        {
        };
        if (::stat(context.path.c_str(), &info) == 0) {
            capture.ns = std::int64_t(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec;
        } else {
            capture.ns = nowNs();
        }
        capture.source = "mtime";
    }
    context.timeSource = capture.source;
    return capture;
}

} // namespace perfcase
