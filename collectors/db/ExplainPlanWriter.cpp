#include "ExplainPlanWriter.h"

#include "DbValues.h"
#include "SourceWriter.h"
#include "Utf8.h"

#include <nlohmann/json.hpp>

namespace perfcase {

ExplainPlanWriter::ExplainPlanWriter(SourceWriter &writer, std::int64_t ts)
    : m_writer(writer), m_ts(ts)
{}

void ExplainPlanWriter::beginPlan()
{
    endPlan();
    m_inPlan = true;
    m_nodes = m_seqScans = 0;
    m_analyzed = false;
    m_planningMs.reset();
    m_executionMs.reset();
    m_open.clear();
}

void ExplainPlanWriter::endPlan()
{
    if (!m_inPlan) return;
    flushNode();
    m_inPlan = false;
    if (m_nodes == 0) return; // a header with no plan under it
    nlohmann::json args = {{"nodes", m_nodes}, {"seq_scans", m_seqScans}};
    if (m_executionMs) args["execution_ms"] = DbValues::json(*m_executionMs);
    if (m_planningMs) args["planning_ms"] = DbValues::json(*m_planningMs);
    if (!m_planTrack) m_planTrack = m_writer.addTrack("instant", "db.plans", "ms", "{}");
    m_writer.addInstant(m_planTrack, m_ts, "plan " + std::to_string(m_planNumber), std::nullopt,
                        args.dump());
}

void ExplainPlanWriter::addNode(const ExplainNode &node, std::size_t column)
{
    if (!m_inPlan) beginPlan();
    flushNode();
    while (!m_open.empty() && m_open.back() >= column)
        m_open.pop_back();
    m_depth = int(m_open.size());
    m_open.push_back(column);
    m_node = node;
    if (m_nodes++ == 0) ++m_planNumber; // plans are numbered from their first node
    const std::string_view type = node.type;
    if (type == "Seq Scan" || type == "Parallel Seq Scan") ++m_seqScans;
    if (node.analyzed) m_analyzed = true;
}

void ExplainPlanWriter::addDetail(const std::string &key, const std::string &value)
{
    if (!m_node) return;
    if (key == "Filter") {
        m_filter = value;
    } else if (key == "Index Cond") {
        m_indexCond = value;
    } else if (key == "Rows Removed by Filter") {
        m_rowsRemoved = DbValues::number(value);
    }
}

void ExplainPlanWriter::flushNode()
{
    if (!m_node) return;
    const ExplainNode &node = *m_node;
    nlohmann::json args = {{"depth", m_depth}, {"plan", m_planNumber}};
    auto text = [&](const char *key, const std::string &value) {
        if (!value.empty()) args[key] = std::string(utf8Prefix(value, DbValues::kMaxTextBytes));
    };
    auto number = [&](const char *key, const std::optional<double> &value) {
        if (value) args[key] = DbValues::json(*value);
    };
    text("relation", node.relation);
    text("alias", node.alias);
    text("index", node.index);
    text("filter", m_filter);
    text("index_cond", m_indexCond);
    number("startup_cost", node.startupCost);
    number("total_cost", node.totalCost);
    number("plan_rows", node.planRows);
    number("actual_ms", node.actualMs);
    number("actual_rows", node.actualRows);
    number("loops", node.loops);
    number("rows_removed_by_filter", m_rowsRemoved);
    if (node.neverExecuted) args["never_executed"] = true;
    if (!m_nodeTrack) m_nodeTrack = m_writer.addTrack("instant", "db.plan_nodes", "ms", "{}");
    m_writer.addInstant(m_nodeTrack, m_ts, utf8Prefix(node.type, DbValues::kMaxTextBytes),
                        std::nullopt, args.dump());
    ++m_records;
    m_node.reset();
    m_filter.clear();
    m_indexCond.clear();
    m_rowsRemoved.reset();
}

} // namespace perfcase
