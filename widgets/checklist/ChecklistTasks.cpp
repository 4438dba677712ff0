#include "ChecklistTasks.h"

#include "CaseFile.h"
#include "CaseFileError.h"
#include "QueryRunner.h"

#include <QCoreApplication>
#include <exception>
#include <functional>

namespace perfcase::ChecklistTasks {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("perfcase::ChecklistTasks", text);
}

// Runs work, turning whatever it throws into the outcome's error: a task
// on a pool thread must never let an exception escape.
ChecklistOutcome guarded(const std::function<ChecklistOutcome()> &work)
{
    try {
        return work();
    } catch (const std::exception &error) {
        ChecklistOutcome outcome;
        outcome.error = QString::fromStdString(error.what());
        return outcome;
    } catch (...) {
        ChecklistOutcome outcome;
        outcome.error = tr("unexpected error");
        return outcome;
    }
}

std::unique_ptr<CaseFile> openWritable(const std::string &casePath)
{
    auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite);
    file->requireWritable();
    return file;
}

ChecklistOutcome stored(CaseFile &file, const Playbook &playbook)
{
    ChecklistOutcome outcome;
    outcome.snapshot = ChecklistSnapshot::read(file.db(), playbook);
    outcome.ok = true;
    return outcome;
}

} // namespace

ChecklistOutcome load(const std::string &casePath, const Playbook &playbook)
{
    return guarded([&] {
        auto file = CaseFile::open(casePath, CaseFile::Access::ReadOnly);
        return stored(*file, playbook);
    });
}

ChecklistOutcome run(const std::string &casePath, const Playbook &playbook,
                     const PlaybookEngine::Progress &progress)
{
    return guarded([&] {
        ChecklistOutcome outcome;
        PlaybookResult result;
        try {
            QueryRunner runner(casePath);
            PlaybookEngine engine(runner);
            result = engine.run(playbook, progress);
        } catch (const PlaybookEngine::Cancelled &) {
            outcome.cancelled = true;
            return outcome;
        }
        auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite);
        if (file->isReadOnly()) {
            outcome.notice = tr("The case is read-only: these verdicts are not stored in it.");
        } else {
            // The verdicts are worth showing even when they cannot be stored
            // (another writer held the case past the busy timeout).
            try {
                ChecklistStore(file->db()).saveRun(result);
                outcome.saved = true;
            } catch (const std::exception &error) {
                outcome.notice = tr("These verdicts could not be stored in the case: %1")
                                     .arg(QString::fromStdString(error.what()));
            }
        }
        outcome.snapshot = ChecklistSnapshot::ofRun(file->db(), playbook, std::move(result));
        outcome.ok = true;
        return outcome;
    });
}

ChecklistOutcome setOverride(const std::string &casePath, const Playbook &playbook,
                             const std::string &step, const std::string &verdict,
                             const std::string &justification, const std::string &author)
{
    return guarded([&] {
        auto file = openWritable(casePath);
        ChecklistStore(file->db()).setOverride(playbook.id, step, verdict, justification, author);
        return stored(*file, playbook);
    });
}

ChecklistOutcome addNote(const std::string &casePath, const Playbook &playbook,
                         const std::string &step, const std::string &text,
                         const std::string &author)
{
    return guarded([&] {
        auto file = openWritable(casePath);
        ChecklistStore(file->db()).addNote(playbook.id, step, text, author);
        return stored(*file, playbook);
    });
}

} // namespace perfcase::ChecklistTasks
