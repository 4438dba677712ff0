#include "PrometheusClient.h"

#include "PrometheusStep.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace perfcase {

namespace {

// An error answer is a small JSON object; a larger body is data, not read here.
constexpr qsizetype kErrorBodyLimit = 4 << 20;

QByteArray authorization()
{
    const QByteArray token = qgetenv("PERFCASE_PROMETHEUS_TOKEN");
    if (!token.isEmpty()) return "Bearer " + token;
    const QByteArray user = qgetenv("PERFCASE_PROMETHEUS_USER");
    if (!user.isEmpty())
        return "Basic " +
               QByteArray(user + ':' + qgetenv("PERFCASE_PROMETHEUS_PASSWORD")).toBase64();
    return {};
}

QByteArray formField(const char *name, const std::string &value)
{
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(QString::fromStdString(value));
}

// {"status":"error","errorType":"bad_data","error":"1:5: parse error: ..."}
// -> "bad_data: 1:5: parse error: ...", the words Prometheus chose.
std::string prometheusError(const std::string &body)
{
    if (body.empty() || qsizetype(body.size()) > kErrorBodyLimit) return {};
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), qsizetype(body.size())));
    const QJsonObject object = document.object();
    if (object.value(QLatin1String("status")).toString() != QLatin1String("error")) return {};
    const QString type = object.value(QLatin1String("errorType")).toString();
    const QString message = object.value(QLatin1String("error")).toString();
    return QString((type.isEmpty() ? QString() : type + QLatin1String(": ")) +
                   (message.isEmpty() ? QStringLiteral("(no message)") : message))
        .toStdString();
}

// The start of a body that is not Prometheus' (a proxy's HTML page), for
// the message: one line, at most 200 characters.
std::string excerpt(const std::string &body)
{
    QString text =
        QString::fromUtf8(body.data(), qsizetype(std::min<std::size_t>(body.size(), 400)))
            .simplified();
    if (text.size() > 200) text = text.left(200) + QStringLiteral("...");
    return text.toStdString();
}

std::string sizeText(std::int64_t bytes)
{
    if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

} // namespace

PrometheusClient::PrometheusClient(QUrl baseUrl) : m_baseUrl(std::move(baseUrl)) {}

QUrl PrometheusClient::parseBaseUrl(const QString &text, std::string &error)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty()) {
        error = "--url wants http(s)://host[:port][/path], not '" + text.toStdString() + "'";
        return {};
    }
    if (!url.userInfo().isEmpty()) {
        // Said without echoing the URL: it holds a secret.
        error = "--url must not hold credentials: set PERFCASE_PROMETHEUS_TOKEN, or "
                "PERFCASE_PROMETHEUS_USER and PERFCASE_PROMETHEUS_PASSWORD";
        return {};
    }
    if (url.hasQuery() || url.hasFragment()) {
        error = "--url is the server's base URL, without ?query or #fragment";
        return {};
    }
    return url;
}

std::string PrometheusClient::target() const
{
    return m_baseUrl
        .toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::StripTrailingSlash)
        .toStdString();
}

PrometheusResponse PrometheusClient::queryRange(const PrometheusRange &range,
                                                const CancelToken &token) const
{
    if (token.isCancelled()) throw Cancelled{};
    QUrl url = m_baseUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/api/v1/query_range"));

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("perfcase"));
    // Qt would otherwise follow a redirect to another host with our
    // Authorization header on it.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    if (const QByteArray credentials = authorization(); !credentials.isEmpty())
        request.setRawHeader("Authorization", credentials);

    // POST keeps long PromQL out of URL limits and out of access logs.
    const QByteArray form = formField("query", range.query) + '&' +
                            formField("start", PrometheusStep::apiText(range.start)) + '&' +
                            formField("end", PrometheusStep::apiText(range.end)) + '&' +
                            formField("step", PrometheusStep::apiText(range.step));

    // Made here, in the calling thread, so that its sockets live in this
    // thread's event loop (QNetworkAccessManager is not thread-safe).
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.post(request, form);
    PrometheusResponse response;
    bool cancelled = false, timedOut = false, tooLarge = false;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    auto take = [&] {
        if (!reply->isOpen()) return; // aborted: closed, nothing more to read
        const QByteArray chunk = reply->readAll();
        if (chunk.isEmpty()) return;
        sinceProgress.restart();
        if (std::int64_t(response.body.size()) + chunk.size() > m_maxBytes) {
            tooLarge = true;
            reply->abort();
            return;
        }
        response.body.append(chunk.constData(), std::size_t(chunk.size()));
    };
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, take);
    QObject::connect(reply, &QNetworkReply::uploadProgress, &loop,
                     [&](qint64, qint64) { sinceProgress.restart(); });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop,
                     [&] { sinceProgress.restart(); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // A CancelToken has no signal (a signal handler may set it): poll it.
    QTimer poll;
    poll.setInterval(100);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (reply->isFinished()) return;
        if (token.isCancelled()) {
            cancelled = true;
            reply->abort();
        } else if (sinceProgress.elapsed() > m_timeout.count()) {
            timedOut = true;
            reply->abort();
        }
    });
    poll.start();
    if (!reply->isFinished()) loop.exec();
    poll.stop();
    if (!tooLarge && !cancelled) take();
    if (cancelled) throw Cancelled{};

    response.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const std::string target = this->target();
    if (tooLarge) {
        response.body.clear();
        response.error = "the answer is larger than " + sizeText(m_maxBytes) +
                         ": narrow the query or the window, or use a larger step";
        return response;
    }
    if (timedOut) {
        response.body.clear();
        response.error = "no answer from " + target + " within " +
                         QString::number(double(m_timeout.count()) / 1000.0).toStdString() + " s";
        return response;
    }
    if (response.httpStatus != 0) {
        if (std::string said = prometheusError(response.body); !said.empty()) {
            response.error = std::move(said);
            return response;
        }
    }
    if (response.httpStatus == 0 || reply->error() != QNetworkReply::NoError ||
        response.httpStatus / 100 != 2) {
        if (response.httpStatus == 0) {
            response.error = reply->errorString().toStdString();
        } else {
            const QString reason =
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            response.error = "HTTP " + std::to_string(response.httpStatus) +
                             (reason.isEmpty() ? "" : " " + reason.toStdString());
            if (const std::string start = excerpt(response.body); !start.empty())
                response.error += ": " + start;
        }
        if (response.error.empty()) response.error = "the query failed";
        response.body.clear();
    }
    return response;
}

} // namespace perfcase
