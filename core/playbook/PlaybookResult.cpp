#include "PlaybookResult.h"

#include <map>

namespace perfcase {

std::string verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return "pass";
    case Verdict::Fail:
        return "fail";
    case Verdict::Inconclusive:
        break;
    }
    return "inconclusive";
}

std::optional<Verdict> parseVerdict(const std::string &name)
{
    if (name == "pass") return Verdict::Pass;
    if (name == "fail") return Verdict::Fail;
    if (name == "inconclusive") return Verdict::Inconclusive;
    return std::nullopt;
}

std::optional<double> numberOf(const SqlValue &value)
{
    if (auto integer = std::get_if<std::int64_t>(&value)) return double(*integer);
    if (auto real = std::get_if<double>(&value)) return *real;
    return std::nullopt;
}

const StepResult *PlaybookResult::step(const std::string &id) const
{
    for (const auto &result : steps)
        if (result.stepId == id) return &result;
    return nullptr;
}

bool PlaybookResult::hasErrors() const
{
    for (const auto &result : steps)
        if (!result.error.empty()) return true;
    return false;
}

void applyOverrides(const std::vector<Override> &history, PlaybookResult &result)
{
    std::map<std::string, const Override *> current;
    for (const auto &entry : history)
        current[entry.step] = entry.handsBack ? nullptr : &entry;
    for (auto &step : result.steps) {
        auto it = current.find(step.stepId);
        if (it != current.end() && it->second)
            step.override = *it->second;
        else
            step.override.reset();
    }
}

} // namespace perfcase
