#pragma once

#include "PlaybookResult.h"

#include <map>
#include <string>
#include <vector>

namespace perfcase {

class Database;

// The last check of a playbook as the case keeps it.
struct StoredRun
{
    std::int64_t checkedAt = 0;
    std::map<std::string, StepResult> steps; // by step id; empty: never checked
};

// A note a user wrote on a step.
struct StepNote
{
    std::string uuid, step, author, text;
    std::int64_t createdAt = 0;
};

// The checklist's state in the case file (tables `checklist`, `findings`,
// `notes`): the automatic verdicts of the last check, every override with its
// author, time and justification (the latest is current; all stay as
// history), and notes. Every call commits at once.
class ChecklistStore
{
public:
    explicit ChecklistStore(Database &db);

    // Replaces the playbook's automatic verdicts and findings with these.
    void saveRun(const PlaybookResult &result);
    // What saveRun() stored: verdicts, summaries, facts, evidence, missing
    // data. Overrides are not applied (overrideHistory() has them).
    StoredRun loadRun(const std::string &playbook);

    // verdict "pass", "fail", "inconclusive", or "auto" to hand the step back
    // to its check. Throws std::invalid_argument without a justification.
    Override setOverride(const std::string &playbook, const std::string &step,
                         const std::string &verdict, const std::string &justification,
                         const std::string &author);
    // Every override of the playbook, oldest first, hand-backs included.
    std::vector<Override> overrideHistory(const std::string &playbook);

    StepNote addNote(const std::string &playbook, const std::string &step, const std::string &text,
                     const std::string &author);
    std::vector<StepNote> notes(const std::string &playbook);

private:
    Database &m_db;
};

} // namespace perfcase
