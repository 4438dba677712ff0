#include "KubeLineReader.h"

#include "SourceWriter.h"
#include "Utf8.h"
#include "io/InputStream.h"
#include "logs/TextRepair.h"

#include <algorithm>

namespace perfcase {

KubeLineReader::KubeLineReader(ImportContext &context, ImporterResult &result)
    : m_context(context), m_result(result), m_reader(context.input)
{}

void KubeLineReader::warn(const std::string &why)
{
    if (std::find(m_warned.begin(), m_warned.end(), why) != m_warned.end()) return;
    m_warned.push_back(why);
    m_result.warnings.push_back({m_line.number, m_line.offset, why});
    m_context.writer.addError(m_line.number, m_line.offset, "warning", why, {});
}

void KubeLineReader::reject(std::int64_t number, std::int64_t offset, const std::string &why,
                            std::string_view text)
{
    if (m_result.rejected == 0) m_result.firstRejection = {number, offset, why};
    ++m_result.rejected;
    std::string_view excerpt = utf8Prefix(text, 200);
    m_context.writer.addError(number, offset, "error", why,
                              TextRepair::isValidUtf8(excerpt) ? excerpt
                                                               : std::string_view("(not UTF-8)"));
}

void KubeLineReader::reject(const std::string &why)
{
    reject(m_line.number, m_line.offset, why, m_clean);
}

bool KubeLineReader::next(std::string_view &text)
{
    while (m_reader.next(m_line)) {
        if (m_line.offset >= m_nextCheck) {
            if (m_context.token.isCancelled()) throw Cancelled{};
            if (m_context.progress)
                m_context.progress(m_context.input.fileOffset(), m_context.input.fileSize());
            m_nextCheck = m_line.offset + (1 << 20);
        }
        // DESIGN.md: a cut compressed stream keeps only complete lines.
        if (m_line.lastWithoutNewline && m_context.input.truncated()) return false;
        std::string_view raw = m_line.text;
        if (TextRepair::looksBinary(raw)) {
            m_clean.clear();
            reject(m_line.number, m_line.offset, "binary data", {});
            continue;
        }
        if (raw.find('\x1b') != std::string_view::npos) {
            TextRepair::stripAnsi(raw, m_scratch);
            m_clean.swap(m_scratch);
        } else {
            m_clean.assign(raw);
        }
        // Other control bytes (a stray \r, \b) go with the escapes.
        m_clean.erase(std::remove_if(
                          m_clean.begin(), m_clean.end(),
                          [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t'; }),
                      m_clean.end());
        if (!TextRepair::isValidUtf8(m_clean)) {
            TextRepair::repairUtf8(m_clean, m_scratch);
            m_clean.swap(m_scratch);
            warn("invalid UTF-8 replaced with U+FFFD (first at this line)");
        }
        if (m_line.cut) warn("line longer than 1 MiB cut to 1 MiB");
        text = m_clean;
        return true;
    }
    return false;
}

} // namespace perfcase
