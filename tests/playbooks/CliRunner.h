#pragma once

#include <QByteArray>
#include <QStringList>

// Runs the real `perfcase` binary (PERFCASE_BINARY) the way a script does.
struct CliResult
{
    int exitCode = -1;
    QByteArray out, err;
};

CliResult runPerfcase(const QStringList &arguments, int timeoutMs = 120000);
// `perfcase new` then `perfcase import` of each path with its arguments.
bool buildCase(const QString &casePath, const QList<QStringList> &imports, QString *error);
