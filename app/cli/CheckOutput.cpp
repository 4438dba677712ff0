#include "CheckOutput.h"

#include "TimeUtil.h"

namespace perfcase::CheckOutput {

namespace {

using nlohmann::json;

// A time key and its `_ns` sibling (CLI.md: every time key has one).
void putTime(json &object, const std::string &key, const std::optional<std::int64_t> &ns)
{
    object[key] = ns ? json(formatRfc3339(*ns)) : json(nullptr);
    object[key + "_ns"] = ns ? json(*ns) : json(nullptr);
}

json optionalText(const std::string &text)
{
    return text.empty() ? json(nullptr) : json(text);
}

} // namespace

json playbookJson(const Playbook &playbook)
{
    json steps = json::array();
    for (const Step *step : playbook.steps())
        steps.push_back(step->id);
    return {{"id", playbook.id},
            {"title", playbook.title},
            {"version", playbook.version},
            {"path", playbook.path},
            {"builtin", playbook.builtin},
            {"hypotheses", playbook.hypothesisIds()},
            {"steps", steps}};
}

json resultJson(const Playbook &playbook, const PlaybookResult &result)
{
    json steps = json::array();
    for (const auto &stepResult : result.steps) {
        const Step *step = playbook.step(stepResult.stepId);
        json evidence = json::array();
        for (const auto &row : stepResult.evidence) {
            json item = {{"text", row.text},
                         {"value", row.value ? json(*row.value) : json(nullptr)}};
            putTime(item, "ts", row.ts);
            putTime(item, "end", row.end);
            evidence.push_back(std::move(item));
        }
        json facts = json::object();
        for (const auto &[name, value] : stepResult.facts) {
            if (auto number = numberOf(value))
                facts[name] = std::holds_alternative<std::int64_t>(value)
                                  ? json(std::get<std::int64_t>(value))
                                  : json(*number);
            else if (auto text = std::get_if<std::string>(&value))
                facts[name] = *text;
            else
                facts[name] = nullptr;
        }
        const auto &override = stepResult.override;
        steps.push_back({
            {"id", step->id},
            {"title", step->title},
            {"section",
             [&] {
                 for (const auto &section : playbook.sections)
                     for (const auto &candidate : section.steps)
                         if (candidate.id == step->id) return section.id;
                 return std::string();
             }()},
            {"auto_verdict", verdictName(stepResult.autoVerdict)},
            {"user_verdict", override ? json(verdictName(override->verdict)) : json(nullptr)},
            {"verdict", verdictName(stepResult.verdict())},
            {"justification", override ? json(override->justification) : json(nullptr)},
            {"author", override ? optionalText(override->author) : json(nullptr)},
            {"supports", step->supports},
            {"summary", stepResult.summary},
            {"missing", stepResult.missing},
            {"facts", facts},
            {"evidence_rows", stepResult.evidenceRows},
            {"evidence", evidence},
            {"error", optionalText(stepResult.error)},
        });
    }
    json findings = json::array();
    for (const auto &finding : result.findings) {
        json item = {
            {"step", finding.step}, {"severity", finding.severity}, {"title", finding.title}};
        putTime(item, "ts", finding.ts);
        putTime(item, "end", finding.end);
        findings.push_back(std::move(item));
    }
    json questions = json::array();
    for (const auto &question : result.questions)
        questions.push_back({{"id", question.id},
                             {"text", question.text},
                             {"answer", question.answer ? json(*question.answer) : json(nullptr)}});
    json output = {{"playbook", playbook.id},
                   {"hypotheses", playbook.hypothesisIds()},
                   {"steps", steps},
                   {"decision",
                    {{"verdict", result.decision.verdict},
                     {"confidence", result.decision.confidence},
                     {"reasoning", result.decision.reasoning}}},
                   {"findings", findings},
                   {"questions", questions}};
    putTime(output, "checked_at", result.checkedAt);
    return output;
}

std::string resultText(const Playbook &playbook, const PlaybookResult &result)
{
    std::string out = playbook.id + ": " + playbook.title + "\n\n";
    char line[128];
    std::snprintf(line, sizeof line, "Decision: %s (confidence %.2f)\n",
                  result.decision.verdict.c_str(), result.decision.confidence);
    out += line;
    out += result.decision.reasoning + "\n";
    for (const auto &section : playbook.sections) {
        out += "\n" + section.title + "\n";
        for (const auto &step : section.steps) {
            const StepResult *stepResult = result.step(step.id);
            std::string verdict = verdictName(stepResult->verdict());
            for (auto &c : verdict)
                c = char(std::toupper(static_cast<unsigned char>(c)));
            if (verdict == "INCONCLUSIVE") verdict = "N/A";
            std::snprintf(line, sizeof line, "  [%-4s] %-26s ", verdict.c_str(), step.id.c_str());
            out += line + step.title + (stepResult->override ? "  (set by hand)" : "") + "\n";
            out += "         " + stepResult->summary + "\n";
        }
    }
    bool open = false;
    for (const auto &question : result.questions) {
        if (question.answer) continue;
        if (!open) out += "\nOpen questions\n";
        open = true;
        out += "  - " + question.text + "\n";
    }
    return out;
}

} // namespace perfcase::CheckOutput
