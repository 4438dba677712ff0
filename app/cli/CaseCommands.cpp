// new, info, query and formats: the commands that read or create a case.
#include "CaseFile.h"
#include "CaseFileError.h"
#include "CaseInfo.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "QueryRunner.h"
#include "UserIdentity.h"
#include "import/ImporterRegistry.h"
#include "sqlite/SqlError.h"

#include <QByteArray>
#include <QFileInfo>
#include <cstdio>
#include <sqlite3.h>

namespace perfcase {

namespace {

// RFC 4180: quote when needed, double the quotes.
std::string csvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace

int runNewCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("new"), QStringLiteral("CASE [--title T]"));
    cli.addOption(
        {QStringLiteral("title"), QStringLiteral("The case's title."), QStringLiteral("T")});
    if (auto exit = cli.parse(arguments, 1, 1)) return *exit;
    const QString path = cli.positional().at(0);
    const QString title = cli.isSet(QStringLiteral("title")) ? cli.value(QStringLiteral("title"))
                                                             : QFileInfo(path).completeBaseName();
    try {
        auto file = CaseFile::create(path.toStdString(), title.toStdString(), currentUserName());
        std::printf("created %s (case %s)\n", qPrintable(path), file->meta("case_uuid").c_str());
        return ExitOk;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(path.toStdString(), error);
    }
}

int runInfoCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("info"), QStringLiteral("CASE [--json]"));
    cli.addOption({QStringLiteral("json"), QStringLiteral("Print JSON (CLI.md shape).")});
    if (auto exit = cli.parse(arguments, 1, 1)) return *exit;
    const std::string path = cli.positional().at(0).toStdString();
    try {
        auto file = CaseFile::open(path, CaseFile::Access::ReadOnly);
        nlohmann::json info = CaseInfo::collect(*file);
        if (cli.isSet(QStringLiteral("json")))
            CliOutput::printLine(
                info.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        else
            std::fputs(CaseInfo::toText(info).c_str(), stdout);
        return ExitOk;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(path, error);
    } catch (const SqlError &error) {
        return CliOutput::caseError(path, error, CliOutput::CaseUse::Reading);
    }
}

int runQueryCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("query"), QStringLiteral("CASE SQL [--csv|--json]"));
    cli.addOption({QStringLiteral("csv"), QStringLiteral("CSV with a header row (default).")});
    cli.addOption(
        {QStringLiteral("json"), QStringLiteral("{\"columns\": [...], \"rows\": [[...]]}")});
    if (auto exit = cli.parse(arguments, 2, 2)) return *exit;
    if (cli.isSet(QStringLiteral("csv")) && cli.isSet(QStringLiteral("json")))
        return cli.usageError(QStringLiteral("--csv and --json exclude each other"));
    const std::string path = cli.positional().at(0).toStdString();
    const std::string sql = cli.positional().at(1).toStdString();
    const bool json = cli.isSet(QStringLiteral("json"));
    try {
        QueryRunner runner(path);
        Statement statement = [&] {
            try {
                return runner.prepare(sql);
            } catch (const QueryError &error) {
                throw std::pair<int, std::string>(ExitUsage, error.what());
            }
        }();
        // Some errors surface only when the first row is produced (an FTS5
        // MATCH that does not parse): they are still the query's fault.
        bool hasRow = false;
        try {
            hasRow = statement.step();
        } catch (const SqlError &error) {
            std::string message = error.what();
            if (message.find("syntax error") != std::string::npos ||
                message.find("fts5:") != std::string::npos ||
                message.find("no such column") != std::string::npos)
                throw std::pair<int, std::string>(ExitUsage, message);
            throw;
        }
        const int columns = statement.columnCount();
        nlohmann::json names = nlohmann::json::array();
        for (int c = 0; c < columns; ++c)
            names.push_back(statement.columnName(c));
        if (json)
            std::printf("{\"columns\":%s,\"rows\":[", names.dump().c_str());
        else {
            std::string header;
            for (int c = 0; c < columns; ++c)
                header += (c ? "," : "") + csvField(statement.columnName(c));
            CliOutput::printLine(header);
        }
        bool first = true;
        for (; hasRow; hasRow = statement.step()) {
            if (json) {
                nlohmann::json row = nlohmann::json::array();
                for (int c = 0; c < columns; ++c) {
                    switch (statement.columnType(c)) {
                    case SQLITE_NULL:
                        row.push_back(nullptr);
                        break;
                    case SQLITE_INTEGER:
                        row.push_back(statement.int64(c));
                        break;
                    case SQLITE_FLOAT:
                        row.push_back(statement.real(c));
                        break;
                    case SQLITE_BLOB: {
                        auto bytes = statement.blob(c);
                        row.push_back(QByteArray(bytes.data(), qsizetype(bytes.size()))
                                          .toBase64()
                                          .toStdString());
                        break;
                    }
                    default:
                        row.push_back(statement.text(c));
                    }
                }
                std::printf(
                    "%s%s", first ? "" : ",",
                    row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
            } else {
                std::string line;
                for (int c = 0; c < columns; ++c) {
                    if (c) line += ',';
                    if (statement.columnType(c) == SQLITE_BLOB) {
                        auto bytes = statement.blob(c);
                        line += QByteArray(bytes.data(), qsizetype(bytes.size()))
                                    .toBase64()
                                    .toStdString();
                    } else if (!statement.isNull(c)) {
                        line += csvField(statement.textView(c));
                    }
                }
                CliOutput::printLine(line);
            }
            first = false;
        }
        if (json) std::printf("]}\n");
        return ExitOk;
    } catch (const std::pair<int, std::string> &usage) {
        CliOutput::error("query: " + usage.second);
        return usage.first;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(path, error);
    } catch (const SqlError &error) {
        std::fflush(stdout);
        CliOutput::error("query failed: " + std::string(error.what()));
        return ExitCannotRun;
    }
}

int runFormatsCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("formats"), QStringLiteral("[--json]"));
    cli.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (auto exit = cli.parse(arguments, 0, 0)) return *exit;
    const ImporterRegistry registry;
    nlohmann::json list = nlohmann::json::array();
    for (const Importer *importer : registry.all())
        list.push_back(
            {{"id", importer->id()}, {"kind", importer->kind()}, {"title", importer->title()}});
    if (cli.isSet(QStringLiteral("json"))) {
        CliOutput::printLine(list.dump());
    } else {
        for (const auto &entry : list)
            std::printf("%-18s %-6s %s\n", entry["id"].get<std::string>().c_str(),
                        entry["kind"].get<std::string>().c_str(),
                        entry["title"].get<std::string>().c_str());
    }
    for (const std::string &error : registry.logFormats().loadErrors())
        CliOutput::warning(error, 0, -1, "format not loaded");
    return ExitOk;
}

} // namespace perfcase
