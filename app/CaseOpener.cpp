#include "CaseOpener.h"

#include "CaseFile.h"
#include "CaseFileError.h"

#include <QDir>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QtConcurrent>
#include <atomic>
#include <memory>

namespace perfcase {

namespace {

struct Outcome
{
    CaseOpener::Opened opened;
    std::optional<CaseOpener::Failure> failure;
};

Outcome openOnWorker(const QString &path, const std::atomic_bool *cancel)
{
    Outcome outcome;
    try {
        // A writable open also finishes or removes sources an earlier import
        // left behind, before the models look.
        auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadWrite,
                                   [cancel] { return cancel->load(); });
        outcome.opened.title = QString::fromStdString(file->meta("title"));
        outcome.opened.readOnly = file->isReadOnly();
    } catch (const CaseFileError &error) {
        outcome.failure = CaseOpener::Failure{QString::fromStdString(error.what()),
                                              error.kind() == CaseFileError::Missing,
                                              error.kind() == CaseFileError::Cancelled};
    } catch (const std::exception &error) {
        outcome.failure = CaseOpener::Failure{QString::fromStdString(error.what())};
    }
    return outcome;
}

} // namespace

std::optional<CaseOpener::Opened> CaseOpener::open(QWidget *parent, const QString &path,
                                                   Failure &failure)
{
    auto cancel = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<Outcome> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<Outcome>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(
        QtConcurrent::run([path, cancel] { return openOnWorker(path, cancel.get()); }));

    QProgressDialog progress(QObject::tr("Checking %1…\nA case file from elsewhere is read whole "
                                         "once before it opens.")
                                 .arg(QDir::toNativeSeparators(path)),
                             QObject::tr("Cancel"), 0, 0, parent);
    progress.setWindowTitle(QObject::tr("Opening Case"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400); // a known case opens before it would show
    QObject::connect(&progress, &QProgressDialog::canceled, &loop, [cancel] { *cancel = true; });
    progress.setValue(0);
    if (!watcher.isFinished()) loop.exec();
    watcher.waitForFinished();
    progress.reset();

    Outcome outcome = watcher.result();
    if (outcome.failure) {
        failure = *outcome.failure;
        return std::nullopt;
    }
    return outcome.opened;
}

} // namespace perfcase
