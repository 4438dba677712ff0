#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace perfcase {

// One plan node as PostgreSQL's text EXPLAIN prints it:
// "Index Scan using orders_customer_idx on orders o  (cost=0.29..8.31
// rows=1 width=16) (actual time=0.010..0.011 rows=1 loops=3)".
struct ExplainNode
{
    std::string type;     // "Index Scan", "Hash Join", "Parallel Seq Scan", ...
    std::string relation; // the name after "on" (a table; for CTE, function
                          // and subquery scans their name)
    std::string alias;    // the alias after it, when PostgreSQL prints one
    std::string index;    // after "using", or the "on" of a Bitmap Index Scan
    std::optional<double> startupCost, totalCost, planRows;
    std::optional<double> actualMs; // actual total time of one loop
    std::optional<double> actualRows, loops;
    bool neverExecuted = false;
    bool analyzed = false; // an "(actual ...)" or "(never executed)" group
};

// One line of EXPLAIN text output, classified. psql's decoration (the
// "QUERY PLAN" header, the rule under it, the "(N rows)" footer) is
// recognised, as are lines quoted by GUI clients ("Seq Scan on t ...").
struct ExplainLine
{
    enum class Kind
    {
        Blank,
        Header, // QUERY PLAN
        Rule,   // ------
        Footer, // (12 rows)
        Node,
        Text, // a node's detail ("Filter: ..."), a trailer ("Execution Time: ..."), a label
    };
    Kind kind = Kind::Blank;
    // Where the content starts: the "->" of a child node, else the first
    // character that is not a space.
    std::size_t column = 0;
    bool arrow = false;      // a child node ("->  Seq Scan ...")
    bool unbalanced = false; // a "(" is not closed: the line is cut
    bool malformed = false;  // a node whose figures cannot be read
    ExplainNode node;        // Kind::Node
    // Kind::Text: "Filter: (x = 1)" -> key "Filter", value "(x = 1)";
    // "Planning:" -> key "Planning", value ""; a line without a colon has
    // an empty key and the whole text as value.
    std::string key, value;

    static ExplainLine parse(std::string_view text);
    // A node line of a plan printed with COSTS OFF and no ANALYZE (no
    // figures): only the header before it says it is one.
    static ExplainNode nodeWithoutFigures(std::string_view text, bool &malformed);
};

} // namespace perfcase
