#include "CaseOpener.h"

#include "CaseFile.h"
#include "CaseFileError.h"
#include "ProgressRunner.h"

#include <QDir>
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
        outcome.failure = CaseOpener::Failure{
            QString::fromStdString(error.what()), error.kind() == CaseFileError::Missing,
            error.kind() == CaseFileError::Cancelled, CaseOpener::adviceFor(error.kind())};
    } catch (const std::exception &error) {
        outcome.failure = CaseOpener::Failure{QString::fromStdString(error.what()), false, false,
                                              CaseOpener::adviceFor(CaseFileError::Io)};
    }
    return outcome;
}

} // namespace

QString CaseOpener::adviceFor(int kind)
{
    switch (CaseFileError::Kind(kind)) {
    case CaseFileError::Missing:
        return QObject::tr("It was moved or deleted; it is taken off Open Recent.");
    case CaseFileError::NotACaseFile:
        return QObject::tr("Open a .perfcase file here. To look at logs, traces, HAR files or "
                           "kubectl output, create a case (File › New Case…) and import them, "
                           "or drop them on the window.");
    case CaseFileError::Newer:
        return QObject::tr("A newer Perfcase wrote it: update Perfcase to open it.");
    case CaseFileError::Corrupt:
        return QObject::tr("Ask for the file again: it may have been cut short on the way. "
                           "`perfcase info CASE` shows what could be read.");
    case CaseFileError::Hostile:
        return QObject::tr("Its schema is not exactly Perfcase's, so it was not opened (a case "
                           "from elsewhere is untrusted). Ask the sender for a copy made with "
                           "File › Export for Sharing or `perfcase export --share`.");
    case CaseFileError::Locked:
        return QObject::tr("Another program is writing it: wait for it to finish (an import or "
                           "a collection), or close it there, then open the case again.");
    case CaseFileError::Io:
        return QObject::tr("Check that the file can be read (permissions, disk, network "
                           "share), then try again.");
    default:
        return {};
    }
}

std::optional<CaseOpener::Opened> CaseOpener::open(QWidget *parent, const QString &path,
                                                   Failure &failure)
{
    auto cancel = std::make_shared<std::atomic_bool>(false);
    Outcome outcome = runWithProgress<Outcome>(
        parent, QObject::tr("Opening Case"),
        QObject::tr("Checking %1…\nA case file from elsewhere is read whole once before it opens.")
            .arg(QDir::toNativeSeparators(path)),
        [path, cancel] { return openOnWorker(path, cancel.get()); }, [cancel] { *cancel = true; });
    if (outcome.failure) {
        failure = *outcome.failure;
        return std::nullopt;
    }
    return outcome.opened;
}

} // namespace perfcase
