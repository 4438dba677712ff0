#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <memory>

namespace perfcase::testing {

// A one-file HTTP/1.1 server on 127.0.0.1 for what a real Prometheus cannot
// show: the request's headers (Authorization) and a server that never
// answers (cancel, timeout). It runs in the test's thread, so the client's
// local event loop serves it.
class FakeHttpServer
{
public:
    struct Request
    {
        QByteArray method, path, body;
        QList<QPair<QByteArray, QByteArray>> headers; // names lower-case
        QByteArray header(const QByteArray &name) const;
    };

    FakeHttpServer();
    ~FakeHttpServer();

    bool listen();
    quint16 port() const;
    // What to answer; silent: read the request and never answer.
    void answer(int status, const QByteArray &body) { m_status = status, m_body = body; }
    void setSilent(bool silent) { m_silent = silent; }
    const QList<Request> &requests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket);

    std::unique_ptr<QTcpServer> m_server;
    int m_status = 200;
    QByteArray m_body;
    bool m_silent = false;
    QList<Request> m_requests;
};

} // namespace perfcase::testing
