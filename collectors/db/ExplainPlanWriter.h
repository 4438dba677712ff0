#pragma once

#include "ExplainLine.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace perfcase {

class SourceWriter;

// Writes the plans of an EXPLAIN text file as instants at one time: each
// node on `db.plan_nodes` (named by its type, with its figures and details
// in args) and each plan on `db.plans` ("plan N", with its timings and
// counts). A node is written when the next one starts or its plan ends,
// since its details (Filter, Index Cond, Rows Removed by Filter) follow it.
class ExplainPlanWriter
{
public:
    ExplainPlanWriter(SourceWriter &writer, std::int64_t ts);

    // Ends the plan in progress, if any, and starts the next one.
    void beginPlan();
    // Writes the node in progress and the plan's instant.
    void endPlan();
    bool inPlan() const { return m_inPlan; }
    std::int64_t nodesInPlan() const { return m_nodes; }
    std::int64_t records() const { return m_records; }
    // The plan in progress has actual figures (EXPLAIN ANALYZE).
    bool analyzed() const { return m_analyzed; }
    bool hasExecutionTime() const { return m_executionMs.has_value(); }

    // A node whose line starts at column (the "->" of a child): its depth
    // is the number of nodes of the plan still open to its left.
    void addNode(const ExplainNode &node, std::size_t column);
    // Writes the node in progress: the details that follow belong to none
    // (after a node line that could not be read).
    void closeNode() { flushNode(); }
    // "Filter", "Index Cond", "Rows Removed by Filter": of the last node.
    void addDetail(const std::string &key, const std::string &value);
    void setPlanningMs(double ms) { m_planningMs = ms; }
    void setExecutionMs(double ms) { m_executionMs = ms; }

private:
    void flushNode();

    SourceWriter &m_writer;
    std::int64_t m_ts;
    std::int64_t m_nodeTrack = 0, m_planTrack = 0;
    bool m_inPlan = false;
    int m_planNumber = 0; // of the plan in progress, 1-based
    std::int64_t m_nodes = 0, m_seqScans = 0, m_records = 0;
    bool m_analyzed = false;
    std::optional<double> m_planningMs, m_executionMs;
    std::vector<std::size_t> m_open; // columns of the nodes that can still have children
    std::optional<ExplainNode> m_node;
    int m_depth = 0;
    std::string m_filter, m_indexCond;
    std::optional<double> m_rowsRemoved;
};

} // namespace perfcase
