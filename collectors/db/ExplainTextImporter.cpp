#include "ExplainTextImporter.h"

#include "DbImportLog.h"
#include "DbValues.h"
#include "ExplainLine.h"
#include "ExplainPlanWriter.h"
#include "import/Sample.h"
#include "io/InputStream.h"
#include "kube/CaptureTime.h"
#include "kube/KubeLineReader.h"

namespace perfcase {

namespace {

enum class State
{
    Outside, // between plans
    Pending, // after a QUERY PLAN header, before the plan's first node
    Tree,    // in the nodes and their details
    Trailer, // after the tree: Planning/Execution Time, JIT, Triggers
};

std::string lowered(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    return out;
}

// "EXPLAIN (ANALYZE, BUFFERS) SELECT ...", "explain select ...".
bool isExplainStatement(std::string_view text)
{
    const std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos) return false;
    const std::string word = lowered(text.substr(start, 8));
    return word == "explain" || word == "explain " || word == "explain(";
}

// "45.678 ms" -> 45.678.
std::optional<double> milliseconds(std::string_view text)
{
    if (text.size() > 3 && text.substr(text.size() - 3) == " ms") text.remove_suffix(3);
    return DbValues::number(text);
}

} // namespace

int ExplainTextImporter::sniff(const Sample &sample) const
{
    bool header = false, echo = false;
    for (std::string_view text : sample.lines) {
        const ExplainLine line = ExplainLine::parse(text);
        if (line.kind == ExplainLine::Kind::Blank) continue;
        const bool node = line.kind == ExplainLine::Kind::Node && !line.malformed;
        if (header) return line.kind == ExplainLine::Kind::Rule || node ? 95 : 0;
        if (line.kind == ExplainLine::Kind::Header) {
            header = true;
            continue;
        }
        if (node) return echo ? 85 : 90;
        // psql -e / -a echoes the statement first: "EXPLAIN (ANALYZE) SELECT ...".
        if (!echo && isExplainStatement(text)) {
            echo = true;
            continue;
        }
        if (!echo) return 0;
    }
    return 0;
}

ImporterResult ExplainTextImporter::run(ImportContext &context) const
{
    ImporterResult result;
    DbImportLog log(context.writer, result);
    KubeLineReader lines(context, result);
    const CaptureTime capture = CaptureTime::resolve(context);
    ExplainPlanWriter plan(context.writer, capture.ns);

    State state = State::Outside;
    std::size_t rootColumn = 0;
    ImportNotice firstOutside{0, -1, {}}, cutAt{0, -1, {}};
    std::int64_t lastLine = 0, lastOffset = -1;
    std::string_view text;
    while (lines.next(text)) {
        lastLine = lines.number();
        lastOffset = lines.offset();
        const ExplainLine line = ExplainLine::parse(text);
        // A last line without its line break, inside a plan, that stops in
        // the middle of a parenthesis: the file was cut there.
        if (lines.lastWithoutNewline() && (line.unbalanced || line.malformed) &&
            (line.kind == ExplainLine::Kind::Node ||
             (line.kind == ExplainLine::Kind::Text && state != State::Outside))) {
            cutAt = {lastLine, lastOffset,
                     "the input ends inside this line (file cut short?); the plan nodes before "
                     "it are kept"};
            log.cut(cutAt.line, cutAt.byte, cutAt.message);
            break;
        }
        switch (line.kind) {
        case ExplainLine::Kind::Blank:
            if (state == State::Tree || state == State::Trailer) {
                plan.endPlan();
                state = State::Outside;
            }
            break;
        case ExplainLine::Kind::Header:
            plan.beginPlan();
            state = State::Pending;
            break;
        case ExplainLine::Kind::Rule:
            break;
        case ExplainLine::Kind::Footer:
            plan.endPlan();
            state = State::Outside;
            break;
        case ExplainLine::Kind::Node:
            if (line.malformed) {
                log.reject(lastLine, lastOffset,
                           "cannot read this plan node (its type, or its cost=, actual time=, "
                           "rows= or loops= figures)",
                           text);
                plan.closeNode(); // its details are not another node's
                break;
            }
            if (state == State::Outside ||
                (state != State::Pending && !line.arrow && line.column <= rootColumn)) {
                plan.beginPlan(); // a plan without a header, or the next one
                state = State::Pending;
            }
            if (state == State::Pending) rootColumn = line.column;
            plan.addNode(line.node, line.column);
            state = State::Tree;
            break;
        case ExplainLine::Kind::Text:
            if (state == State::Pending && plan.nodesInPlan() == 0 && line.key.empty()) {
                // EXPLAIN (COSTS OFF): the root has no figures.
                bool malformed = false;
                const ExplainNode root = ExplainLine::nodeWithoutFigures(line.value, malformed);
                if (!malformed) {
                    rootColumn = line.column;
                    plan.addNode(root, line.column);
                    state = State::Tree;
                    break;
                }
            }
            if (state == State::Outside || state == State::Pending) {
                ++result.ignored;
                if (firstOutside.line == 0)
                    firstOutside = {lastLine, lastOffset,
                                    "no EXPLAIN plan: this line is neither a QUERY PLAN header "
                                    "nor a plan node (\"Seq Scan on t  (cost=...)\")"};
                log.warnOnce("outside", lastLine, lastOffset,
                             "text outside an EXPLAIN plan is not imported (counted as ignored; "
                             "first at this line)");
                break;
            }
            if (state == State::Tree && line.column > rootColumn) {
                plan.addDetail(line.key, line.value);
                break;
            }
            state = State::Trailer;
            if (const std::string key = lowered(line.key); key == "planning time") {
                if (auto ms = milliseconds(line.value)) plan.setPlanningMs(*ms);
            } else if (key == "execution time" || key == "total runtime") {
                if (auto ms = milliseconds(line.value)) plan.setExecutionMs(*ms);
            }
            break;
        }
    }
    if ((state == State::Tree || state == State::Trailer) && plan.analyzed() &&
        !plan.hasExecutionTime() && !result.partial && !context.input.truncated()) {
        cutAt = {lastLine, lastOffset,
                 "the last plan ends without its Execution Time line (input cut short?); its "
                 "nodes are kept"};
        log.cut(cutAt.line, cutAt.byte, cutAt.message);
    }
    plan.endPlan();
    result.records = plan.records();
    if (result.records == 0 && result.rejected == 0)
        result.firstRejection = cutAt.line > 0          ? cutAt
                                : firstOutside.line > 0 ? firstOutside
                                                        : ImportNotice{0, 0,
                                                                       "no EXPLAIN plan in the "
                                                                       "input"};
    return result;
}

} // namespace perfcase
