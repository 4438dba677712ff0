#include "TextRepair.h"

#include <simdjson.h>

#include <cstring>

namespace perfcase::TextRepair {

bool looksBinary(std::string_view text)
{
    if (std::memchr(text.data(), '\0', text.size()))
        return true;
    std::size_t control = 0;
    for (unsigned char c : text) {
        if (c < 0x20 && c != '\t' && c != 0x1b)
            ++control;
    }
    return control > 0 && control * 4 > text.size();
}

void stripAnsi(std::string_view text, std::string &out)
{
    out.clear();
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\x1b') {
            out += text[i];
            continue;
        }
        if (i + 1 >= text.size())
            break;
        char kind = text[i + 1];
        if (kind == '[') { // CSI: parameters, then a final byte 0x40..0x7E
            i += 2;
            while (i < text.size() && !(text[i] >= 0x40 && text[i] <= 0x7e))
                ++i;
        } else if (kind == ']') { // OSC: up to BEL or ESC backslash
            i += 2;
            while (i < text.size() && text[i] != '\a' &&
                   !(text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '\\'))
                ++i;
            if (i < text.size() && text[i] == '\x1b')
                ++i;
        } else {
            ++i;
        }
    }
}

bool isValidUtf8(std::string_view text)
{
    return simdjson::validate_utf8(text.data(), text.size());
}

void repairUtf8(std::string_view text, std::string &out)
{
    out.clear();
    out.reserve(text.size() + 8);
    const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        unsigned char c = bytes[i];
        std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3
                                         : (c >> 3) == 0x1e ? 4 : 0;
        bool valid = length > 0 && i + length <= size;
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (bytes[i + k] & 0xc0) == 0x80;
        if (valid && length > 1) {
            // Reject overlong forms, surrogates and values past U+10FFFF.
            unsigned cp = length == 2 ? (c & 0x1f) : length == 3 ? (c & 0x0f) : (c & 0x07);
            for (std::size_t k = 1; k < length; ++k)
                cp = (cp << 6) | (bytes[i + k] & 0x3f);
            valid = (length == 2 && cp >= 0x80) || (length == 3 && cp >= 0x800 &&
                                                    (cp < 0xd800 || cp > 0xdfff)) ||
                    (length == 4 && cp >= 0x10000 && cp <= 0x10ffff);
        }
        if (valid) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
}

} // namespace perfcase::TextRepair
