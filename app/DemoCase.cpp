#include "DemoCase.h"

#include "CaseFile.h"
#include "CaseFileError.h"
#include "QueryRunner.h"
#include "UserIdentity.h"
#include "import/ImportBatch.h"
#include "import/ImporterRegistry.h"
#include "playbook/ChecklistStore.h"
#include "playbook/PlaybookCatalog.h"
#include "playbook/PlaybookEngine.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <stdexcept>

namespace perfcase {

namespace {

const QString kCaseName = QStringLiteral("import-lag-demo.perfcase");
const QString kInputs = QStringLiteral(":/demo/import-lag");

// The compiled-in inputs, written out as ordinary files: the importers
// read files, and the user can look at what the case was made from.
QString writeInputs(const QString &folder)
{
    const QString target = folder + QStringLiteral("/inputs");
    if (!QDir().mkpath(target)) throw std::runtime_error("cannot create " + target.toStdString());
    QDirIterator inputs(kInputs, QDir::Files);
    while (inputs.hasNext()) {
        const QString from = inputs.next();
        const QString to = target + u'/' + inputs.fileName();
        QFile::remove(to);
        if (!QFile::copy(from, to)) throw std::runtime_error("cannot write " + to.toStdString());
        // Copies from resources are read-only; the folder is the user's.
        QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                      QFileDevice::ReadGroup | QFileDevice::ReadOther);
    }
    return target;
}

bool opens(const std::string &path)
{
    try {
        CaseFile::open(path, CaseFile::Access::ReadOnly);
        return true;
    } catch (const std::exception &) {
        return false;
    }
}

} // namespace

std::string DemoCase::defaultFolder()
{
    return QString(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                   QStringLiteral("/demo"))
        .toStdString();
}

std::string DemoCase::prepare(const std::string &folder)
{
    const QString dir = QString::fromStdString(folder);
    const std::string casePath = QString(dir + u'/' + kCaseName).toStdString();
    if (QFile::exists(QString::fromStdString(casePath))) {
        if (opens(casePath)) return casePath;
        // Kept, not deleted: it may hold notes; a fresh demo takes its place.
        const QString aside = QString::fromStdString(casePath) + QStringLiteral(".unreadable");
        QFile::remove(aside);
        QFile::rename(QString::fromStdString(casePath), aside);
    }
    build(folder, casePath);
    return casePath;
}

void DemoCase::build(const std::string &folder, const std::string &casePath)
{
    const QString dir = QString::fromStdString(folder);
    const QString inputs = writeInputs(dir);
    // Built beside the final name and renamed when whole, so an interrupted
    // first run leaves no half demo to be reused.
    const QString partial = dir + QStringLiteral("/.building-") + kCaseName;
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(partial + QLatin1String(suffix));
    {
        auto file =
            CaseFile::create(partial.toStdString(),
                             "Demo: the table UI lags after a 10k-row import", currentUserName());
        const ImporterRegistry importers;
        CancelToken never;
        ImportBatch batch(*file, importers);
        std::string failures;
        const auto summary =
            batch.run({inputs.toStdString()}, ImportOptions{}, never, [&](const ImportOutcome &o) {
                if (o.status == ImportOutcome::Status::Failed) failures += " " + o.path;
            });
        if (summary.failed > 0 || summary.imported == 0)
            throw std::runtime_error("the demo inputs did not import:" + failures);
        PlaybookCatalog catalog;
        const Playbook *playbook = catalog.find(kPlaybook);
        if (!playbook) throw std::runtime_error("the import-lag playbook is missing");
        QueryRunner runner(partial.toStdString());
        ChecklistStore(file->db()).saveRun(PlaybookEngine(runner).run(*playbook));
        file->checkpoint();
    }
    QFile::remove(QString::fromStdString(casePath));
    if (!QFile::rename(partial, QString::fromStdString(casePath)))
        throw std::runtime_error("cannot write " + casePath);
}

} // namespace perfcase
