#include "CommandLine.h"

#include "CliOutput.h"
#include "ExitCode.h"

#include <cstdio>

namespace perfcase {

CommandLine::CommandLine(const QString &command, const QString &synopsis)
    : m_command(command), m_synopsis(synopsis)
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption(QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                                          QStringLiteral("Show this help.")));
}

std::optional<int> CommandLine::parse(const QStringList &arguments, int minPositional,
                                      int maxPositional)
{
    QStringList withProgram = arguments;
    withProgram.prepend(QStringLiteral("perfcase ") + m_command);
    if (!m_parser.parse(withProgram))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        std::printf("usage: perfcase %s %s\n\n%s", qPrintable(m_command), qPrintable(m_synopsis),
                    qPrintable(m_parser.helpText().section(QLatin1Char('\n'), 2)));
        return ExitOk;
    }
    const int count = int(m_parser.positionalArguments().size());
    if (count < minPositional)
        return usageError(QStringLiteral("missing arguments"));
    if (maxPositional >= 0 && count > maxPositional)
        return usageError(QStringLiteral("too many arguments"));
    return std::nullopt;
}

int CommandLine::usageError(const QString &message) const
{
    const QString text = message + QStringLiteral(" (usage: perfcase ") + m_command +
                         QLatin1Char(' ') + m_synopsis + QLatin1Char(')');
    CliOutput::error(text.toStdString());
    return ExitUsage;
}

} // namespace perfcase
