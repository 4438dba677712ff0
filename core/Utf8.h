#pragma once

#include <string>
#include <string_view>

namespace perfcase {

// At most maxBytes of text, never cutting a UTF-8 sequence in half.
inline std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes)
{
    if (text.size() <= maxBytes)
        return text;
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

// A cell or value for an error message: in double quotes, cut at 60 bytes.
inline std::string quotedExcerpt(std::string_view text)
{
    return "\"" + std::string(utf8Prefix(text, 60)) + "\"";
}

} // namespace perfcase
