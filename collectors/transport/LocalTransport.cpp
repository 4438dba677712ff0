#include "LocalTransport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStringList>

namespace perfcase {

namespace {

void stop(QProcess &process)
{
    process.kill();
    process.waitForFinished(2000);
}

} // namespace

CommandResult LocalTransport::run(const std::vector<std::string> &argv, const RunLimits &limits,
                                  const CancelToken &token)
{
    if (argv.empty()) throw std::invalid_argument("empty command");
    QStringList arguments;
    for (std::size_t i = 1; i < argv.size(); ++i)
        arguments << QString::fromStdString(argv[i]);
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(QString::fromStdString(argv.front()), arguments, QIODevice::ReadOnly);
    if (!process.waitForStarted(10'000))
        throw TransportError(TransportError::Kind::Connection,
                             argv.front() +
                                 ": cannot start: " + process.errorString().toStdString());
    CommandResult result;
    auto drain = [&] {
        const QByteArray out = process.readAllStandardOutput();
        const std::size_t room = limits.maxOutputBytes - result.out.size();
        if (std::size_t(out.size()) > room) result.outputCut = true;
        result.out.append(out.constData(), std::min<std::size_t>(room, out.size()));
        result.err += process.readAllStandardError().toStdString();
    };
    // Short waits so that cancel and the deadline are noticed quickly.
    while (!process.waitForFinished(100)) {
        if (process.state() == QProcess::NotRunning) break;
        drain();
        if (token.isCancelled()) {
            stop(process);
            throw Cancelled{};
        }
        if (clock.elapsed() > qint64(limits.timeoutSeconds) * 1000) {
            stop(process);
            throw TransportError(TransportError::Kind::Timeout,
                                 argv.front() + ": no answer within " +
                                     std::to_string(limits.timeoutSeconds) + " s");
        }
        if (result.outputCut) {
            stop(process);
            break;
        }
    }
    drain();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.seconds = double(clock.elapsed()) / 1000.0;
    return result;
}

} // namespace perfcase
