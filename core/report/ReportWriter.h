#pragma once

#include "ReportBuilder.h"
#include "playbook/Playbook.h"

#include <stdexcept>
#include <string>

namespace perfcase {

class ReportError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Writes a built report to disk: Markdown with its figures in NAME.assets/
// beside it, or a PDF rendered from the same Markdown (QTextDocument, GitHub
// dialect without HTML, QPdfWriter) with the figures embedded, page numbers
// and the title in the footer.
namespace ReportWriter {
enum class PageSize
{
    A4,
    Letter
};
enum class Format
{
    Markdown,
    Pdf
};

// The whole path from a check to a file, for the command line and the
// window alike: builds the report of `result` over the case (redacted with
// this user's key for the case, figures from `figures` when given) and
// writes it. Throws ReportError, and CaseFileError / SqlError when the case
// cannot be read.
void write(const std::string &casePath, const Playbook &playbook, const PlaybookResult &result,
           FigureRenderer *figures, const std::string &path, Format format, PageSize page);

// "report.md" -> "report.assets/": where a Markdown report's figures go.
std::string assetPrefixFor(const std::string &markdownPath);
void writeMarkdown(const Report &report, const std::string &path);
void writePdf(const Report &report, const std::string &path, PageSize page,
              const std::string &footerTitle);
} // namespace ReportWriter

} // namespace perfcase
