#pragma once

#include "import/CancelToken.h"

#include <QUrl>
#include <chrono>
#include <cstdint>
#include <string>

namespace perfcase {

// One range query: PromQL over [start, end] at step (ns since the epoch / ns).
struct PrometheusRange
{
    std::string query;
    std::int64_t start = 0, end = 0, step = 0;
};

// What the server said. error is empty only for a 2xx answer; then body is
// the API's JSON exactly as sent (decompressed).
struct PrometheusResponse
{
    int httpStatus = 0; // 0: no HTTP answer (refused, DNS, TLS, timeout)
    std::string body;
    std::string error;
    bool ok() const { return error.empty(); }
};

// The Prometheus HTTP API (/api/v1/query_range), synchronously: each call
// makes its own QNetworkAccessManager and runs a local event loop, so it
// works from a worker thread or the command line's main thread alike.
// Credentials come only from the environment at call time
// (PERFCASE_PROMETHEUS_TOKEN as Bearer, else PERFCASE_PROMETHEUS_USER and
// PERFCASE_PROMETHEUS_PASSWORD as Basic); they are sent, never kept.
class PrometheusClient
{
public:
    static constexpr std::int64_t kDefaultMaxBytes = std::int64_t(512) << 20;

    // baseUrl as from parseBaseUrl().
    explicit PrometheusClient(QUrl baseUrl);

    // http(s)://host[:port][/prefix]; empty with a reason in error for any
    // other scheme, no host, or user:password in the URL (which would end up
    // in the case as the source's origin: credentials go in the environment).
    static QUrl parseBaseUrl(const QString &text, std::string &error);

    // Without progress for this long (no connection, no byte), the query is
    // abandoned. Default 60 s.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // Larger answers are abandoned (they would not fit a case sensibly).
    void setMaxBytes(std::int64_t bytes) { m_maxBytes = bytes; }

    // The URL as it is shown and stored (no credentials can be in it).
    std::string target() const;

    // Throws Cancelled when token is cancelled (checked every 100 ms; the
    // request is aborted). Prometheus' own errors come back in error as
    // "errorType: error", exactly as it words them.
    PrometheusResponse queryRange(const PrometheusRange &range, const CancelToken &token) const;

private:
    QUrl m_baseUrl;
    std::chrono::milliseconds m_timeout{60'000};
    std::int64_t m_maxBytes = kDefaultMaxBytes;
};

} // namespace perfcase
