#pragma once

#include <QCommandLineParser>

#include <optional>

namespace perfcase {

// QCommandLineParser set up for one subcommand, reporting usage errors the
// CLI.md way (exit 2) instead of exiting on its own.
class CommandLine
{
public:
    CommandLine(const QString &command, const QString &synopsis);

    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    // nullopt when parsing worked; otherwise the exit code (usage, or 0 for --help).
    std::optional<int> parse(const QStringList &arguments, int minPositional, int maxPositional);

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }
    // Reports a usage error and returns ExitUsage.
    int usageError(const QString &message) const;

private:
    QCommandLineParser m_parser;
    QString m_command, m_synopsis;
};

} // namespace perfcase
