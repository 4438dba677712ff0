#include "CliOutput.h"

#include "CaseInfo.h"
#include "ExitCode.h"
#include "TimeUtil.h"

#include <cstdio>

namespace perfcase::CliOutput {

namespace {
std::string location(const std::string &path, std::int64_t line, std::int64_t byte)
{
    if (line > 0) return path + ":" + std::to_string(line);
    if (byte >= 0) return path + "@" + std::to_string(byte);
    return path;
}

void emit(const char *kind, const std::string &where, const std::string &message)
{
    std::string text = "perfcase: " + std::string(kind) + ": ";
    if (!where.empty()) text += where + ": ";
    text += message + "\n";
    std::fputs(text.c_str(), stderr);
}
} // namespace

void error(const std::string &message)
{
    emit("error", {}, message);
}

void error(const std::string &path, std::int64_t line, std::int64_t byte,
           const std::string &message)
{
    emit("error", location(path, line, byte), message);
}

void warning(const std::string &message)
{
    emit("warning", {}, message);
}

void warning(const std::string &path, std::int64_t line, std::int64_t byte,
             const std::string &message)
{
    emit("warning", location(path, line, byte), message);
}

int caseError(const std::string &path, const CaseFileError &error)
{
    CliOutput::error(path, 0, -1, error.what());
    return ExitCase;
}

int caseError(const std::string &path, const SqlError &error, CaseUse use)
{
    CliOutput::error(path, 0, -1,
                     std::string(use == CaseUse::Reading ? "cannot read the case: "
                                                         : "cannot write the case: ") +
                         error.what());
    return ExitCase;
}

void skipped(const std::string &path, const std::string &message)
{
    emit("skipped", path, message);
}

nlohmann::json outcomeJson(const ImportOutcome &o)
{
    using nlohmann::json;
    bool hasSource =
        o.status == ImportOutcome::Status::Imported || o.status == ImportOutcome::Status::Duplicate;
    json line = {{"path", o.path},
                 {"status", statusName(o.status)},
                 {"source_id", hasSource ? json(o.sourceId) : json(nullptr)},
                 {"kind", o.kind},
                 {"format", o.format.empty() ? json(nullptr) : json(o.format)},
                 {"compression", o.compression},
                 {"state", hasSource ? json(o.partial ? "partial" : "complete") : json(nullptr)},
                 {"records", o.records},
                 {"rejected", o.rejected},
                 {"ignored", o.ignored},
                 {"bytes", o.bytes}};
    CaseInfo::putTime(line, "first_ts", o.firstTs);
    CaseInfo::putTime(line, "last_ts", o.lastTs);
    line["rows_seconds"] = o.rowsSeconds;
    line["seconds"] = o.seconds;
    line["error"] = o.error.empty() || hasSource ? json(nullptr) : json(o.error);
    if (!o.error.empty() && o.errorLine > 0) line["error_line"] = o.errorLine;
    if (!o.error.empty() && o.errorByte >= 0) line["error_byte"] = o.errorByte;
    json warnings = json::array();
    for (const ImportNotice &w : o.warnings)
        warnings.push_back({{"line", w.line > 0 ? json(w.line) : json(nullptr)},
                            {"byte", w.byte >= 0 ? json(w.byte) : json(nullptr)},
                            {"message", w.message}});
    line["warnings"] = warnings;
    return line;
}

void addCollected(nlohmann::json &line, const std::string &command, const std::string &target,
                  std::int64_t collectedAt)
{
    line["command"] = command;
    line["target"] = target;
    if (collectedAt) {
        line["collected_at"] = formatRfc3339(collectedAt);
        line["collected_at_ns"] = collectedAt;
    } else {
        line["collected_at"] = nullptr;
        line["collected_at_ns"] = nullptr;
    }
}

void printLine(const std::string &text)
{
    std::fputs(text.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace perfcase::CliOutput
