#include "ChecklistSnapshot.h"

#include "playbook/DecisionMaker.h"
#include "sqlite/Database.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

namespace perfcase {

namespace {

SqlValue factOf(const nlohmann::json &value)
{
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) return value.get<std::string>();
    return std::monostate();
}

template<typename T> std::optional<T> optionalOf(const nlohmann::json &object, const char *key)
{
    auto it = object.find(key);
    if (it == object.end() || !it->is_number()) return std::nullopt;
    return it->get<T>();
}

std::string textOf(const nlohmann::json &object, const char *key)
{
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The `evidence` column as ChecklistStore::saveRun() writes it: summary,
// missing, facts, rows, evidence, error. A case is untrusted input, so every
// field is optional and of the wrong type reads as absent.
void readStoredStep(const std::string &json, StepResult &step)
{
    const nlohmann::json document = nlohmann::json::parse(json, nullptr, false);
    if (!document.is_object()) return;
    step.summary = textOf(document, "summary");
    step.error = textOf(document, "error");
    step.evidenceRows = optionalOf<std::int64_t>(document, "rows").value_or(0);
    if (auto missing = document.find("missing"); missing != document.end() && missing->is_array())
        for (const auto &hint : *missing)
            if (hint.is_string()) step.missing.push_back(hint.get<std::string>());
    if (auto facts = document.find("facts"); facts != document.end() && facts->is_object())
        for (const auto &[name, value] : facts->items())
            step.facts[name] = factOf(value);
    if (auto rows = document.find("evidence"); rows != document.end() && rows->is_array())
        for (const auto &row : *rows) {
            if (!row.is_object()) continue;
            step.evidence.push_back({optionalOf<std::int64_t>(row, "ts"),
                                     optionalOf<std::int64_t>(row, "end"), textOf(row, "text"),
                                     optionalOf<double>(row, "value")});
        }
}

// The latest override of each step is current; "auto" hands it back to the
// check (the same rule as PlaybookEngine).
void applyOverrides(const std::vector<Override> &history, PlaybookResult &result)
{
    std::map<std::string, std::optional<Override>> current;
    for (const auto &entry : history)
        current[entry.step] = entry.handsBack ? std::nullopt : std::optional<Override>(entry);
    for (auto &step : result.steps) {
        auto it = current.find(step.stepId);
        step.override = it != current.end() ? it->second : std::nullopt;
    }
}

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
    std::map<std::string, StepResult> stored;
    Statement select =
        db.prepare("SELECT step, auto_verdict, decided_at, evidence FROM v_checklist "
                   "WHERE playbook = ?1 AND user_verdict IS NULL ORDER BY decided_at, id");
    select.bind(1, playbook.id);
    while (select.step()) {
        StepResult step;
        step.stepId = select.text(0);
        step.autoVerdict = parseVerdict(select.text(1)).value_or(Verdict::Inconclusive);
        snapshot.result.checkedAt = std::max(snapshot.result.checkedAt, select.int64(2));
        if (auto json = select.optionalText(3)) readStoredStep(*json, step);
        stored[step.stepId] = std::move(step);
    }
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
