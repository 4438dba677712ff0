#include "CollectPlan.h"

#include <algorithm>
#include <regex>

namespace perfcase {

namespace {

const std::regex &templateField()
{
    static const std::regex field("\\{([a-z][a-z0-9_]*)\\}");
    return field;
}

} // namespace

std::vector<std::string> CollectPlan::fieldsIn(const std::string &text)
{
    std::vector<std::string> fields;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), templateField());
         it != std::sregex_iterator(); ++it)
        fields.push_back((*it)[1]);
    return fields;
}

CollectPlan CollectPlan::build(const Playbook &playbook,
                               const std::map<std::string, std::string> &values,
                               const std::string &onlyStep)
{
    std::map<std::string, std::string> filled;
    std::string missing;
    for (const auto &parameter : playbook.parameters) {
        const auto given = values.find(parameter.id);
        if (given != values.end() && !given->second.empty())
            filled[parameter.id] = given->second;
        else if (!parameter.defaultValue.empty())
            filled[parameter.id] = parameter.defaultValue;
    }

    CollectPlan plan;
    for (const Step *step : playbook.steps()) {
        if (!onlyStep.empty() && step->id != onlyStep) continue;
        for (const auto &action : step->collect) {
            Action planned{action.collector, {}, {step->id}};
            for (const auto &[key, value] : action.params) {
                std::string text = value;
                for (const auto &field : fieldsIn(value)) {
                    const auto found = filled.find(field);
                    const Parameter *parameter = playbook.parameter(field);
                    if (found == filled.end()) {
                        if (parameter && parameter->required &&
                            missing.find("'" + field + "'") == std::string::npos)
                            missing +=
                                (missing.empty() ? "" : ", ") + std::string("'") + field + "'";
                        text.clear();
                        break;
                    }
                    const std::string marker = "{" + field + "}";
                    for (auto at = text.find(marker); at != std::string::npos;
                         at = text.find(marker, at + found->second.size()))
                        text.replace(at, marker.size(), found->second);
                }
                if (!text.empty()) planned.params[key] = text;
            }
            auto same =
                std::find_if(plan.actions.begin(), plan.actions.end(), [&](const Action &a) {
                    return a.collector == planned.collector && a.params == planned.params;
                });
            if (same == plan.actions.end())
                plan.actions.push_back(std::move(planned));
            else
                same->steps.push_back(step->id);
        }
    }
    if (!missing.empty())
        throw MissingParameter("playbook " + playbook.id + " needs the parameter(s) " + missing +
                               " (--param NAME=VALUE)");
    return plan;
}

} // namespace perfcase
