#include "DecisionMaker.h"

#include <algorithm>
#include <cmath>

namespace perfcase::DecisionMaker {

namespace {

bool failed(const PlaybookResult &result, const std::string &step)
{
    const StepResult *stepResult = result.step(step);
    return stepResult && stepResult->verdict() == Verdict::Fail;
}

bool holds(const Criterion &criterion, const PlaybookResult &result)
{
    for (const auto &step : criterion.all)
        if (!failed(result, step)) return false;
    for (const auto &step : criterion.none)
        if (failed(result, step)) return false;
    if (!criterion.any.empty()) {
        auto count = std::count_if(criterion.any.begin(), criterion.any.end(),
                                   [&](const std::string &step) { return failed(result, step); });
        if (count < criterion.minAny) return false;
    }
    return true;
}

bool counts(const Criterion &criterion, const std::string &hypothesis)
{
    return std::find(criterion.counts.begin(), criterion.counts.end(), hypothesis) !=
           criterion.counts.end();
}

std::string sentence(std::string text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n'))
        text.pop_back();
    if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?')
        text += '.';
    return text;
}

std::string joined(const std::vector<std::string> &texts)
{
    std::string out;
    for (const auto &text : texts) {
        if (!out.empty()) out += ' ';
        out += sentence(text);
    }
    return out;
}

} // namespace

Decision decide(const Playbook &playbook, const PlaybookResult &result)
{
    Decision decision;
    double checkedWeight = 0, totalWeight = 0;
    std::vector<std::string> uncheckedTitles;
    for (const Step *step : playbook.steps()) {
        if (!step->hasCheck && step->supports == "none") continue;
        totalWeight += step->weight;
        const StepResult *stepResult = result.step(step->id);
        if (stepResult && stepResult->verdict() != Verdict::Inconclusive) {
            checkedWeight += step->weight;
        } else {
            decision.uncheckedSteps.push_back(step->id);
            uncheckedTitles.push_back(step->title);
        }
    }
    double coverage = totalWeight > 0 ? checkedWeight / totalWeight : 0;

    const Criterion *chosen = nullptr;
    for (const auto &criterion : playbook.criteria)
        if (holds(criterion, result)) {
            chosen = &criterion;
            break;
        }
    if (!chosen) {
        decision.reasoning =
            "No decision rule of the playbook holds on this case's evidence, so the verdict is "
            "inconclusive.";
        if (!uncheckedTitles.empty())
            decision.reasoning +=
                " " + std::to_string(uncheckedTitles.size()) +
                " step(s) could not be checked for lack of data: " + uncheckedTitles.front() +
                (uncheckedTitles.size() > 1 ? ", and others." : ".");
        return decision;
    }

    decision.verdict = chosen->verdict;
    double agreeing = 0, inHypothesis = 0, contradicting = 0;
    std::vector<std::string> forTexts, againstTexts;
    for (const Step *step : playbook.steps()) {
        const StepResult *stepResult = result.step(step->id);
        if (!stepResult || step->supports == "none") continue;
        Verdict verdict = stepResult->verdict();
        if (verdict == Verdict::Inconclusive) continue;
        if (counts(*chosen, step->supports)) {
            inHypothesis += step->weight;
            if (verdict == Verdict::Fail) {
                agreeing += step->weight;
                decision.supportingSteps.push_back(step->id);
                forTexts.push_back(stepResult->summary);
            }
        } else if (verdict == Verdict::Fail) {
            contradicting += step->weight;
            decision.contradictingSteps.push_back(step->id);
            againstTexts.push_back(stepResult->summary);
        }
    }
    double agreement = inHypothesis > 0 ? agreeing / inHypothesis : 0;
    double purity = agreeing + contradicting > 0 ? agreeing / (agreeing + contradicting) : 0;
    double confidence = (0.5 * agreement + 0.5 * purity) * (0.5 + 0.5 * coverage);
    decision.confidence = std::round(confidence * 100) / 100;

    const Hypothesis *hypothesis = playbook.hypothesis(chosen->verdict);
    decision.reasoning = sentence("Verdict " + hypothesis->id + " (" + hypothesis->title +
                                  "), because " + chosen->because);
    if (!forTexts.empty()) decision.reasoning += " " + joined(forTexts);
    std::string second;
    if (!againstTexts.empty()) second = "Pointing elsewhere: " + joined(againstTexts);
    if (!uncheckedTitles.empty()) {
        if (!second.empty()) second += ' ';
        second += std::to_string(uncheckedTitles.size()) +
                  " of the playbook's checks had no data (" + uncheckedTitles.front() +
                  (uncheckedTitles.size() > 1 ? ", …" : "") + "), which lowers the confidence.";
    }
    if (!second.empty()) decision.reasoning += "\n\n" + second;
    return decision;
}

} // namespace perfcase::DecisionMaker
