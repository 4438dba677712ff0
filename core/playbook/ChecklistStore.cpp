#include "ChecklistStore.h"

#include "TimeUtil.h"
#include "UntrustedJson.h"
#include "sqlite/Database.h"
#include "sqlite/Transaction.h"

#include <QUuid>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace perfcase {

namespace {

std::string newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

nlohmann::json factJson(const SqlValue &value)
{
    if (auto integer = std::get_if<std::int64_t>(&value)) return *integer;
    if (auto real = std::get_if<double>(&value)) return *real;
    if (auto text = std::get_if<std::string>(&value)) return *text;
    return nullptr;
}

// What the checklist keeps of a step's run: enough to show it without
// running the check again (the case may be opened where the data changed).
std::string evidenceJson(const StepResult &step)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto &row : step.evidence) {
        auto optional = [](const auto &value) -> nlohmann::json {
            return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
        };
        rows.push_back({{"ts", optional(row.ts)},
                        {"end", optional(row.end)},
                        {"text", row.text.substr(0, 500)},
                        {"value", optional(row.value)}});
    }
    nlohmann::json facts = nlohmann::json::object();
    for (const auto &[name, value] : step.facts)
        facts[name] = factJson(value);
    nlohmann::json document = {{"summary", step.summary}, {"missing", step.missing},
                               {"facts", facts},          {"rows", step.evidenceRows},
                               {"evidence", rows},        {"error", step.error}};
    return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

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

// The `evidence` column as evidenceJson() writes it. A case is untrusted input, so every
// field is optional and of the wrong type reads as absent.
void readStoredStep(const std::string &json, StepResult &step)
{
    const nlohmann::json document = UntrustedJson::parse(json);
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

} // namespace

ChecklistStore::ChecklistStore(Database &db) : m_db(db) {}

void ChecklistStore::saveRun(const PlaybookResult &result)
{
    Transaction transaction(m_db);
    Statement remove =
        m_db.prepare("DELETE FROM checklist WHERE playbook = ?1 AND user_verdict IS NULL");
    remove.bind(1, result.playbook).run();
    Statement removeFindings = m_db.prepare("DELETE FROM findings WHERE playbook = ?1");
    removeFindings.bind(1, result.playbook).run();
    Statement insert = m_db.prepare(
        "INSERT INTO checklist(uuid, playbook, step, auto_verdict, decided_at, evidence) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const auto &step : result.steps) {
        insert.bind(1, newUuid())
            .bind(2, result.playbook)
            .bind(3, step.stepId)
            .bind(4, verdictName(step.autoVerdict))
            .bind(5, result.checkedAt)
            .bind(6, evidenceJson(step));
        insert.run();
        insert.reset();
    }
    Statement finding = m_db.prepare(
        "INSERT INTO findings(playbook, step, severity, title, ts, end_ts) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6)");
    for (const auto &item : result.findings) {
        finding.bind(1, result.playbook)
            .bind(2, item.step)
            .bind(3, item.severity)
            .bind(4, item.title)
            .bind(5, item.ts)
            .bind(6, item.end);
        finding.run();
        finding.reset();
    }
    m_db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('checked_at', " +
              std::to_string(result.checkedAt) + ")");
    transaction.commit();
}

StoredRun ChecklistStore::loadRun(const std::string &playbook)
{
    StoredRun run;
    Statement select =
        m_db.prepare("SELECT step, auto_verdict, decided_at, evidence FROM checklist "
                     "WHERE playbook = ?1 AND user_verdict IS NULL ORDER BY decided_at, id");
    select.bind(1, playbook);
    while (select.step()) {
        StepResult step;
        step.stepId = select.text(0);
        step.autoVerdict = parseVerdict(select.text(1)).value_or(Verdict::Inconclusive);
        run.checkedAt = std::max(run.checkedAt, select.int64(2));
        if (auto json = select.optionalText(3)) readStoredStep(*json, step);
        run.steps[step.stepId] = std::move(step);
    }
    return run;
}

Override ChecklistStore::setOverride(const std::string &playbook, const std::string &step,
                                     const std::string &verdict, const std::string &justification,
                                     const std::string &author)
{
    if (verdict != "auto" && !parseVerdict(verdict))
        throw std::invalid_argument("a verdict is pass, fail, inconclusive or auto");
    auto blank = justification.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank) throw std::invalid_argument("an override needs a justification");
    Override entry{newUuid(),        step,   parseVerdict(verdict).value_or(Verdict::Inconclusive),
                   justification,    author, nowNs(),
                   verdict == "auto"};
    Statement insert = m_db.prepare(
        "INSERT INTO checklist(uuid, playbook, step, user_verdict, justification, author, "
        "decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, entry.uuid)
        .bind(2, playbook)
        .bind(3, step)
        .bind(4, verdict)
        .bind(5, justification)
        .bind(6, author)
        .bind(7, entry.decidedAt);
    insert.run();
    return entry;
}

std::vector<Override> ChecklistStore::overrideHistory(const std::string &playbook)
{
    std::vector<Override> history;
    Statement statement = m_db.prepare(
        "SELECT uuid, step, user_verdict, justification, ifnull(author, ''), decided_at "
        "FROM checklist WHERE playbook = ?1 AND user_verdict IS NOT NULL ORDER BY decided_at, id");
    statement.bind(1, playbook);
    while (statement.step())
        history.push_back({statement.text(0), statement.text(1),
                           parseVerdict(statement.text(2)).value_or(Verdict::Inconclusive),
                           statement.text(3), statement.text(4), statement.int64(5),
                           statement.text(2) == "auto"});
    return history;
}

StepNote ChecklistStore::addNote(const std::string &playbook, const std::string &step,
                                 const std::string &text, const std::string &author)
{
    StepNote note{newUuid(), step, author, text, nowNs()};
    Statement insert = m_db.prepare(
        "INSERT INTO notes(uuid, playbook, step, author, created_at, text) VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6)");
    insert.bind(1, note.uuid)
        .bind(2, playbook)
        .bind(3, step)
        .bind(4, author)
        .bind(5, note.createdAt)
        .bind(6, text);
    insert.run();
    return note;
}

std::vector<StepNote> ChecklistStore::notes(const std::string &playbook)
{
    std::vector<StepNote> notes;
    Statement statement = m_db.prepare(
        "SELECT uuid, step, ifnull(author, ''), text, created_at FROM notes WHERE playbook = ?1 "
        "ORDER BY created_at, id");
    statement.bind(1, playbook);
    while (statement.step())
        notes.push_back({statement.text(0), statement.text(1), statement.text(2), statement.text(3),
                         statement.int64(4)});
    return notes;
}

} // namespace perfcase
