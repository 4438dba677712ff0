#include "PlaybookEngine.h"

#include "DecisionMaker.h"
#include "QueryRunner.h"
#include "TextTemplate.h"
#include "TimeUtil.h"
#include "sqlite/SqlError.h"

#include <sqlite3.h>

namespace perfcase {

namespace {

SqlValue valueAt(const Statement &statement, int column)
{
    switch (statement.columnType(column)) {
    case SQLITE_INTEGER:
        return statement.int64(column);
    case SQLITE_FLOAT:
        return statement.real(column);
    case SQLITE_NULL:
        return std::monostate();
    default:
        return statement.text(column);
    }
}

bool truthy(const SqlValue &value)
{
    if (auto number = numberOf(value)) return *number != 0;
    if (auto text = std::get_if<std::string>(&value)) return !text->empty() && *text != "0";
    return false;
}

// A column of the evidence by name (-1 when the check does not return it).
int columnIndex(const Statement &statement, const char *name)
{
    for (int i = 0; i < statement.columnCount(); ++i)
        if (statement.columnName(i) == name) return i;
    return -1;
}

} // namespace

PlaybookEngine::PlaybookEngine(QueryRunner &runner) : m_runner(runner) {}

void PlaybookEngine::loadAvailability()
{
    m_tracks.clear();
    m_kinds.clear();
    m_formats.clear();
    Statement tracks = m_runner.prepare("SELECT DISTINCT name FROM v_tracks WHERE row_count > 0");
    while (tracks.step())
        m_tracks.insert(tracks.text(0));
    Statement sources = m_runner.prepare("SELECT DISTINCT kind, format FROM v_sources");
    while (sources.step()) {
        m_kinds.insert(sources.text(0));
        m_formats.insert(sources.text(1));
    }
}

std::vector<std::string> PlaybookEngine::missingFor(const Step &step) const
{
    std::vector<std::string> missing;
    for (const auto &requirement : step.requires_) {
        bool present = !requirement.track.empty()        ? m_tracks.count(requirement.track) > 0
                       : !requirement.sourceKind.empty() ? m_kinds.count(requirement.sourceKind) > 0
                                                         : m_formats.count(requirement.format) > 0;
        if (!present) missing.push_back(requirement.hint);
    }
    return missing;
}

std::string PlaybookEngine::factsSql(const Check &check)
{
    std::string facts = "count(*) AS \"rows\"";
    for (const auto &[name, sql] : check.facts)
        facts += ", (" + sql + ") AS \"" + name + "\"";
    return "SELECT (" + check.failIf + ") AS \"__fail\", (" +
           (check.inconclusiveIf.empty() ? std::string("0") : check.inconclusiveIf) +
           ") AS \"__inconclusive\", * FROM (SELECT " + facts + " FROM (\n" + check.sql + "\n))";
}

void PlaybookEngine::readFacts(const Step &step, StepResult &result)
{
    const std::string sql = factsSql(step.check);
    Statement statement = m_runner.prepare(sql);
    if (!statement.step()) return;
    for (int i = 2; i < statement.columnCount(); ++i)
        result.facts[statement.columnName(i)] = valueAt(statement, i);
    result.evidenceRows = std::get<std::int64_t>(result.facts["rows"]);
    SqlValue fail = valueAt(statement, 0);
    if (truthy(valueAt(statement, 1)) || std::holds_alternative<std::monostate>(fail))
        result.autoVerdict = Verdict::Inconclusive;
    else
        result.autoVerdict = truthy(fail) ? Verdict::Fail : Verdict::Pass;
}

void PlaybookEngine::readEvidence(const Step &step, StepResult &result)
{
    Statement statement = m_runner.prepare("SELECT * FROM (\n" + step.check.sql + "\n) LIMIT " +
                                           std::to_string(kEvidenceLimit));
    int ts = columnIndex(statement, "ts"), end = columnIndex(statement, "end_ts"),
        text = columnIndex(statement, "text"), value = columnIndex(statement, "value");
    while (statement.step()) {
        Evidence row;
        if (ts >= 0) row.ts = statement.optionalInt64(ts);
        if (end >= 0) row.end = statement.optionalInt64(end);
        if (text >= 0 && !statement.isNull(text)) row.text = statement.text(text);
        if (value >= 0 && !statement.isNull(value)) row.value = statement.real(value);
        result.evidence.push_back(std::move(row));
    }
}

StepResult PlaybookEngine::runStep(const Step &step)
{
    StepResult result;
    result.stepId = step.id;
    if (!step.hasCheck) {
        result.summary = "Checked by hand: set the verdict with a justification.";
        return result;
    }
    result.missing = missingFor(step);
    if (!result.missing.empty()) {
        result.summary = "Not checked: the case lacks " + result.missing.front() + ".";
        return result;
    }
    try {
        readFacts(step, result);
        readEvidence(step, result);
    } catch (const std::exception &error) {
        // QueryError or SqlError: a playbook bug or a case the SQL did not
        // expect. The step stays inconclusive and says why.
        result.autoVerdict = Verdict::Inconclusive;
        result.error = error.what();
        result.summary = "The check could not run: " + result.error;
        return result;
    }
    const Check &check = step.check;
    const std::string &text = result.autoVerdict == Verdict::Fail   ? check.failText
                              : result.autoVerdict == Verdict::Pass ? check.passText
                              : !check.inconclusiveText.empty()
                                  ? check.inconclusiveText
                                  : std::string("Not enough data in the case to judge this step.");
    result.summary = TextTemplate::render(text, result.facts);
    return result;
}

void PlaybookEngine::readOverrides(const Playbook &playbook, PlaybookResult &result)
{
    Statement statement = m_runner.prepare(
        "SELECT uuid, step, user_verdict, justification, author, decided_at FROM v_checklist "
        "WHERE playbook = ?1 AND user_verdict IS NOT NULL ORDER BY decided_at, id");
    statement.bind(1, playbook.id);
    std::vector<Override> history;
    while (statement.step()) {
        const std::string verdict = statement.text(2);
        history.push_back({statement.text(0), statement.text(1),
                           parseVerdict(verdict).value_or(Verdict::Inconclusive),
                           statement.optionalText(3).value_or(""),
                           statement.optionalText(4).value_or(""), statement.int64(5),
                           !parseVerdict(verdict)});
    }
    perfcase::applyOverrides(history, result);
}

std::vector<Finding> PlaybookEngine::findingsOf(const Playbook &playbook,
                                                const PlaybookResult &result) const
{
    std::vector<Finding> findings;
    for (const auto &stepResult : result.steps) {
        if (stepResult.verdict() != Verdict::Fail) continue;
        const Step *step = playbook.step(stepResult.stepId);
        Finding finding{step->id, step->severity,
                        stepResult.summary.empty() ? step->title : stepResult.summary, std::nullopt,
                        std::nullopt};
        for (const auto &row : stepResult.evidence) {
            if (!row.ts) continue;
            std::int64_t end = row.end.value_or(*row.ts);
            if (!finding.ts || *row.ts < *finding.ts) finding.ts = row.ts;
            if (!finding.end || end > *finding.end) finding.end = end;
        }
        findings.push_back(std::move(finding));
    }
    return findings;
}

std::vector<QuestionAnswer> PlaybookEngine::answerQuestions(const Playbook &playbook)
{
    std::vector<QuestionAnswer> answers;
    for (const auto &question : playbook.questions) {
        QuestionAnswer answer{question.id, question.text, std::nullopt};
        if (!question.sql.empty()) {
            try {
                Statement statement = m_runner.prepare(question.sql);
                if (statement.step()) {
                    std::map<std::string, SqlValue> columns;
                    for (int i = 0; i < statement.columnCount(); ++i)
                        columns[statement.columnName(i)] = valueAt(statement, i);
                    bool complete = true;
                    for (const auto &name : TextTemplate::names(question.answer)) {
                        auto it = columns.find(name);
                        complete &= it != columns.end() &&
                                    !std::holds_alternative<std::monostate>(it->second);
                    }
                    if (complete) answer.answer = TextTemplate::render(question.answer, columns);
                }
            } catch (const std::exception &) {
                // An answer that cannot be computed leaves the question open.
            }
        }
        answers.push_back(std::move(answer));
    }
    return answers;
}

PlaybookResult PlaybookEngine::run(const Playbook &playbook, const Progress &progress)
{
    PlaybookResult result;
    result.playbook = playbook.id;
    result.checkedAt = nowNs();
    loadAvailability();
    auto steps = playbook.steps();
    int done = 0;
    for (const Step *step : steps) {
        result.steps.push_back(runStep(*step));
        if (progress && !progress(++done, int(steps.size()))) throw Cancelled();
    }
    readOverrides(playbook, result);
    result.findings = findingsOf(playbook, result);
    result.questions = answerQuestions(playbook);
    result.decision = DecisionMaker::decide(playbook, result);
    return result;
}

} // namespace perfcase
