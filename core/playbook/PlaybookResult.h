#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace perfcase {

enum class Verdict
{
    Pass,
    Fail,
    Inconclusive
};

std::string verdictName(Verdict verdict);
std::optional<Verdict> parseVerdict(const std::string &name);

// One SQL value as a check's facts hold it.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;
std::optional<double> numberOf(const SqlValue &value);

// An evidence row of a check: what the timeline can show and the report cite.
struct Evidence
{
    std::optional<std::int64_t> ts, end;
    std::string text;
    std::optional<double> value;
};

// A verdict set by hand, with who and why (the checklist keeps every one).
struct Override
{
    std::string uuid, step;
    Verdict verdict = Verdict::Inconclusive;
    std::string justification, author;
    std::int64_t decidedAt = 0;
    bool handsBack = false; // "auto": the step's check decides again
};

struct StepResult
{
    std::string stepId;
    Verdict autoVerdict = Verdict::Inconclusive;
    std::optional<Override> override;
    std::vector<std::string> missing; // what to import or collect, when data is missing
    std::map<std::string, SqlValue> facts;
    std::vector<Evidence> evidence; // the first rows (kEvidenceLimit)
    std::int64_t evidenceRows = 0;  // all rows the check returned
    std::string summary;            // the verdict's text, filled with the facts
    std::string error;              // the check's SQL could not run

    Verdict verdict() const { return override ? override->verdict : autoVerdict; }
};

struct Decision
{
    std::string verdict = "inconclusive"; // a hypothesis id, or "inconclusive"
    double confidence = 0.0;
    std::string reasoning;
    std::vector<std::string> supportingSteps, contradictingSteps, uncheckedSteps;
};

struct Finding
{
    std::string step, severity, title;
    std::optional<std::int64_t> ts, end;
};

struct QuestionAnswer
{
    std::string id, text;
    std::optional<std::string> answer; // empty: open
};

struct PlaybookResult
{
    std::string playbook;
    std::int64_t checkedAt = 0;
    std::vector<StepResult> steps;
    Decision decision;
    std::vector<Finding> findings;
    std::vector<QuestionAnswer> questions;

    const StepResult *step(const std::string &id) const;
    bool hasErrors() const;
};

// Applies an override history (oldest first) to the steps: the latest
// override of a step is current, and a hand-back ("auto") leaves the check's
// verdict in force.
void applyOverrides(const std::vector<Override> &history, PlaybookResult &result);

} // namespace perfcase
