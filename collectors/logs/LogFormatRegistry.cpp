#include "LogFormatRegistry.h"

#include "JsonLogFormat.h"
#include "RegexLogFormat.h"
#include "UntrustedJson.h"
#include "ZoneResolver.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace perfcase {

LogFormatRegistry::LogFormatRegistry()
{
    // Its samples are checked like those of the formats in files: a bundled
    // one that fails them is a bug (logic_error), caught by every test.
    auto json = std::make_unique<JsonLogFormat>();
    try {
        json->checkSamples();
    } catch (const std::exception &error) {
        throw std::logic_error(std::string("bundled format: ") + error.what());
    }
    add(std::move(json));
    loadFolder(QStringLiteral(":/formats"), true);
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    if (!config.isEmpty())
        loadFolder(config + QStringLiteral("/perfcase/formats"), false);
    std::stable_sort(m_formats.begin(), m_formats.end(), [](const auto &a, const auto &b) {
        return a->priority() > b->priority();
    });
}

LogFormatRegistry::~LogFormatRegistry() = default;

void LogFormatRegistry::add(std::unique_ptr<LogFormat> format)
{
    auto same = std::find_if(m_formats.begin(), m_formats.end(),
                             [&](const auto &known) { return known->id() == format->id(); });
    if (same != m_formats.end())
        *same = std::move(format);
    else
        m_formats.push_back(std::move(format));
}

std::string LogFormatRegistry::unloadedNote() const
{
    if (m_loadErrors.empty()) return {};
    const std::size_t more = m_loadErrors.size() - 1;
    return " (a log format of yours did not load: " + m_loadErrors.front() +
           (more ? "; and " + std::to_string(more) + " more" : std::string()) +
           "; `perfcase formats` lists them)";
}

void LogFormatRegistry::loadFolder(const QString &folder, bool builtin)
{
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        std::string where = dir.filePath(name).toStdString();
        try {
            if (!file.open(QIODevice::ReadOnly))
                throw std::runtime_error("cannot read");
            UntrustedJson::Problem problem;
            auto definition = UntrustedJson::parse(file.readAll().toStdString(), &problem);
            if (definition.is_discarded())
                throw std::runtime_error("not valid JSON: " + problem.message +
                                         (problem.offset >= 0
                                              ? " (byte " + std::to_string(problem.offset) + ")"
                                              : std::string()));
            auto format = std::make_unique<RegexLogFormat>(definition);
            format->checkSamples();
            add(std::move(format));
        } catch (const std::exception &error) {
            if (builtin)
                throw std::logic_error("bundled format " + where + ": " + error.what());
            m_loadErrors.push_back(where + ": " + error.what());
        }
    }
}

const LogFormat *LogFormatRegistry::find(std::string_view id) const
{
    for (const auto &format : m_formats) {
        if (format->id() == id)
            return format.get();
    }
    return nullptr;
}

std::optional<LogFormatRegistry::Detection>
LogFormatRegistry::detect(const std::vector<std::string_view> &lines) const
{
    std::optional<Detection> best;
    for (const auto &format : m_formats) {
        auto parser = format->makeParser();
        LineResult result;
        int considered = 0, timed = 0, timeless = 0;
        for (std::string_view line : lines) {
            if (line.find_first_not_of(" \t") == std::string_view::npos)
                continue;
            ++considered;
            parser->parse(line, result);
            if (result.starts)
                ++(result.timeless ? timeless : timed);
        }
        if (timed == 0 || considered == 0)
            continue;
        double score = (timed + 0.5 * timeless) / considered;
        // Formats are sorted by priority, so a later one must do strictly better.
        if (!best || score > best->score + 1e-9)
            best = Detection{format.get(), score};
    }
    return best;
}

} // namespace perfcase
