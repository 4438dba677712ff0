#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace perfcase {

class Database;

// Aligns a source's clock with the wall clock of the others by anchors: the
// same HTTP requests seen in a HAR (http.requests), the browser trace's
// network events (browser.network_requests) and server access logs
// (http.requests from access lines). Pairs with the same method and path
// vote for an offset; the densest cluster of votes wins (DESIGN.md, Clocks).
namespace ClockAligner {

struct Proposal
{
    std::int64_t sourceId = 0;
    std::int64_t referenceSourceId = 0;
    std::int64_t offsetNs = 0;   // corrected = raw + offset
    std::int64_t residualNs = 0; // the largest distance of a matched pair from the offset
    int matches = 0;
};

// The best offset for sourceId against any ready wall-clock (or already
// aligned) source with requests, or nullopt when fewer than kMinMatches
// requests agree.
std::optional<Proposal> propose(Database &db, std::int64_t sourceId);

// Sets a source's offset and records the change (clock_changes, with a uuid).
void apply(Database &db, std::int64_t sourceId, std::int64_t offsetNs, const std::string &origin,
           std::optional<std::int64_t> residualNs, const std::string &author);

// Proposes and applies an anchor offset for every ready monotonic source
// that has none yet; returns what was applied.
std::vector<Proposal> alignUnaligned(Database &db, const std::string &author);

constexpr int kMinMatches = 3;

} // namespace ClockAligner
} // namespace perfcase
