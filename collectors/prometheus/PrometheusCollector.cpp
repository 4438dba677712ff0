#include "PrometheusCollector.h"

#include "PrometheusStep.h"
#include "TimeUtil.h"
#include "collect/CollectedOutput.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

constexpr std::size_t kNameLength = 60;

// Quoted the way a shell would need it, so the origin reads as typed.
std::string shellQuoted(const std::string &text)
{
    bool plain = !text.empty();
    for (unsigned char c : text)
        plain = plain && (std::isalnum(c) || c == '_' || c == ':' || c == '.' || c == '-');
    if (plain) return text;
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::size_t skipSpaces(const std::string &text, std::size_t pos)
{
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t'))
        ++pos;
    return pos;
}

// The answer with the query added as its first member. The importer names a
// series without __name__ (rate(...), sum by ...) after a "query" member it
// has read before the series; Prometheus' answer does not carry one. The
// rest of the bytes are Prometheus' own.
std::string withQuery(const std::string &body, const std::string &query)
{
    const std::size_t open = skipSpaces(body, 0);
    if (open >= body.size() || body[open] != '{') return body;
    const std::size_t next = skipSpaces(body, open + 1);
    const bool emptyObject = next < body.size() && body[next] == '}';
    const std::string member =
        "\"query\":" +
        nlohmann::json(query).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return body.substr(0, open + 1) + member + (emptyObject ? "" : ",") + body.substr(open + 1);
}

PrometheusOutcome failed(PrometheusOutcome outcome, const std::string &error)
{
    outcome.import.status = ImportOutcome::Status::Failed;
    outcome.import.error = error;
    return outcome;
}

} // namespace

PrometheusCollector::PrometheusCollector(const PrometheusClient &client, CaseFile &file,
                                         const ImporterRegistry &importers)
    : m_client(client), m_file(file), m_importers(importers)
{}

std::string PrometheusCollector::defaultName(const std::string &query)
{
    std::string name;
    for (char c : query) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space && (name.empty() || name.back() == ' ')) continue;
        name += space ? ' ' : c;
    }
    while (!name.empty() && name.back() == ' ')
        name.pop_back();
    if (name.size() > kNameLength) {
        std::size_t cut = kNameLength;
        // Never cut a UTF-8 sequence in half.
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
            --cut;
        name = name.substr(0, cut) + "...";
    }
    return name.empty() ? std::string("prometheus") : name;
}

std::string PrometheusCollector::commandText(const PrometheusRange &range)
{
    return "query_range query=" + shellQuoted(range.query) +
           " start=" + formatRfc3339(range.start) + " end=" + formatRfc3339(range.end) +
           " step=" + PrometheusStep::durationText(range.step);
}

bool PrometheusCollector::hasNoSeries(const std::string &body)
{
    // The first "result" key followed by a colon is data.result: Prometheus
    // writes resultType before it and no series before it.
    static const std::string key = "\"result\"";
    for (std::size_t at = body.find(key); at != std::string::npos; at = body.find(key, at + 1)) {
        std::size_t pos = skipSpaces(body, at + key.size());
        if (pos >= body.size() || body[pos] != ':') continue;
        pos = skipSpaces(body, pos + 1);
        if (pos >= body.size() || body[pos] != '[') return false;
        pos = skipSpaces(body, pos + 1);
        return pos < body.size() && body[pos] == ']';
    }
    return false;
}

PrometheusOutcome PrometheusCollector::collect(const PrometheusRange &range,
                                               const std::string &name, const CancelToken &token)
{
    PrometheusOutcome outcome;
    outcome.command = commandText(range);
    outcome.target = m_client.target();
    outcome.import.path = name.empty() ? defaultName(range.query) : name;
    outcome.import.kind = "metrics";
    outcome.import.format = "prometheus-json";

    const PrometheusResponse response = m_client.queryRange(range, token);
    outcome.httpStatus = response.httpStatus;
    if (response.httpStatus != 0) outcome.collectedAt = nowNs();
    if (!response.ok()) return failed(std::move(outcome), response.error);
    if (hasNoSeries(response.body))
        return failed(std::move(outcome), "no series matched " + shellQuoted(range.query) +
                                              " from " + formatRfc3339(range.start) + " to " +
                                              formatRfc3339(range.end));

    CollectedOutput output;
    output.command = outcome.command;
    output.target = outcome.target;
    output.transport = m_client.target().rfind("https:", 0) == 0 ? "https" : "http";
    output.collectedAt = outcome.collectedAt;
    output.stdoutBytes = withQuery(response.body, range.query);
    outcome.import =
        output.importInto(m_file, m_importers, "prometheus-json", outcome.import.path, token);
    if (outcome.import.status == ImportOutcome::Status::Cancelled) throw Cancelled{};
    return outcome;
}

} // namespace perfcase
