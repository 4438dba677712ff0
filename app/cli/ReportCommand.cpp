// report: run a playbook's checks and write the report (Markdown or PDF).
#include "CaseFileError.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "QueryRunner.h"
#include "playbook/PlaybookCatalog.h"
#include "playbook/PlaybookEngine.h"
#include "report/ReportWriter.h"
#include "report/TimelineFigureRenderer.h"
#include "sqlite/SqlError.h"

#include <QFileInfo>
#include <cstdio>

namespace perfcase {

int runReportCommand(const QStringList &arguments)
{
    CommandLine cli(
        QStringLiteral("report"),
        QStringLiteral("CASE --playbook ID [--format md|pdf] [--page A4|Letter] -o FILE"));
    cli.addOption({QStringLiteral("playbook"), QStringLiteral("The playbook to report on."),
                   QStringLiteral("ID")});
    cli.addOption({QStringLiteral("format"), QStringLiteral("md or pdf (default: from -o)."),
                   QStringLiteral("F")});
    cli.addOption({QStringLiteral("page"), QStringLiteral("A4 (default) or Letter."),
                   QStringLiteral("SIZE")});
    cli.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                   QStringLiteral("The report file."),
                   QStringLiteral("FILE")});
    if (auto exit = cli.parse(arguments, 1, 1)) return *exit;
    const QString output = cli.value(QStringLiteral("output"));
    if (output.isEmpty()) return cli.usageError(QStringLiteral("-o FILE is required"));
    const QString format = reportFormat(output, cli.value(QStringLiteral("format")));
    if (format.isEmpty())
        return cli.usageError(QStringLiteral("the report format is md or pdf (from --format or the "
                                             "extension of -o)"));
    const QString page = cli.value(QStringLiteral("page"));
    if (!page.isEmpty() && page.compare(QLatin1String("A4"), Qt::CaseInsensitive) != 0 &&
        page.compare(QLatin1String("Letter"), Qt::CaseInsensitive) != 0)
        return cli.usageError(QStringLiteral("--page is A4 or Letter"));
    PlaybookCatalog catalog;
    const Playbook *playbook = requirePlaybook(cli, catalog);
    if (!playbook) return ExitUsage;

    const bool letter = page.compare(QLatin1String("Letter"), Qt::CaseInsensitive) == 0;
    return writeReportFile(cli.positional().at(0).toStdString(), *playbook, output, format, letter);
}

int writeReportFile(const std::string &path, const Playbook &playbook, const QString &output,
                    const QString &format, bool letter)
{
    try {
        QueryRunner runner(path);
        PlaybookResult result = PlaybookEngine(runner).run(playbook);
        TimelineFigureRenderer figures;
        const std::string out = output.toStdString();
        ReportWriter::write(path, playbook, result, &figures, out,
                            format == QLatin1String("md") ? ReportWriter::Format::Markdown
                                                          : ReportWriter::Format::Pdf,
                            letter ? ReportWriter::PageSize::Letter : ReportWriter::PageSize::A4);
        std::printf("wrote %s (%s, verdict %s, confidence %.2f)\n", out.c_str(), qPrintable(format),
                    result.decision.verdict.c_str(), result.decision.confidence);
        return ExitOk;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(path, error);
    } catch (const SqlError &error) {
        return CliOutput::caseError(path, error, CliOutput::CaseUse::Reading);
    } catch (const ReportError &error) {
        CliOutput::error(error.what());
        return ExitCannotRun;
    }
}

QString reportFormat(const QString &output, const QString &option)
{
    QString format = option.toLower();
    if (format.isEmpty()) format = QFileInfo(output).suffix().toLower();
    if (format == QLatin1String("markdown")) format = QStringLiteral("md");
    if (format != QLatin1String("md") && format != QLatin1String("pdf")) return {};
    return format;
}

} // namespace perfcase
