#pragma once

#include <map>
#include <string>
#include <vector>

namespace perfcase {

// A playbook as loaded from its JSON file (docs/playbooks.md describes the
// format; resources/playbooks/playbook.schema.json checks it). Plain data: the
// engine (PlaybookEngine) and the decision (DecisionMaker) read it, and
// nothing in it is interpreted by C++ beyond what the format says.

struct Hypothesis
{
    std::string id, title;
};

// Data a step cannot be checked without. Exactly one of track, sourceKind or
// format is set; hint says what to import or collect when it is missing.
struct Requirement
{
    std::string track, sourceKind, format, hint;
};

// What to collect for a step: a collector of the catalogue and its parameters.
struct CollectAction
{
    std::string collector;
    std::map<std::string, std::string> params;
};

// An automatic check: SQL over the public views returning evidence rows
// (columns ts, end_ts, text, value), facts aggregated over those rows, and
// conditions over the facts. The texts are templates filled with the facts.
struct Check
{
    std::string sql;
    std::vector<std::pair<std::string, std::string>> facts; // name -> aggregate SQL
    std::string failIf;         // SQL expression over the facts (and `rows`)
    std::string inconclusiveIf; // optional: no judgement possible on these rows
    std::string failText, passText, inconclusiveText;
};

struct Step
{
    std::string id, title, why;
    std::string supports; // a hypothesis id, or "none"
    std::string severity = "warning";
    double weight = 1.0;
    std::vector<Requirement> requires_;
    std::vector<CollectAction> collect;
    std::vector<std::string> unlocks; // mitigation ids
    bool hasCheck = false;
    Check check;
};

struct Section
{
    std::string id, title;
    std::vector<Step> steps;
};

// A decision rule: the verdict holds when every step in `all` failed, at
// least minAny of `any` failed, and none of `none` failed. Rules are tried
// in order. `counts` are the hypotheses whose failing steps speak for it.
struct Criterion
{
    std::string verdict, because;
    std::vector<std::string> all, any, none, counts;
    int minAny = 1;
};

struct Mitigation
{
    std::string id, title, detail;
    int cost = 3; // 1 cheapest .. 5 most expensive
    std::vector<std::string> forHypotheses;
};

struct LongTermFix
{
    std::string title, detail;
    std::vector<std::string> forHypotheses;
};

// A question the report answers from data when it can: `sql` returns one row
// whose columns fill `answer`; when a referenced column is NULL (or no row
// comes back) the question stays open.
struct Question
{
    std::string id, text, sql, answer;
};

// A value the collect actions take ({namespace}, {deployment}): given with
// --param NAME=VALUE, else its default; a required one without a default
// must be given.
struct Parameter
{
    std::string id, title, defaultValue;
    bool required = false;
};

// A Prometheus range query the playbook suggests (p95 latency by route,
// request rate, ...): PromQL whose {parameter} fields are filled like the
// collect actions' (CollectPlan::queries). PromQL's own braces never hold a
// bare name, so the two cannot be confused.
struct SuggestedQuery
{
    std::string id, title, promql;
};

struct Playbook
{
    std::string id, title, summary, path;
    int version = 1;
    bool builtin = false;
    std::vector<Parameter> parameters;
    std::vector<Hypothesis> hypotheses;
    std::vector<Section> sections;
    std::vector<Criterion> criteria;
    std::vector<Mitigation> mitigations;
    std::vector<LongTermFix> longTerm;
    std::vector<Question> questions;
    std::vector<SuggestedQuery> queries;

    const Step *step(const std::string &id) const;
    const Mitigation *mitigation(const std::string &id) const;
    const Hypothesis *hypothesis(const std::string &id) const;
    std::vector<const Step *> steps() const;
    std::vector<std::string> hypothesisIds() const;
    const Parameter *parameter(const std::string &id) const;
};

} // namespace perfcase
