#pragma once

#include "ChecklistSnapshot.h"
#include "playbook/PlaybookEngine.h"

#include <QString>
#include <string>

namespace perfcase {

// What a checklist task hands back to the panel.
struct ChecklistOutcome
{
    ChecklistSnapshot snapshot;
    bool ok = false;        // snapshot holds the case's state
    bool cancelled = false; // the run was cancelled: nothing changed
    bool saved = false;     // a run's verdicts were written to the case
    QString error;          // why the task failed (ok == false)
    QString notice;         // something the user should know (e.g. read-only)
};

// The checklist panel's work, run off the GUI thread: each function opens the
// connections it needs and closes them before returning, so it can run on any
// pool thread and outlive the panel that started it. None throws.
namespace ChecklistTasks {

// The stored state, read-only; nothing runs.
ChecklistOutcome load(const std::string &casePath, const Playbook &playbook);
// Runs the playbook's checks on a read-only QueryRunner of its own, then
// saves the verdicts on a writable connection (a read-only case keeps them
// on screen only). progress returning false cancels before saving.
ChecklistOutcome run(const std::string &casePath, const Playbook &playbook,
                     const PlaybookEngine::Progress &progress);
// verdict: pass, fail, inconclusive or auto (hand back to the check).
ChecklistOutcome setOverride(const std::string &casePath, const Playbook &playbook,
                             const std::string &step, const std::string &verdict,
                             const std::string &justification, const std::string &author);
ChecklistOutcome addNote(const std::string &casePath, const Playbook &playbook,
                         const std::string &step, const std::string &text,
                         const std::string &author);

} // namespace ChecklistTasks

} // namespace perfcase
