#include "PrometheusProcess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QThread>
#include <QTimer>
#include <csignal>
#include <sys/prctl.h>

namespace perfcase::testing {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

PrometheusProcess::~PrometheusProcess()
{
    stop();
}

bool PrometheusProcess::start(int timeoutMs)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    const quint16 port = freePort();
    const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
    QFile config(m_dir.filePath(QStringLiteral("prometheus.yml")));
    if (!config.open(QIODevice::WriteOnly)) {
        m_error = config.errorString();
        return false;
    }
    config.write(QStringLiteral("global:\n"
                                "  scrape_interval: 1s\n"
                                "  evaluation_interval: 1s\n"
                                "scrape_configs:\n"
                                "  - job_name: prometheus\n"
                                "    static_configs:\n"
                                "      - targets: ['%1']\n")
                     .arg(address)
                     .toUtf8());
    config.close();
    // Killed with us even when the test aborts (QFATAL, a crash) before
    // the destructor runs.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("prometheus.log")));
    m_process.start(
        QStringLiteral("/usr/bin/prometheus"),
        {QStringLiteral("--config.file=") + config.fileName(),
         QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
         QStringLiteral("--web.listen-address=") + address, QStringLiteral("--log.level=warn")});
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("cannot start /usr/bin/prometheus: ") + m_process.errorString();
        return false;
    }
    m_url = QUrl(QStringLiteral("http://") + address);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running) {
            QFile log(m_dir.filePath(QStringLiteral("prometheus.log")));
            log.open(QIODevice::ReadOnly);
            m_error = QStringLiteral("prometheus exited: ") + QString::fromUtf8(log.readAll());
            return false;
        }
        if (get(QStringLiteral("/-/ready")).status == 200) return true;
        QThread::msleep(100);
    }
    m_error = QStringLiteral("prometheus was not ready within %1 ms").arg(timeoutMs);
    return false;
}

bool PrometheusProcess::waitForSamples(int samples, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const Answer answer =
            get(QStringLiteral("/api/v1/query"),
                QUrlQuery{{QStringLiteral("query"), QStringLiteral("count_over_time(up[1m])")}});
        const QJsonArray result = answer.json.value(QLatin1String("data"))
                                      .toObject()
                                      .value(QLatin1String("result"))
                                      .toArray();
        if (!result.isEmpty() && result.at(0)
                                         .toObject()
                                         .value(QLatin1String("value"))
                                         .toArray()
                                         .at(1)
                                         .toString()
                                         .toInt() >= samples)
            return true;
        QThread::msleep(250);
    }
    m_error = QStringLiteral("fewer than %1 samples after %2 ms").arg(samples).arg(timeoutMs);
    return false;
}

void PrometheusProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning) return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

PrometheusProcess::Answer PrometheusProcess::get(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_url;
    url.setPath(path);
    // Each value fully percent-encoded: QUrlQuery leaves '+', which a
    // server reads as a space ("up + 1").
    QByteArray encoded;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!encoded.isEmpty()) encoded += '&';
        encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
    return get(url);
}

PrometheusProcess::Answer PrometheusProcess::get(const QUrl &url)
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10'000, &loop, [reply] { reply->abort(); });
    if (!reply->isFinished()) loop.exec();
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.json = QJsonDocument::fromJson(reply->readAll()).object();
    if (answer.status == 0) answer.error = reply->errorString();
    return answer;
}

} // namespace perfcase::testing
