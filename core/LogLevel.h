#pragma once

#include <optional>
#include <string_view>

namespace perfcase {

// The shared severity vocabulary (DESIGN.md): stored as 0..6 in the case,
// shown by name in the public views.
enum class LogLevel : int { Trace, Debug, Info, Notice, Warning, Error, Critical };

std::string_view levelName(LogLevel level);

// A level word in any common spelling: "WARN", "warning", "E", "FATAL",
// "err", "Information" ... Unknown words give std::nullopt.
std::optional<LogLevel> levelFromWord(std::string_view word);
// Syslog severity 0 (emerg) .. 7 (debug).
std::optional<LogLevel> levelFromSyslog(int severity);
// bunyan/pino numbers: 10 trace .. 60 fatal.
std::optional<LogLevel> levelFromBunyan(double value);
// An HTTP status: 5xx error, 4xx warning, anything else info.
LogLevel levelFromHttpStatus(int status);
// Looks for a level word near the start of free text ("... ERROR ...",
// "level=warn", "[error]"), for formats that carry no level field.
std::optional<LogLevel> levelFromText(std::string_view text);

} // namespace perfcase
