#include "MarkdownText.h"

#include <algorithm>
#include <cctype>

namespace perfcase::MarkdownText {

namespace {

// Collapses line breaks and control characters, and cuts at a UTF-8 boundary.
std::string flattened(std::string_view text, std::size_t maxBytes)
{
    std::string out;
    out.reserve(std::min(text.size(), maxBytes) + 4);
    bool cut = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (out.size() >= maxBytes) {
            // Back off to the start of a UTF-8 sequence.
            while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
                out.pop_back();
            if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
            cut = true;
            break;
        }
        if (c < 0x20 || c == 0x7F) {
            if (out.empty() || out.back() != ' ') out += ' ';
        } else {
            out += char(c);
        }
    }
    if (cut) out += "…";
    return out;
}

} // namespace

std::string escape(std::string_view text, std::size_t maxBytes)
{
    std::string flat = flattened(text, maxBytes);
    std::string out;
    out.reserve(flat.size() * 5 / 4);
    for (std::size_t i = 0; i < flat.size(); ++i) {
        char c = flat[i];
        switch (c) {
        // Markdown's own punctuation, HTML, tables, and entity references.
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '#':
        case '~':
        case '!':
        case '&':
        case '$':
        case '{':
        case '}':
        case '(':
        case ')':
        case '@':
            out += '\\';
            out += c;
            break;
        // A list or heading marker matters only at the start of the text;
        // "1." likewise: escape them there.
        case '-':
        case '+':
        case '=':
            if (out.empty()) out += '\\';
            out += c;
            break;
        case '.':
            if (i > 0 && std::isdigit(static_cast<unsigned char>(flat[i - 1])) &&
                std::all_of(flat.begin(), flat.begin() + long(i),
                            [](char d) { return std::isdigit(static_cast<unsigned char>(d)); }))
                out += '\\';
            // "www." starts an extended autolink.
            else if (i >= 3 && flat.compare(i - 3, 3, "www") == 0)
                out += '\\';
            out += c;
            break;
        case ':':
            // "scheme://" starts an autolink: break it.
            if (flat.compare(i, 3, "://") == 0) out += '\\';
            out += c;
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string code(std::string_view text, std::size_t maxBytes)
{
    std::string flat = flattened(text, maxBytes);
    std::size_t longest = 0, run = 0;
    for (char c : flat) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    std::string fence(longest + 1, '`');
    // A space inside the fence keeps a leading or trailing backtick apart.
    return fence + ' ' + flat + ' ' + fence;
}

} // namespace perfcase::MarkdownText
