#pragma once

#include "import/Importer.h"

namespace perfcase {

// `prometheus-json`: a Prometheus HTTP API response (docs/formats.md):
// /api/v1/query_range (resultType matrix), /api/v1/query (vector), the same
// inside a wrapper that adds "query", or the bare "result" array. Streamed
// with JsonStreamer (data.result, result, or the root array), one series at
// a time; one counter track per series. A response with status "error"
// fails with Prometheus' errorType and error.
class PrometheusJsonImporter : public Importer
{
public:
    std::string id() const override { return "prometheus-json"; }
    std::string kind() const override { return "metrics"; }
    std::string title() const override { return "Prometheus API response (JSON)"; }
    // 90 for an object with "resultType" or a Prometheus error, 85 for an
    // array whose first element starts with "metric".
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
};

} // namespace perfcase
