#pragma once

#include "PrometheusClient.h"
#include "import/CancelToken.h"
#include "import/ImportTypes.h"

#include <cstdint>
#include <string>

namespace perfcase {

class CaseFile;
class ImporterRegistry;

// How one range query went: the `prometheus --json` line. On failure
// import.status is Failed with the reason in import.error and nothing was
// written to the case.
struct PrometheusOutcome
{
    ImportOutcome import;         // import.path is the source name
    std::string command;          // "query_range query=... start=... end=... step=..."
    std::string target;           // the base URL
    std::int64_t collectedAt = 0; // ns, when the answer arrived; 0 without one
    int httpStatus = 0;
    bool imported() const { return import.status == ImportOutcome::Status::Imported; }
};

// Runs a range query for a window and imports the answer as one
// prometheus-json source: the command and URL are its origin (never a
// credential), the answer is kept in its blobs. Every series becomes a
// counter track named after its metric (or the query, for an expression
// without one) with its labels.
class PrometheusCollector
{
public:
    PrometheusCollector(const PrometheusClient &client, CaseFile &file,
                        const ImporterRegistry &importers);

    // name: the source's name; empty for defaultName(query). Throws
    // Cancelled (nothing of this query stays in the case).
    PrometheusOutcome collect(const PrometheusRange &range, const std::string &name,
                              const CancelToken &token);

    // The query on one line, shortened to about 60 characters.
    static std::string defaultName(const std::string &query);
    // "query_range query=<PromQL> start=<RFC 3339> end=<RFC 3339> step=<duration>".
    static std::string commandText(const PrometheusRange &range);
    // Whether a successful answer holds no series (data.result is []).
    static bool hasNoSeries(const std::string &body);

private:
    const PrometheusClient &m_client;
    CaseFile &m_file;
    const ImporterRegistry &m_importers;
};

} // namespace perfcase
