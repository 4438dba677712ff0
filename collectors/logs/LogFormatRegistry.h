#pragma once

#include "LogFormat.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// The log formats Perfcase knows: the bundled ones (resources/formats/*.json
// plus JSON lines) and a user's own in $XDG_CONFIG_HOME/perfcase/formats/.
// A user format with a bundled id replaces it. Detection sniffs a sample of
// lines, like Perfetto's trace-type guess: every format parses the sample,
// the best share of record starts wins, priority breaks ties.
class LogFormatRegistry
{
public:
    // Loads and checks every format; a user format that fails its samples is
    // left out and reported in loadErrors().
    LogFormatRegistry();
    ~LogFormatRegistry();

    const LogFormat *find(std::string_view id) const;
    const std::vector<std::unique_ptr<LogFormat>> &formats() const { return m_formats; }
    const std::vector<std::string> &loadErrors() const { return m_loadErrors; }
    // For messages about a file nothing read: " (a log format of yours did
    // not load: FILE: WHY; ...)" naming the first, or "" when all loaded.
    std::string unloadedNote() const;

    struct Detection
    {
        const LogFormat *format = nullptr;
        double score = 0; // share of sample lines that start a timed record
    };
    std::optional<Detection> detect(const std::vector<std::string_view> &lines) const;

private:
    void add(std::unique_ptr<LogFormat> format);
    void loadFolder(const QString &folder, bool builtin);

    std::vector<std::unique_ptr<LogFormat>> m_formats;
    std::vector<std::string> m_loadErrors;
};

} // namespace perfcase
