#pragma once

#include "import/Importer.h"

namespace perfcase {

// HTTP Archive 1.2 files from browsers (Chrome, Firefox, Safari), proxies
// (Charles, Fiddler, mitmproxy) and clients (Insomnia, Playwright): streams
// log.entries in bounded memory and writes each request as a slice and each
// WebSocket message as an instant (HarEntryWriter), redacted with the case's
// key. docs/formats.md, "har", says what comes out.
class HarImporter : public Importer
{
public:
    std::string id() const override { return "har"; }
    std::string kind() const override { return "har"; }
    std::string title() const override { return "HTTP Archive (HAR 1.2)"; }
    // 95 for {"log": {... "entries"/"creator"; 70 for {"log": {; 60 for any
    // JSON document named *.har (so a broken .har fails with a clear message
    // rather than being skipped as unknown).
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;

    static constexpr std::size_t kMaxEntryBytes = 64u << 20;
};

} // namespace perfcase
