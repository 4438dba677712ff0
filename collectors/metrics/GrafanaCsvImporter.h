#pragma once

#include "import/Importer.h"

namespace perfcase {

class CsvTable;
class MetricSink;
class ZoneResolver;

// `grafana-csv`: a panel's data as Grafana downloads it (docs/formats.md).
// Wide form: `"Time","series A","series B"`, one column per series (the
// series joined by time). Long form: `"Series";"Time";"Value"`, one row per
// point (Grafana's older "series as rows" export). Series names such as
// `up{job="api"}` or `{pod="api-1"}` become the track's name and labels.
// `null` cells are Grafana's gaps and are skipped like empty ones.
class GrafanaCsvImporter : public Importer
{
public:
    std::string id() const override { return "grafana-csv"; }
    std::string kind() const override { return "metrics"; }
    std::string title() const override { return "Grafana panel CSV export"; }
    // 80 when the header line is Grafana's, quotes included.
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;

private:
    void readWide(CsvTable &table, MetricSink &sink, ZoneResolver &zone) const;
    void readLong(CsvTable &table, MetricSink &sink, ZoneResolver &zone) const;
};

} // namespace perfcase
