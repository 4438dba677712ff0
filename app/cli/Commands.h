#pragma once

#include <QStringList>

namespace perfcase {

class CommandLine;
class PlaybookCatalog;
struct Playbook;

// Each headless subcommand: takes its arguments (after the subcommand word)
// and returns the exit code. Messages follow CLI.md.
int runNewCommand(const QStringList &arguments);
int runImportCommand(const QStringList &arguments);
int runInfoCommand(const QStringList &arguments);
int runQueryCommand(const QStringList &arguments);
int runFormatsCommand(const QStringList &arguments);
int runPlaybooksCommand(const QStringList &arguments);
int runCheckCommand(const QStringList &arguments);
int runReportCommand(const QStringList &arguments);
int runCollectCommand(const QStringList &arguments);
int runPrometheusCommand(const QStringList &arguments);
int runExportCommand(const QStringList &arguments);
int runMergeCommand(const QStringList &arguments);
int runRemoveCommand(const QStringList &arguments);
int runDemoCommand(const QStringList &arguments); // demo --report FILE; the window opens the demo

// Runs the playbook on the case and writes its report to output (format "md"
// or "pdf"); prints what was written. Shared by report and demo --report.
int writeReportFile(const std::string &casePath, const Playbook &playbook, const QString &output,
                    const QString &format, bool letter);
// "md" or "pdf" from --format (option) or the extension of output; empty if neither.
QString reportFormat(const QString &output, const QString &option);

// --playbook ID looked up in the catalogue; nullptr after reporting a usage error.
const Playbook *requirePlaybook(const CommandLine &cli, const PlaybookCatalog &catalog);

} // namespace perfcase
