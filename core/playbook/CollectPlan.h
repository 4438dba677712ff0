#pragma once

#include "Playbook.h"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace perfcase {

// A required playbook parameter nobody gave (exit 2 on the command line).
class MissingParameter : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

// The collect actions of a playbook with their {parameters} filled: what
// "Collect for this playbook" runs. Actions asked by several steps appear
// once, in step order.
struct CollectPlan
{
    struct Action
    {
        std::string collector;
        std::map<std::string, std::string> params; // filled; empty values dropped
        std::vector<std::string> steps;            // the steps that asked for it
    };
    std::vector<Action> actions;

    // values: --param NAME=VALUE (and --namespace). Throws MissingParameter
    // naming every required parameter without a value. onlyStep, when
    // given, plans that step alone (the checklist's Collect button).
    static CollectPlan build(const Playbook &playbook,
                             const std::map<std::string, std::string> &values,
                             const std::string &onlyStep = {});

    // The playbook's suggested Prometheus queries with their fields filled
    // from values (else the parameters' defaults). A query with a field
    // nobody gave a value is left out and its field named in *missing.
    static std::vector<SuggestedQuery> queries(const Playbook &playbook,
                                               const std::map<std::string, std::string> &values,
                                               std::vector<std::string> *missing = nullptr);

    // The {field} names in a parameter template.
    static std::vector<std::string> fieldsIn(const std::string &text);
};

} // namespace perfcase
