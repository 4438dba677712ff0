#include "ExampleQueries.h"

#include <QCoreApplication>

namespace perfcase {

QList<ExampleQueries::Example> ExampleQueries::all()
{
    auto tr = [](const char *text) {
        return QCoreApplication::translate("perfcase::ExampleQueries", text);
    };
    // Kept as single-line string pieces (no raw literals: moc-safe style
    // everywhere in this folder) and formatted for the editor.
    return {
        {tr("Errors per minute (v_logs)"),
         QStringLiteral("-- Error and critical log records per minute, all sources\n"
                        "SELECT ts - ts % 60000000000 AS ts, count(*) AS errors\n"
                        "FROM v_logs\n"
                        "WHERE level_num >= 5\n"
                        "GROUP BY 1\n"
                        "ORDER BY 1")},
        {tr("Slowest requests (v_slices)"),
         QStringLiteral("-- The 100 slowest HTTP requests (HAR, traces, access logs)\n"
                        "SELECT ts, end_ts, round(dur / 1e6, 1) AS ms, name,\n"
                        "       json_extract(labels, '$.host') AS host, source_id\n"
                        "FROM v_slices\n"
                        "WHERE track = 'http.requests'\n"
                        "ORDER BY dur DESC\n"
                        "LIMIT 100")},
        {tr("Slowest SQL statements (v_slices)"),
         QStringLiteral("-- The 100 slowest PostgreSQL statements\n"
                        "SELECT ts, round(dur / 1e6, 1) AS ms, substr(name, 1, 200) AS statement,\n"
                        "       source_id\n"
                        "FROM v_slices\n"
                        "WHERE track = 'postgres.statements'\n"
                        "ORDER BY dur DESC\n"
                        "LIMIT 100")},
        {tr("Kubernetes warnings (v_instants)"),
         QStringLiteral(
             "-- Warning events of Kubernetes objects, in time order\n"
             "SELECT ts, name AS reason, json_extract(labels, '$.namespace') AS namespace,\n"
             "       json_extract(labels, '$.name') AS object,\n"
             "       json_extract(args, '$.count') AS count,\n"
             "       json_extract(args, '$.message') AS message\n"
             "FROM v_instants\n"
             "WHERE track = 'k8s.events' AND severity = 'warning'\n"
             "ORDER BY ts")},
        {tr("Sources and their time ranges (v_sources)"),
         QStringLiteral(
             "SELECT id, name, kind, format, records, rejected, state, first_ts, last_ts,\n"
             "       clock_offset_ns, clock_origin\n"
             "FROM v_sources\n"
             "ORDER BY first_ts")},
        {tr("Import errors (v_import_errors)"),
         QStringLiteral("SELECT s.name AS source, e.line, e.byte, e.kind, e.message, e.excerpt\n"
                        "FROM v_import_errors e JOIN v_sources s ON s.id = e.source_id\n"
                        "ORDER BY e.id")},
        {tr("Full-text search (v_log_search)"),
         QStringLiteral("-- FTS5 syntax: words, \"phrases\", prefix*, OR, NOT, NEAR(a b, 5)\n"
                        "SELECT l.ts, l.source, l.level, l.message\n"
                        "FROM v_log_search f JOIN v_logs l ON l.id = f.id\n"
                        "WHERE f.message MATCH 'timeout OR refused'\n"
                        "ORDER BY l.id")},
    };
}

} // namespace perfcase
