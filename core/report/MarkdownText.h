#pragma once

#include <string>
#include <string_view>

namespace perfcase {

// The one escaper for text that comes from data (log lines, names, commands)
// on its way into a Markdown report: such text can never open a heading,
// list, table cell, link, image, HTML tag or code span, nor become an
// autolink. Line breaks and control characters become spaces; long text is
// cut (with an ellipsis) at a UTF-8 boundary.
namespace MarkdownText {
std::string escape(std::string_view text, std::size_t maxBytes = 600);
// Inline code for a short literal (a command, a file name): backtick fences
// longer than any run of backticks inside, so nothing closes it early.
std::string code(std::string_view text, std::size_t maxBytes = 300);
} // namespace MarkdownText

} // namespace perfcase
