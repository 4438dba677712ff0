#pragma once

#include "LineParser.h"
#include "LogFormat.h"
#include "LogTemplateMiner.h"
#include "import/CancelToken.h"
#include "import/ImportTypes.h"
#include "import/RowBatch.h"
#include "import/RowPipeline.h"

#include <string>

namespace perfcase {

class InputStream;
class LineReader;
class SourceWriter;
class ZoneResolver;

// Streams a text log into a source, in constant memory, following
// DESIGN.md's text log rules: record starts from the format, continuation
// lines appended (at most kMaxRecordLines / kMaxRecordBytes), BOM, CR, ANSI
// escapes, invalid UTF-8 and binary lines handled, bad lines counted and
// recorded with their numbers.
class LogImporter
{
public:
    static constexpr int kMaxRecordLines = 10'000;
    static constexpr std::size_t kMaxRecordBytes = 1 << 20;

    struct Result
    {
        std::int64_t records = 0;
        std::int64_t rejected = 0;
        std::vector<ImportNotice> warnings;
        // First rejected line, to explain a file with no record at all.
        ImportNotice firstRejection;
    };

    // Durations and HTTP requests found in lines go to the format's duration
    // and requests tracks (created when first needed).
    LogImporter(LineParser &parser, ZoneResolver &zone, SourceWriter &writer, std::int64_t trackId,
                const LogFormat &format);

    void setTimelessBase(std::optional<std::int64_t> at) { m_lastTs = at; }
    // Throws Cancelled when token is cancelled.
    Result run(LineReader &reader, InputStream &input, const CancelToken &token,
               const ProgressFn &progress);

private:
    void onLine(std::string_view text, std::int64_t number, std::int64_t offset, bool cut);
    void flush();
    void writeRequest();
    // The writing side's id for a track role (created when first used).
    std::int64_t trackFor(RowBatch::Track track);
    void reject(std::int64_t number, std::int64_t offset, const std::string &why,
                std::string_view text);
    void warnOnce(bool &flag, std::int64_t number, std::int64_t offset, const std::string &why);
    std::string_view sanitize(std::string_view text, std::int64_t number, std::int64_t offset,
                              bool &binary);

    LineParser &m_parser;
    ZoneResolver &m_zone;
    SourceWriter &m_writer;
    std::int64_t m_trackId;
    const LogFormat &m_format;
    std::int64_t m_durationTrackId = 0;
    std::int64_t m_requestsTrackId = 0;
    RowBatch m_batch;
    // Templates are mined on the parsing thread, which has time to spare;
    // the writer only stores the numbers (bench/README.md).
    LogTemplateMiner m_miner;
    const RowPipeline::Emit *m_emit = nullptr;

    LineResult m_line;
    Result m_result;
    // The record being assembled.
    bool m_open = false;
    std::string m_message;
    std::int64_t m_ts = 0;
    std::optional<LogLevel> m_level;
    std::int64_t m_recordLine = 0;
    int m_recordLines = 0;
    bool m_recordOverflowReported = false;
    std::optional<double> m_durationMs;
    std::string m_durationName;
    std::string m_request, m_status;
    std::string m_args, m_name; // scratch for request slices
    std::optional<std::int64_t> m_lastTs;

    std::string m_scratch;
    bool m_warnedUtf8 = false, m_warnedCut = false, m_warnedZone = false;
};

} // namespace perfcase
