#pragma once

#include <QStringList>

namespace perfcase {

// Each headless subcommand: takes its arguments (after the subcommand word)
// and returns the exit code. Messages follow CLI.md.
int runNewCommand(const QStringList &arguments);
int runImportCommand(const QStringList &arguments);
int runInfoCommand(const QStringList &arguments);
int runQueryCommand(const QStringList &arguments);
int runFormatsCommand(const QStringList &arguments);
int runPlaybooksCommand(const QStringList &arguments);
int runCheckCommand(const QStringList &arguments);

} // namespace perfcase
