#pragma once

#include "import/Importer.h"

namespace perfcase {

// chrome-trace (kind trace): Chrome's Trace Event Format as DevTools
// ("Save profile"), chrome://tracing, CDP Tracing and Lighthouse write it:
// {"traceEvents": [...], "metadata": {...}} in either key order, or a bare
// array of events; gzip is undone by InputStream. Stores the derived
// browser.* tracks (docs/formats.md, "chrome-trace"), not the raw events.
class ChromeTraceImporter : public Importer
{
public:
    std::string id() const override { return "chrome-trace"; }
    std::string kind() const override { return "trace"; }
    std::string title() const override { return "Chrome trace (Trace Event Format JSON)"; }
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
};

} // namespace perfcase
