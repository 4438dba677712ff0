#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>

namespace perfcase::testing {

// A real Prometheus (/usr/bin/prometheus) on 127.0.0.1 with a free port,
// its own temporary configuration and storage, scraping itself every
// second. Killed by stop() or the destructor, so a failing test leaves no
// server behind. get() reads its API with QNetworkAccessManager directly:
// the expected values of the tests never go through the code under test.
class PrometheusProcess
{
public:
    struct Answer
    {
        int status = 0; // HTTP status; 0 when there was no answer
        QJsonObject json;
        QString error; // Qt's, when status is 0
    };

    ~PrometheusProcess();

    // Starts the server and waits until /-/ready answers 200; false with
    // the reason in error() otherwise.
    bool start(int timeoutMs);
    // Waits until Prometheus holds at least `samples` scrapes of itself.
    bool waitForSamples(int samples, int timeoutMs);
    void stop();

    QUrl url() const { return m_url; }
    QString error() const { return m_error; }
    // GET path?query against the server, synchronously.
    Answer get(const QString &path, const QUrlQuery &query = {}) const;
    static Answer get(const QUrl &url);

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
    QString m_error;
};

} // namespace perfcase::testing
