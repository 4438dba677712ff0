#include "LogImporter.h"

#include "SourceWriter.h"
#include "TextRepair.h"
#include "Utf8.h"
#include "ZoneResolver.h"
#include "io/InputStream.h"
#include "io/LineReader.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace perfcase {

namespace {

// Text as the inside of a JSON string (the text is valid UTF-8 already).
void appendJsonEscaped(std::string &out, std::string_view text)
{
    for (char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\u%04x", c);
                out += escape;
            } else {
                out += c;
            }
        }
    }
}

} // namespace

LogImporter::LogImporter(LineParser &parser, ZoneResolver &zone, SourceWriter &writer,
                         std::int64_t trackId, const LogFormat &format)
    : m_parser(parser), m_zone(zone), m_writer(writer), m_trackId(trackId), m_format(format)
{}

LogImporter::Result LogImporter::run(LineReader &reader, InputStream &input,
                                     const CancelToken &token, const ProgressFn &progress)
{
    // Reading and parsing run on a second thread, writing on this one: the
    // two halves cost about the same, so the import takes the longer, not
    // the sum (bench/README.md).
    auto produce = [&](const RowPipeline::Emit &emit) {
        m_emit = &emit;
        Line line;
        std::int64_t nextCheck = 0;
        while (reader.next(line)) {
            if (line.offset >= nextCheck) {
                if (token.isCancelled()) throw Cancelled{};
                if (progress) progress(input.fileOffset(), input.fileSize());
                nextCheck = line.offset + (1 << 20);
            }
            // A compressed stream cut short ends in a cut line: DESIGN.md keeps
            // only what is complete.
            if (line.lastWithoutNewline && input.truncated()) break;
            onLine(line.text, line.number, line.offset, line.cut);
        }
        flush();
        if (!m_batch.empty()) emit(std::move(m_batch));
    };
    auto apply = [&](RowBatch &batch) {
        batch.applyTo(m_writer, [this](RowBatch::Track track) { return trackFor(track); });
    };
    RowPipeline::run(produce, apply);
    // The parsing thread has ended: its templates are final.
    m_writer.setLogTemplatePatterns(m_miner.patterns());
    return std::move(m_result);
}

std::int64_t LogImporter::trackFor(RowBatch::Track track)
{
    switch (track) {
    case RowBatch::Track::Main:
        return m_trackId;
    case RowBatch::Track::Durations:
        if (!m_durationTrackId)
            m_durationTrackId = m_writer.addTrack("slice", m_format.durationTrack(), "ns");
        return m_durationTrackId;
    case RowBatch::Track::Requests:
        if (!m_requestsTrackId)
            m_requestsTrackId = m_writer.addTrack("slice", m_format.requestsTrack(), "ns");
        return m_requestsTrackId;
    }
    return m_trackId;
}

void LogImporter::warnOnce(bool &flag, std::int64_t number, std::int64_t offset,
                           const std::string &why)
{
    if (flag) return;
    flag = true;
    m_result.warnings.push_back({number, offset, why});
    m_batch.problem(false, number, offset, why, {});
}

void LogImporter::reject(std::int64_t number, std::int64_t offset, const std::string &why,
                         std::string_view text)
{
    if (m_result.rejected == 0) m_result.firstRejection = {number, offset, why};
    ++m_result.rejected;
    m_batch.problem(true, number, offset, why,
                    TextRepair::isValidUtf8(text.substr(0, 200)) ? text.substr(0, 200)
                                                                 : std::string_view("(not UTF-8)"));
}

std::string_view LogImporter::sanitize(std::string_view text, std::int64_t number,
                                       std::int64_t offset, bool &binary)
{
    binary = false;
    bool plain = true;
    for (unsigned char c : text) {
        if (c < 0x20 && c != '\t') {
            plain = false;
            break;
        }
    }
    if (!plain) {
        if (TextRepair::looksBinary(text)) {
            binary = true;
            return text;
        }
        // Control bytes other than ESC are dropped with the escape sequences.
        TextRepair::stripAnsi(text, m_scratch);
        std::string cleaned;
        cleaned.reserve(m_scratch.size());
        for (char c : m_scratch) {
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') cleaned += c;
        }
        m_scratch.swap(cleaned);
        text = m_scratch;
    }
    if (!TextRepair::isValidUtf8(text)) {
        std::string repaired;
        TextRepair::repairUtf8(text, repaired);
        m_scratch.swap(repaired);
        text = m_scratch;
        warnOnce(m_warnedUtf8, number, offset,
                 "invalid UTF-8 replaced with U+FFFD (first at this line)");
    }
    return text;
}

void LogImporter::onLine(std::string_view raw, std::int64_t number, std::int64_t offset, bool cut)
{
    bool binary = false;
    std::string_view text = sanitize(raw, number, offset, binary);
    if (binary) {
        reject(number, offset, "binary data", {});
        return;
    }
    if (cut) warnOnce(m_warnedCut, number, offset, "line longer than 1 MiB cut to 1 MiB");

    m_parser.parse(text, m_line);
    std::string warning;
    if (m_line.starts) {
        std::optional<std::int64_t> ts;
        if (m_line.timeless)
            ts = m_lastTs;
        else
            ts = m_zone.toUtc(m_line.time);
        if (m_zone.takeWarning(warning)) warnOnce(m_warnedZone, number, offset, warning);
        if (!ts) {
            reject(number, offset, "no time before this line", text);
            return;
        }
        flush();
        m_open = true;
        m_ts = *ts;
        m_lastTs = ts;
        m_level = m_line.level;
        if (m_line.message.find('\x1b') != std::string_view::npos) {
            // Escapes written as \u001b inside JSON only appear once decoded.
            TextRepair::stripAnsi(m_line.message, m_message);
        } else {
            m_message.assign(m_line.message);
        }
        if (cut) m_message += " [... cut at 1 MiB]";
        m_recordLine = number;
        m_recordLines = 1;
        m_recordOverflowReported = false;
        m_durationMs = m_line.durationMs;
        if (m_durationMs) m_durationName.assign(m_line.durationName);
        m_request.assign(m_line.request);
        m_status.assign(m_line.status);
        return;
    }
    if (!m_open) {
        reject(number, offset, "no timestamp and no record before this line", text);
        return;
    }
    if (m_recordLines >= kMaxRecordLines || m_message.size() + text.size() + 1 > kMaxRecordBytes) {
        reject(number, offset,
               m_recordOverflowReported
                   ? "continuation beyond the record limit"
                   : "record of line " + std::to_string(m_recordLine) +
                         " exceeds 10,000 lines or 1 MiB; continuation dropped",
               text);
        m_recordOverflowReported = true;
        return;
    }
    m_message += '\n';
    m_message.append(text);
    ++m_recordLines;
}

void LogImporter::flush()
{
    if (!m_open) return;
    m_open = false;
    while (!m_message.empty() &&
           (m_message.back() == '\n' || m_message.back() == ' ' || m_message.back() == '\t'))
        m_message.pop_back();
    m_batch.log(m_ts, m_level, m_message, m_recordLine, m_miner.add(m_message));
    ++m_result.records;
    if (!m_request.empty() && !m_format.requestsTrack().empty()) writeRequest();
    if (m_durationMs && !m_format.durationTrack().empty()) {
        auto dur = std::int64_t(std::llround(*m_durationMs * 1e6));
        // The server logs a statement when it ends: the slice ends at the record.
        std::string_view name = m_durationName.empty() ? std::string_view("(statement)")
                                                       : std::string_view(m_durationName);
        m_batch.slice(RowBatch::Track::Durations, m_ts - dur, dur, utf8Prefix(name, 500), "sql",
                      {});
    }
    if (m_batch.size() >= RowPipeline::kBatchRows) {
        (*m_emit)(std::move(m_batch));
        m_batch = RowBatch();
    }
}

void LogImporter::writeRequest()
{
    // "GET /api/x?y=1 HTTP/1.1" -> method and target; anything else is kept
    // whole as the name (a malformed request line is still a request).
    std::string_view request = m_request;
    std::string_view method, target;
    auto space = request.find(' ');
    if (space != std::string_view::npos) {
        method = request.substr(0, space);
        target = request.substr(space + 1);
        auto protocol = target.rfind(" HTTP/");
        if (protocol != std::string_view::npos) target = target.substr(0, protocol);
    }
    // Built by hand: this runs for every access line, and a JSON object per
    // line costs more than the rest of the line's parsing.
    m_args.assign(R"({"method":")");
    appendJsonEscaped(m_args, method);
    m_args += R"(","url":")";
    appendJsonEscaped(m_args, target);
    m_args += '"';
    if (!m_status.empty() && m_status.find_first_not_of("0123456789") == std::string::npos) {
        m_args += R"(,"status":)";
        m_args += m_status;
    }
    m_args += '}';
    m_name.assign(method.empty() ? std::string_view(m_request) : method);
    if (!method.empty()) {
        m_name += ' ';
        m_name.append(target);
    }
    // Access logs carry no duration here: a zero-length slice at the logged time.
    m_batch.slice(RowBatch::Track::Requests, m_ts, 0, utf8Prefix(m_name, 500), "http", m_args);
}

} // namespace perfcase
