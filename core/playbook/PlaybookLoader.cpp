#include "PlaybookLoader.h"

#include "CollectPlan.h"
#include "UntrustedJson.h"

#include <QFile>
#include <nlohmann/json.hpp>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace perfcase {

namespace {

using nlohmann::json;

// valijson's Schema can be neither copied nor moved: it is built in place.
struct CompiledSchema
{
    valijson::Schema schema;

    CompiledSchema()
    {
        QFile file(QStringLiteral(":/playbooks/playbook.schema.json"));
        if (!file.open(QIODevice::ReadOnly))
            throw std::logic_error("the playbook schema is not compiled in");
        json document = json::parse(file.readAll().toStdString());
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(document);
        parser.populateSchema(adapter, schema);
    }
};

const valijson::Schema &playbookSchema()
{
    static const CompiledSchema compiled;
    return compiled.schema;
}

// "sections[2].steps[0].check" from valijson's context ["<root>", "[sections]", "[2]", ...].
std::string jsonPointer(const std::vector<std::string> &context)
{
    std::string path;
    for (const auto &part : context) {
        if (part == "<root>") continue;
        std::string name =
            part.size() > 2 && part.front() == '[' ? part.substr(1, part.size() - 2) : part;
        bool index = !name.empty() && std::all_of(name.begin(), name.end(), ::isdigit);
        if (index) {
            path += "[" + name + "]";
        } else {
            if (!path.empty()) path += '.';
            path += name;
        }
    }
    return path.empty() ? "the document" : path;
}

// The step a schema error is in, for a message a playbook author can act on.
std::string stepOf(const json &document, const std::vector<std::string> &context)
{
    const json *node = &document;
    std::string stepId;
    bool inSteps = false;
    for (const auto &part : context) {
        if (part == "<root>") continue;
        std::string name =
            part.size() > 2 && part.front() == '[' ? part.substr(1, part.size() - 2) : part;
        if (node->is_array() && !name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) {
            auto index = std::stoul(name);
            if (index >= node->size()) break;
            node = &(*node)[index];
            if (inSteps && node->is_object() && node->contains("id") && (*node)["id"].is_string())
                stepId = (*node)["id"].get<std::string>();
            inSteps = false;
        } else if (node->is_object() && node->contains(name)) {
            node = &(*node)[name];
            inSteps = name == "steps";
        } else {
            break;
        }
    }
    return stepId;
}

std::vector<std::string> stringList(const json &object, const char *key)
{
    std::vector<std::string> list;
    if (auto it = object.find(key); it != object.end())
        for (const auto &item : *it)
            list.push_back(item.get<std::string>());
    return list;
}

std::string text(const json &object, const char *key)
{
    auto it = object.find(key);
    return it == object.end() ? std::string() : it->get<std::string>();
}

Step readStep(const json &node)
{
    Step step;
    step.id = text(node, "id");
    step.title = text(node, "title");
    step.why = text(node, "why");
    step.supports = text(node, "supports");
    step.severity = node.value("severity", std::string("warning"));
    step.weight = node.value("weight", 1.0);
    step.unlocks = stringList(node, "unlocks");
    if (auto it = node.find("requires"); it != node.end()) {
        for (const auto &item : *it)
            step.requires_.push_back({text(item, "track"), text(item, "source_kind"),
                                      text(item, "format"), text(item, "hint")});
    }
    if (auto it = node.find("collect"); it != node.end()) {
        for (const auto &item : *it) {
            CollectAction action{text(item, "collector"), {}};
            if (auto params = item.find("params"); params != item.end())
                for (const auto &[key, value] : params->items())
                    action.params[key] = value.get<std::string>();
            step.collect.push_back(std::move(action));
        }
    }
    if (auto it = node.find("check"); it != node.end()) {
        step.hasCheck = true;
        Check &check = step.check;
        check.sql = text(*it, "sql");
        // nlohmann's object is sorted by key; facts keep that order, which
        // is as good as any since they are referenced by name.
        if (auto facts = it->find("facts"); facts != it->end())
            for (const auto &[name, sql] : facts->items())
                check.facts.emplace_back(name, sql.get<std::string>());
        check.failIf = text(*it, "fail_if");
        check.inconclusiveIf = text(*it, "inconclusive_if");
        check.failText = text(*it, "fail");
        check.passText = text(*it, "pass");
        check.inconclusiveText = text(*it, "inconclusive");
    }
    return step;
}

Playbook read(const json &document)
{
    Playbook playbook;
    playbook.id = text(document, "id");
    playbook.version = document.value("version", 1);
    playbook.title = text(document, "title");
    playbook.summary = text(document, "summary");
    if (auto it = document.find("parameters"); it != document.end())
        for (const auto &item : *it)
            playbook.parameters.push_back({text(item, "id"), text(item, "title"),
                                           text(item, "default"), item.value("required", false)});
    for (const auto &item : document["hypotheses"])
        playbook.hypotheses.push_back({text(item, "id"), text(item, "title")});
    for (const auto &item : document["sections"]) {
        Section section{text(item, "id"), text(item, "title"), {}};
        for (const auto &step : item["steps"])
            section.steps.push_back(readStep(step));
        playbook.sections.push_back(std::move(section));
    }
    for (const auto &item : document["criteria"]) {
        Criterion criterion;
        criterion.verdict = text(item, "verdict");
        criterion.because = text(item, "because");
        criterion.all = stringList(item, "all");
        criterion.any = stringList(item, "any");
        criterion.none = stringList(item, "none");
        criterion.counts = stringList(item, "counts");
        if (criterion.counts.empty()) criterion.counts = {criterion.verdict};
        criterion.minAny = item.value("min_any", 1);
        playbook.criteria.push_back(std::move(criterion));
    }
    if (auto it = document.find("mitigations"); it != document.end())
        for (const auto &item : *it)
            playbook.mitigations.push_back({text(item, "id"), text(item, "title"),
                                            text(item, "detail"), item.value("cost", 3),
                                            stringList(item, "for")});
    if (auto it = document.find("long_term"); it != document.end())
        for (const auto &item : *it)
            playbook.longTerm.push_back(
                {text(item, "title"), text(item, "detail"), stringList(item, "for")});
    if (auto it = document.find("questions"); it != document.end())
        for (const auto &item : *it)
            playbook.questions.push_back(
                {text(item, "id"), text(item, "text"), text(item, "sql"), text(item, "answer")});
    if (auto it = document.find("queries"); it != document.end())
        for (const auto &item : *it)
            playbook.queries.push_back(
                {text(item, "id"), text(item, "title"), text(item, "promql")});
    return playbook;
}

// What the schema cannot say: unique ids and references that resolve.
void checkReferences(const Playbook &playbook, const std::string &name)
{
    auto fail = [&](const std::string &where, const std::string &message) {
        throw PlaybookError(name + ": " + where + message);
    };
    std::set<std::string> hypotheses, steps, mitigations, sections;
    for (const auto &hypothesis : playbook.hypotheses)
        if (!hypotheses.insert(hypothesis.id).second)
            fail("", "hypothesis '" + hypothesis.id + "' is defined twice");
    for (const auto &mitigation : playbook.mitigations) {
        if (!mitigations.insert(mitigation.id).second)
            fail("", "mitigation '" + mitigation.id + "' is defined twice");
        for (const auto &id : mitigation.forHypotheses)
            if (!hypotheses.count(id))
                fail("mitigation '" + mitigation.id + "': ", "unknown hypothesis '" + id + "'");
    }
    for (const auto &section : playbook.sections) {
        if (!sections.insert(section.id).second)
            fail("", "section '" + section.id + "' is defined twice");
        for (const auto &step : section.steps) {
            std::string where = "step '" + step.id + "': ";
            if (!steps.insert(step.id).second) fail(where, "the id is used twice");
            if (step.supports != "none" && !hypotheses.count(step.supports))
                fail(where, "supports unknown hypothesis '" + step.supports + "'");
            for (const auto &id : step.unlocks)
                if (!mitigations.count(id)) fail(where, "unlocks unknown mitigation '" + id + "'");
            for (const auto &action : step.collect)
                for (const auto &[key, value] : action.params)
                    for (const auto &used : CollectPlan::fieldsIn(value))
                        if (!playbook.parameter(used))
                            fail(where, "collect parameter '" + key + "' uses {" + used +
                                            "}, which `parameters` does not declare");
            if (step.hasCheck && step.requires_.empty())
                fail(where, "a check needs `requires`, so a case without the data reads "
                            "inconclusive rather than pass");
        }
    }
    for (const auto &criterion : playbook.criteria) {
        std::string where = "criterion '" + criterion.verdict + "': ";
        if (!hypotheses.count(criterion.verdict))
            fail(where, "the verdict is not one of the hypotheses");
        for (const auto *list : {&criterion.all, &criterion.any, &criterion.none})
            for (const auto &id : *list)
                if (!steps.count(id)) fail(where, "unknown step '" + id + "'");
        for (const auto &id : criterion.counts)
            if (!hypotheses.count(id)) fail(where, "counts unknown hypothesis '" + id + "'");
        if (criterion.all.empty() && criterion.any.empty())
            fail(where, "needs `all` or `any` steps");
        if (criterion.minAny > int(criterion.any.size()) && !criterion.any.empty())
            fail(where, "min_any is larger than the `any` list");
    }
    std::set<std::string> queries;
    for (const auto &query : playbook.queries) {
        const std::string where = "query '" + query.id + "': ";
        if (!queries.insert(query.id).second) fail(where, "the id is used twice");
        for (const auto &used : CollectPlan::fieldsIn(query.promql))
            if (!playbook.parameter(used))
                fail(where, "uses {" + used + "}, which `parameters` does not declare");
    }
    for (const auto &fix : playbook.longTerm)
        for (const auto &id : fix.forHypotheses)
            if (!hypotheses.count(id))
                fail("long_term '" + fix.title + "': ", "unknown hypothesis '" + id + "'");
}

} // namespace

const Step *Playbook::step(const std::string &id) const
{
    for (const auto &section : sections)
        for (const auto &candidate : section.steps)
            if (candidate.id == id) return &candidate;
    return nullptr;
}

const Parameter *Playbook::parameter(const std::string &id) const
{
    for (const auto &candidate : parameters)
        if (candidate.id == id) return &candidate;
    return nullptr;
}

const Mitigation *Playbook::mitigation(const std::string &id) const
{
    for (const auto &candidate : mitigations)
        if (candidate.id == id) return &candidate;
    return nullptr;
}

const Hypothesis *Playbook::hypothesis(const std::string &id) const
{
    for (const auto &candidate : hypotheses)
        if (candidate.id == id) return &candidate;
    return nullptr;
}

std::vector<const Step *> Playbook::steps() const
{
    std::vector<const Step *> all;
    for (const auto &section : sections)
        for (const auto &step : section.steps)
            all.push_back(&step);
    return all;
}

std::vector<std::string> Playbook::hypothesisIds() const
{
    std::vector<std::string> ids;
    for (const auto &hypothesis : hypotheses)
        ids.push_back(hypothesis.id);
    return ids;
}

namespace PlaybookLoader {

Playbook parse(const std::string &text, const std::string &name)
{
    // A playbook may come from a teammate: its nesting is capped before the
    // validator (which recurses) sees it.
    UntrustedJson::Problem problem;
    const json document = UntrustedJson::parse(text, &problem);
    if (document.is_discarded())
        throw PlaybookError(name +
                            (problem.offset >= 0 ? "@" + std::to_string(problem.offset) : "") +
                            ": not valid JSON: " + problem.message);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    if (!validator.validate(playbookSchema(), adapter, &results)) {
        // The deepest error is the most specific one.
        valijson::ValidationResults::Error error, deepest;
        while (results.popError(error))
            if (error.context.size() > deepest.context.size()) deepest = error;
        std::string step = stepOf(document, deepest.context);
        throw PlaybookError(name + ": " + (step.empty() ? "" : "step '" + step + "': ") +
                            jsonPointer(deepest.context) + ": " + deepest.description);
    }
    Playbook playbook = read(document);
    checkReferences(playbook, name);
    return playbook;
}

Playbook load(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw PlaybookError(path + ": cannot read: " + file.errorString().toStdString());
    if (file.size() > 4 * 1024 * 1024)
        throw PlaybookError(path + ": larger than 4 MiB; not a playbook");
    Playbook playbook = parse(file.readAll().toStdString(), path);
    playbook.path = path;
    return playbook;
}

} // namespace PlaybookLoader

} // namespace perfcase
