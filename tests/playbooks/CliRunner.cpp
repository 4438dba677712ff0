#include "CliRunner.h"

#include <QProcess>

CliResult runPerfcase(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(QStringLiteral(PERFCASE_BINARY), arguments);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

bool buildCase(const QString &casePath, const QList<QStringList> &imports, QString *error)
{
    CliResult created = runPerfcase({QStringLiteral("new"), casePath});
    if (created.exitCode != 0) {
        *error = QStringLiteral("new: ") + QString::fromUtf8(created.err);
        return false;
    }
    for (const QStringList &import : imports) {
        CliResult imported = runPerfcase(QStringList{QStringLiteral("import"), casePath} + import);
        if (imported.exitCode != 0) {
            *error = QStringLiteral("import %1: %2")
                         .arg(import.join(u' '), QString::fromUtf8(imported.err));
            return false;
        }
    }
    return true;
}
