#pragma once

#include <QEventLoop>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>

namespace perfcase {

// Work the window must wait for (opening a case from elsewhere, building the
// demo): it runs on a pool thread while the window keeps painting, and a
// window-modal progress dialog appears if it takes more than a moment. With
// cancel, the dialog has a Cancel button that calls it; work must then stop
// soon and return.
template<typename Result>
Result runWithProgress(QWidget *parent, const QString &title, const QString &label,
                       std::function<Result()> work, std::function<void()> cancel = {})
{
    QFutureWatcher<Result> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<Result>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run(std::move(work)));
    QProgressDialog progress(label, cancel ? QObject::tr("Cancel") : QString(), 0, 0, parent);
    progress.setWindowTitle(title);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400); // what is quick never shows it
    if (cancel) QObject::connect(&progress, &QProgressDialog::canceled, &loop, cancel);
    progress.setValue(0);
    if (!watcher.isFinished()) loop.exec();
    watcher.waitForFinished();
    progress.reset();
    return watcher.result();
}

} // namespace perfcase
