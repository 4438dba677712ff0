#pragma once

#include "import/ImportTypes.h"
#include "import/Importer.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace perfcase {

// Where a trace's monotonic µs sit on the wall clock (DESIGN.md, Clocks),
// from its metadata only; never invented. metadata.startTime (RFC 3339, as
// DevTools saves it) else metadata["trace-capture-datetime"] (chrome://tracing:
// "2016-10-5 23:30:4", UTC, whole seconds) is taken as the wall time of the
// anchor: TracingStartedInBrowser, else the smallest ts.
class TraceClock
{
public:
    // metadataJson: the document's "metadata" member (empty when absent).
    // anchorNs: the anchor's raw time (ns), if the trace had any event.
    static SourceClock resolve(std::string_view metadataJson, std::optional<std::int64_t> anchorNs,
                               std::vector<ImportNotice> &warnings);

    // "2016-10-5 23:30:4" (Chrome's "%u-%u-%u %d:%d:%d" of UTCExplode) to ns.
    static std::optional<std::int64_t> parseCaptureDatetime(std::string_view text);
};

} // namespace perfcase
