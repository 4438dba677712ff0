#include "ChecklistSnapshot.h"

#include "playbook/DecisionMaker.h"
#include "sqlite/Database.h"

#include <algorithm>
#include <map>
#include <optional>

namespace perfcase {

namespace {

void readUserState(Database &db, const Playbook &playbook, ChecklistSnapshot &snapshot)
{
    ChecklistStore store(db);
    snapshot.history = store.overrideHistory(playbook.id);
    snapshot.notes = store.notes(playbook.id);
    applyOverrides(snapshot.history, snapshot.result);
    snapshot.result.decision = DecisionMaker::decide(playbook, snapshot.result);
    if (snapshot.hasRun) {
        Statement newer = db.prepare("SELECT count(*) FROM v_sources WHERE imported_at > ?1");
        newer.bind(1, snapshot.result.checkedAt);
        snapshot.newerSources = newer.step() ? newer.int64(0) : 0;
    }
}

} // namespace

ChecklistSnapshot ChecklistSnapshot::read(Database &db, const Playbook &playbook)
{
    ChecklistSnapshot snapshot;
    snapshot.result.playbook = playbook.id;
    StoredRun run = ChecklistStore(db).loadRun(playbook.id);
    snapshot.result.checkedAt = run.checkedAt;
    auto &stored = run.steps;
    snapshot.hasRun = !stored.empty();
    // The playbook's order, not the table's; a step the stored run did not
    // know (the playbook changed since) shows as not checked.
    for (const Step *step : playbook.steps()) {
        auto it = stored.find(step->id);
        if (it != stored.end()) {
            snapshot.result.steps.push_back(std::move(it->second));
            continue;
        }
        StepResult unchecked;
        unchecked.stepId = step->id;
        unchecked.summary = "Not checked yet.";
        snapshot.unchecked.insert(step->id);
        snapshot.result.steps.push_back(std::move(unchecked));
    }
    readUserState(db, playbook, snapshot);
    return snapshot;
}

ChecklistSnapshot ChecklistSnapshot::ofRun(Database &db, const Playbook &playbook,
                                           PlaybookResult result)
{
    ChecklistSnapshot snapshot;
    snapshot.result = std::move(result);
    snapshot.hasRun = true;
    readUserState(db, playbook, snapshot);
    return snapshot;
}

} // namespace perfcase
