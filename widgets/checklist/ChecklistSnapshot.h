#pragma once

#include "playbook/ChecklistStore.h"
#include "playbook/Playbook.h"
#include "playbook/PlaybookResult.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace perfcase {

class Database;

// What the checklist panel shows of one playbook in one case: the verdicts
// (overrides applied), the evidence, the decision, every override and the
// notes. Plain data, made on a worker thread and handed to the GUI whole.
struct ChecklistSnapshot
{
    PlaybookResult result;           // steps in the playbook's order, decision included
    std::vector<Override> history;   // every override, oldest first
    std::vector<StepNote> notes;     // oldest first
    std::set<std::string> unchecked; // steps with no verdict in the case yet
    bool hasRun = false;             // a check of this playbook is stored (or just ran)
    std::int64_t newerSources = 0;   // sources imported after that check

    // The stored state (ChecklistStore's tables, through the public views):
    // the last check's verdicts and evidence as saveRun() wrote them, then the
    // overrides and the decision over both. Nothing is run.
    static ChecklistSnapshot read(Database &db, const Playbook &playbook);
    // A check that just ran, with the overrides and notes the case holds.
    static ChecklistSnapshot ofRun(Database &db, const Playbook &playbook, PlaybookResult result);
};

} // namespace perfcase
