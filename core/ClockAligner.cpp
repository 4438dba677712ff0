#include "ClockAligner.h"

#include "TimeUtil.h"
#include "sqlite/Database.h"
#include "sqlite/Transaction.h"

#include <QUuid>

#include <algorithm>
#include <map>
#include <string_view>

namespace perfcase::ClockAligner {

namespace {

struct Request
{
    std::int64_t ts; // raw for the source being aligned, corrected for references
    std::string key; // "METHOD path?query"
};

// "https://host:8080/api/x?y=1#f" -> "/api/x?y=1"; a bare path stays as is.
std::string pathOf(std::string_view url)
{
    auto scheme = url.find("://");
    if (scheme != std::string_view::npos) {
        auto slash = url.find('/', scheme + 3);
        url = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
    }
    auto fragment = url.find('#');
    if (fragment != std::string_view::npos)
        url = url.substr(0, fragment);
    return std::string(url);
}

// A macro so that the queries below are single literals (GCC 12 warns
// falsely about std::string concatenations of long literals).
#define PERFCASE_REQUEST_TRACKS "('http.requests', 'browser.network_requests')"

#define PERFCASE_REQUESTS_OF                                                                       \
    "json_extract(x.args, '$.method'), json_extract(x.args, '$.url') "                             \
    "FROM slices x JOIN tracks t ON t.id = x.track_id JOIN sources s ON s.id = t.source_id "       \
    "WHERE s.id = ? AND t.name IN " PERFCASE_REQUEST_TRACKS " AND x.args IS NOT NULL"

std::vector<Request> requestsOf(Database &db, std::int64_t sourceId, bool corrected)
{
    Statement select =
        db.prepare(corrected ? "SELECT x.ts + s.clock_offset_ns, " PERFCASE_REQUESTS_OF
                             : "SELECT x.ts, " PERFCASE_REQUESTS_OF);
    select.bind(1, sourceId);
    std::vector<Request> requests;
    while (select.step()) {
        if (select.isNull(1) || select.isNull(2))
            continue;
        requests.push_back({select.int64(0), select.text(1) + " " + pathOf(select.textView(2))});
    }
    return requests;
}

// The densest window of offsets (width `window`): its median, spread and size.
std::optional<Proposal> bestCluster(std::vector<std::int64_t> offsets, std::int64_t window)
{
    if (int(offsets.size()) < kMinMatches)
        return std::nullopt;
    std::sort(offsets.begin(), offsets.end());
    std::size_t bestStart = 0, bestCount = 0;
    for (std::size_t start = 0, end = 0; start < offsets.size(); ++start) {
        end = std::max(end, start);
        while (end < offsets.size() && offsets[end] - offsets[start] <= window)
            ++end;
        if (end - start > bestCount) {
            bestCount = end - start;
            bestStart = start;
        }
    }
    if (int(bestCount) < kMinMatches)
        return std::nullopt;
    Proposal proposal;
    proposal.matches = int(bestCount);
    proposal.offsetNs = offsets[bestStart + bestCount / 2];
    proposal.residualNs = std::max(proposal.offsetNs - offsets[bestStart],
                                   offsets[bestStart + bestCount - 1] - proposal.offsetNs);
    return proposal;
}

} // namespace

std::optional<Proposal> propose(Database &db, std::int64_t sourceId)
{
    const std::vector<Request> own = requestsOf(db, sourceId, false);
    if (int(own.size()) < kMinMatches)
        return std::nullopt;
    std::multimap<std::string, std::int64_t> byKey;
    for (const Request &request : own)
        byKey.emplace(request.key, request.ts);

    Statement references = db.prepare(
        "SELECT DISTINCT s.id, s.format FROM sources s JOIN tracks t ON t.source_id = s.id "
        "WHERE s.ready = 1 AND s.id != ? AND t.name IN " PERFCASE_REQUEST_TRACKS
        " AND (s.clock_domain = 'wall' OR s.clock_origin != 'none')");
    references.bind(1, sourceId);
    std::optional<Proposal> best;
    bool bestFine = false;
    while (references.step()) {
        const std::int64_t referenceId = references.int64(0);
        // HAR and traces time requests to the millisecond; access logs to the
        // second, so their votes spread over a wider window.
        const bool coarse = references.text(1) != "har" && references.text(1) != "chrome-trace";
        const std::int64_t window = coarse ? 2'000'000'000 : 250'000'000;
        std::vector<std::int64_t> votes;
        for (const Request &request : requestsOf(db, referenceId, true)) {
            auto [begin, end] = byKey.equal_range(request.key);
            for (auto it = begin; it != end; ++it)
                votes.push_back(request.ts - it->second);
            if (votes.size() > 2'000'000)
                break; // enough to vote; bounded work on huge cases
        }
        auto proposal = bestCluster(std::move(votes), window);
        if (!proposal) continue;
        // A millisecond reference with a few matches beats a whole-second
        // one with more: an access log stamps requests when they end, to the
        // second, and often logs requests the HAR leaves out (favicon).
        const bool strong = !coarse && proposal->matches >= 3;
        const bool bestStrong = best && bestFine && best->matches >= 3;
        const bool better = !best || (strong != bestStrong ? strong
                                      : proposal->matches != best->matches
                                          ? proposal->matches > best->matches
                                          : proposal->residualNs < best->residualNs);
        if (better) {
            proposal->sourceId = sourceId;
            proposal->referenceSourceId = referenceId;
            best = proposal;
            bestFine = !coarse;
        }
    }
    return best;
}

void apply(Database &db, std::int64_t sourceId, std::int64_t offsetNs, const std::string &origin,
           std::optional<std::int64_t> residualNs, const std::string &author)
{
    Transaction transaction(db);
    db.prepare("UPDATE sources SET clock_offset_ns = ?, clock_origin = ?, clock_residual_ns = ? "
               "WHERE id = ?")
        .bind(1, offsetNs)
        .bind(2, origin)
        .bind(3, residualNs)
        .bind(4, sourceId)
        .run();
    db.prepare("INSERT INTO clock_changes(uuid, source_id, offset_ns, origin, residual_ns, author, "
               "created_at) VALUES(?, ?, ?, ?, ?, ?, ?)")
        .bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString())
        .bind(2, sourceId)
        .bind(3, offsetNs)
        .bind(4, origin)
        .bind(5, residualNs)
        .bind(6, author)
        .bind(7, nowNs())
        .run();
    transaction.commit();
}

std::vector<Proposal> alignUnaligned(Database &db, const std::string &author)
{
    // Sources with no offset, and those whose metadata gave a coarse one
    // (Chrome's trace-capture-datetime: 1 s) that anchors can beat. An offset
    // the user set, or exact metadata (no residual), is never replaced.
    struct Candidate
    {
        std::int64_t id;
        std::optional<std::int64_t> residual; // nullopt: not aligned yet
    };
    std::vector<Candidate> candidates;
    Statement select = db.prepare(
        "SELECT id, clock_origin, clock_residual_ns FROM sources WHERE ready = 1 AND "
        "clock_domain = 'monotonic' AND (clock_origin = 'none' OR "
        "(clock_origin = 'metadata' AND clock_residual_ns IS NOT NULL))");
    while (select.step()) {
        candidates.push_back({select.int64(0), select.text(1) == "none"
                                                   ? std::nullopt
                                                   : select.optionalInt64(2)});
    }
    std::vector<Proposal> applied;
    for (const Candidate &candidate : candidates) {
        const std::int64_t id = candidate.id;
        auto proposal = propose(db, id);
        if (proposal && candidate.residual && proposal->residualNs >= *candidate.residual)
            continue; // the metadata offset is as good
        if (proposal) {
            apply(db, id, proposal->offsetNs, "anchor", proposal->residualNs, author);
            applied.push_back(*proposal);
        }
    }
    return applied;
}

} // namespace perfcase::ClockAligner
