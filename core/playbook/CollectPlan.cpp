#include "CollectPlan.h"

#include <algorithm>
#include <optional>
#include <regex>

namespace perfcase {

namespace {

const std::regex &templateField()
{
    static const std::regex field("\\{([a-z][a-z0-9_]*)\\}");
    return field;
}

// The given values, else the defaults: what fills the templates.
std::map<std::string, std::string> filledValues(const Playbook &playbook,
                                                const std::map<std::string, std::string> &values)
{
    std::map<std::string, std::string> filled;
    for (const auto &parameter : playbook.parameters) {
        const auto given = values.find(parameter.id);
        if (given != values.end() && !given->second.empty())
            filled[parameter.id] = given->second;
        else if (!parameter.defaultValue.empty())
            filled[parameter.id] = parameter.defaultValue;
    }
    return filled;
}

// The template with its fields replaced; nullopt with *unfilled set when a
// field has no value.
std::optional<std::string> fill(const std::string &text,
                                const std::map<std::string, std::string> &filled,
                                std::string *unfilled)
{
    std::string result = text;
    for (const auto &field : CollectPlan::fieldsIn(text)) {
        const auto found = filled.find(field);
        if (found == filled.end()) {
            if (unfilled) *unfilled = field;
            return std::nullopt;
        }
        const std::string marker = "{" + field + "}";
        for (auto at = result.find(marker); at != std::string::npos;
             at = result.find(marker, at + found->second.size()))
            result.replace(at, marker.size(), found->second);
    }
    return result;
}

} // namespace

std::vector<SuggestedQuery> CollectPlan::queries(const Playbook &playbook,
                                                 const std::map<std::string, std::string> &values,
                                                 std::vector<std::string> *missing)
{
    const auto filled = filledValues(playbook, values);
    std::vector<SuggestedQuery> result;
    for (const auto &query : playbook.queries) {
        std::string unfilled;
        if (auto promql = fill(query.promql, filled, &unfilled))
            result.push_back({query.id, query.title, *promql});
        else if (missing && std::find(missing->begin(), missing->end(), unfilled) == missing->end())
            missing->push_back(unfilled);
    }
    return result;
}

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
    const auto filled = filledValues(playbook, values);
    std::string missing;

    CollectPlan plan;
    for (const Step *step : playbook.steps()) {
        if (!onlyStep.empty() && step->id != onlyStep) continue;
        for (const auto &action : step->collect) {
            Action planned{action.collector, {}, {step->id}};
            for (const auto &[key, value] : action.params) {
                std::string field;
                const auto text = fill(value, filled, &field);
                if (text && !text->empty()) {
                    planned.params[key] = *text;
                } else if (!text) {
                    const Parameter *parameter = playbook.parameter(field);
                    if (parameter && parameter->required &&
                        missing.find("'" + field + "'") == std::string::npos)
                        missing += (missing.empty() ? "" : ", ") + std::string("'") + field + "'";
                }
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
