// The HAR importer (collectors/har) over every corpus HAR, the hand-made
// Socket.IO/secrets fixture, and bad input.
//
// The expected values were NOT taken from the program's output. They come
// from tests/fixtures/har/har_counts.py (Python's json module and exact
// decimal arithmetic: entries, rejected entries, first/last ns, hosts,
// WebSocket messages, entry byte offsets), e.g.
//   python3 har_counts.py /work/shared/corpus/har/*.har
//   harviewer_noPages.har entries 87 records 87 rejected 0
//       first 1310103646972417800 last 1310103656327417800 hosts 14 ws 0
// and from one-line Python checks quoted next to the rows (sizes of
// WebSocket frames: len(data.encode()), base64 frames: len(b64decode(data))).

#include "HarCases.h"
#include "ImportTestSupport.h"
#include "har/SocketIoPacket.h"
#include "import/Importer.h"
#include "import/Sample.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSettings>
#include <QtTest>

using namespace perfcase;
using namespace perfcase::testing;

// Counts and times are int64 on one side and literals on the other.
#define QCOMPARE_N(actual, expected) QCOMPARE(qlonglong(actual), qlonglong(expected))

namespace {

const char *const kBearer = "tok-7Hq2Vx9LmN4pR8sT1wY6zB3c";
const char *const kSession = "sess-Zt5Kp0Qw8Rv2Ym6Xn4Lb";

QString fixtureHar()
{
    return fixture("har/socketio_secrets.har");
}

QJsonObject argsOf(TempCase &c, const std::string &where)
{
    auto text = c.text("SELECT args FROM v_slices WHERE " + where);
    return text ? QJsonDocument::fromJson(QByteArray::fromStdString(*text)).object()
                : QJsonObject();
}

// The expected 8 hex for a secret under the case's key, from the key in this
// user's settings and Qt's HMAC (not the Redactor).
QString expectedHash(TempCase &c, const char *secret)
{
    const auto uuid = c.text("SELECT value FROM meta WHERE key = 'case_uuid'");
    QSettings settings(QStringLiteral("perfcase"), QStringLiteral("perfcase"));
    const QByteArray key = QByteArray::fromBase64(
        settings.value(QStringLiteral("redaction/") + QString::fromStdString(uuid.value_or("")))
            .toByteArray());
    if (key.isEmpty()) return QStringLiteral("(no key)");
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(secret, key, QCryptographicHash::Sha256).toHex().left(8));
}

// Rows per table: a failed import must leave these as they were.
QString tableCounts(TempCase &c)
{
    QString out;
    for (const char *table : {"sources", "tracks", "slices", "instants", "logs", "counters",
                              "objects", "import_errors"})
        out += QString::fromLatin1(table) + QLatin1Char('=') +
               QString::number(c.scalar(std::string("SELECT count(*) FROM ") + table)) +
               QLatin1Char(' ');
    return out;
}

} // namespace

class TestHar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void corpusFiles_data();
    void corpusFiles();
    void detection_data();
    void detection();
    void corpusRequestArgs();
    void corpusWebSocket();
    void handMadeCounts();
    void handMadeRequests();
    void handMadeSocketIo();
    void noSecretInCaseFile();
    void equalTokensSameMarker();
    void keyPerCase();
    void socketIoPacket_data();
    void socketIoPacket();
    void badInput_data();
    void badInput();
    void giganticClaims();
    void websocketTimeUnits();
    void recordedTableLag();
    void compressed();

private:
    QTemporaryDir m_config;
};

void TestHar::initTestCase()
{
    // The redaction keys live in this user's settings: keep the test's apart.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
}

void TestHar::corpusFiles_data()
{
    addCorpusRows();
}

void TestHar::corpusFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, status);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, firstNs);
    QFETCH(qlonglong, lastNs);
    QFETCH(int, hosts);
    QFETCH(int, messages);
    QFETCH(int, sockets);
    QFETCH(QString, error);
    QFETCH(qlonglong, errorByte);

    TempCase c;
    const ImportOutcome o = c.importOne(corpus(("har/" + file.toStdString()).c_str()));
    QCOMPARE(QString::fromLatin1(statusText(o.status)), status);
    QCOMPARE(o.format, std::string("har"));
    if (status == QLatin1String("failed")) {
        QVERIFY2(QString::fromStdString(o.error).contains(error), o.error.c_str());
        QCOMPARE(qlonglong(o.errorByte), errorByte);
        QCOMPARE_N(c.scalar("SELECT count(*) FROM sources"), 0);
        return;
    }
    QCOMPARE(o.kind, std::string("har"));
    QCOMPARE(qlonglong(o.records), records);
    QCOMPARE(qlonglong(o.rejected), 0LL);
    QVERIFY(!o.partial);
    QCOMPARE(show(o.firstTs), show(firstNs));
    QCOMPARE(show(o.lastTs), show(lastNs));
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_slices WHERE track = 'http.requests'"), records);
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_tracks WHERE name = 'http.requests'"), hosts);
    QCOMPARE_N(
        c.scalar("SELECT count(*) FROM v_instants WHERE track = 'browser.websocket_messages'"),
        messages);
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_tracks WHERE name = 'browser.websocket_messages'"),
               sockets);
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_import_errors"), 0);
    QCOMPARE(*c.text("SELECT kind || ' ' || clock_domain || ' ' || time_source FROM v_sources"),
             std::string("har wall data"));
}

void TestHar::detection_data()
{
    addDetectionRows();
}

void TestHar::detection()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, har);
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    QVERIFY(writeAll(path, bytes));
    const Sample sample = Sample::read(path.toStdString());
    const Importer *detected = importers().detect(sample);
    QCOMPARE(detected && detected->id() == "har", har);
}

void TestHar::corpusRequestArgs()
{
    // mitmproxy_har_files_chrome.har, 3rd entry (python: e = entries[2]):
    // time 58.204999993904494 -> 58205000 ns; _transferSize 7132, content.size 7108,
    // headersSize -1 and bodySize 0 (no request_bytes), h3, dns/connect/ssl -1.
    TempCase c;
    QCOMPARE(c.importOne(corpus("har/mitmproxy_har_files_chrome.har")).status,
             ImportOutcome::Status::Imported);
    const std::string where = "name LIKE 'GET /images/branding/%'";
    QCOMPARE_N(c.scalar("SELECT dur FROM v_slices WHERE " + where), 58205000);
    QCOMPARE(*c.text("SELECT category FROM v_slices WHERE " + where), std::string("http"));
    QCOMPARE(*c.text("SELECT json_extract(labels, '$.host') FROM v_slices WHERE " + where),
             std::string("www.google.com"));
    const QJsonObject args = argsOf(c, where);
    QCOMPARE(args.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(args.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(args.value(QStringLiteral("http_version")).toString(), QStringLiteral("h3"));
    QCOMPARE(args.value(QStringLiteral("server_ip")).toString(), QStringLiteral("142.250.185.164"));
    QCOMPARE(args.value(QStringLiteral("initiator")).toString(), QStringLiteral("parser"));
    QCOMPARE(args.value(QStringLiteral("initiator_url")).toString(),
             QStringLiteral("https://www.google.com/"));
    QCOMPARE(args.value(QStringLiteral("resource_type")).toString(), QStringLiteral("image"));
    QCOMPARE(args.value(QStringLiteral("priority")).toString(), QStringLiteral("High"));
    QCOMPARE(args.value(QStringLiteral("mimeType")).toString(), QStringLiteral("image/png"));
    QCOMPARE(args.value(QStringLiteral("response_bytes")).toInt(), 7132);
    QCOMPARE(args.value(QStringLiteral("body_bytes")).toInt(), 7108);
    QVERIFY(!args.contains(QStringLiteral("request_bytes")));
    const QJsonObject timings = args.value(QStringLiteral("timings")).toObject();
    QCOMPARE(timings.keys(), (QStringList{QStringLiteral("blocked"), QStringLiteral("receive"),
                                          QStringLiteral("send"), QStringLiteral("wait")}));
    QCOMPARE(timings.value(QStringLiteral("wait")).toDouble(), 51.0799999950286);
    // Its Cookie header (21 Google cookies) survives only as markers; the
    // pseudo-headers, user-agent, referer and x-client-data are not kept.
    const QJsonObject headers = args.value(QStringLiteral("request_headers")).toObject();
    QCOMPARE(headers.keys(),
             (QStringList{QStringLiteral("cache-control"), QStringLiteral("cookie")}));
    const QString cookie = headers.value(QStringLiteral("cookie")).toString();
    QCOMPARE(cookie.count(QString::fromUtf8("\xE2\x9F\xA6REDACTED:cookie:")), 21);
    QVERIFY(cookie.startsWith(QStringLiteral("SID=") + QString::fromUtf8("\xE2\x9F\xA6")));
    QVERIFY(!cookie.contains(QStringLiteral("YAieF18TdLas")));
    // The 2nd entry failed offline: status 0 and Chrome's _error.
    QCOMPARE(argsOf(c, "dur = 4119000").value(QStringLiteral("error")).toString(),
             QStringLiteral("net::ERR_INTERNET_DISCONNECTED"));
}

void TestHar::corpusWebSocket()
{
    // mitmproxy_flows_websocket.har (python over _webSocketMessages):
    // receive 27, receive 26, receive 27, send 3, send 3 bytes, all opcode 1,
    // plain JSON text (not Socket.IO) -> "message"; two socket URLs, the
    // first used twice; api_key=VCXC... in it must not be stored.
    TempCase c;
    QCOMPARE(c.importOne(corpus("har/mitmproxy_flows_websocket.har")).status,
             ImportOutcome::Status::Imported);
    QStringList rows;
    Statement st = c.db().prepare(
        "SELECT ts, name, json_extract(args, '$.direction'), json_extract(args, '$.size'), "
        "json_extract(args, '$.opcode'), json_extract(args, '$.event') FROM v_instants ORDER BY "
        "ts");
    while (st.step())
        rows << QString::number(st.int64(0)) + QLatin1Char(' ') +
                    QString::fromStdString(st.text(1)) + QLatin1Char(' ') +
                    QString::fromStdString(st.text(2)) + QLatin1Char(' ') +
                    QString::number(st.int64(3)) + QLatin1Char(' ') + QString::number(st.int64(4)) +
                    (st.isNull(5) ? QString() : QStringLiteral(" event"));
    // Times: float epoch seconds rounded to microseconds (1693314210.2705212 -> ...270521000).
    QCOMPARE(rows, (QStringList{QStringLiteral("1693314200336985000 message received 27 1"),
                                QStringLiteral("1693314210270521000 message received 26 1"),
                                QStringLiteral("1693314232444319000 message received 27 1"),
                                QStringLiteral("1693314240794808000 message sent 3 1"),
                                QStringLiteral("1693314244039395000 message sent 3 1")}));
    QCOMPARE_N(
        c.scalar("SELECT count(*) FROM v_tracks WHERE name = 'browser.websocket_messages' AND "
                 "json_extract(labels, '$.url') LIKE "
                 "'https://demo.piesocket.com/v3/channel_123?api_key=%'"
                 " AND row_count = 4"),
        1);
    QCOMPARE_N(
        c.scalar("SELECT count(*) FROM v_tracks WHERE name = 'browser.websocket_messages' AND "
                 "json_extract(labels, '$.url') = 'https://demo.piesocket.com/v3/channel_123' AND "
                 "row_count = 1"),
        1);
    for (const char *table : {"tracks", "slices", "instants"})
        QCOMPARE_N(c.scalar(std::string("SELECT count(*) FROM ") + table + " WHERE instr(" +
                            (std::string(table) == "tracks" ? "labels" : "args") +
                            ", 'VCXCEuvhGcBDP7XhiJJUDvR1e1D3eiVjgZ9VRiaV') > 0"),
                   0);
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_instants WHERE instr(args, 'Unknown api key') > 0"),
               0);
}

void TestHar::handMadeCounts()
{
    // har_counts.py on socketio_secrets.har: 10 entries, 7 records, 3 rejected,
    // first 1709632800123000000, last 1709632832000000000, 4 hosts,
    // 22 WebSocket messages (1 more without a usable time), 2 sockets;
    // entry offsets [166, 2496, 4187, 5629, 6922, 12027, 13448, 14317, 15226, 15872].
    TempCase c;
    const ImportOutcome o = c.importOne(fixtureHar());
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(qlonglong(o.records), 7LL);
    QCOMPARE(qlonglong(o.rejected), 3LL);
    QVERIFY(!o.partial);
    QCOMPARE(show(o.firstTs), show(1709632800123000000));
    QCOMPARE(show(o.lastTs), show(1709632832000000000));
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_tracks WHERE name = 'http.requests'"), 4);
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_tracks WHERE name = 'browser.websocket_messages'"),
               2);
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_instants"), 22);
    QStringList errors;
    Statement st = c.db().prepare("SELECT kind, byte, message FROM v_import_errors ORDER BY id");
    while (st.step())
        errors << QString::fromStdString(st.text(0) + " " + std::to_string(st.int64(1)) + " " +
                                         st.text(2));
    // Rejections as they come; the skipped WebSocket messages summed up at the end.
    QCOMPARE(errors,
             (QStringList{
                 QStringLiteral("error 13448 entry has no startedDateTime"),
                 QStringLiteral("error 14317 startedDateTime is not an ISO 8601 time"),
                 QStringLiteral("error 15226 entry has no request"),
                 QStringLiteral("warning 6922 1 WebSocket message(s) without a usable time skipped "
                                "(first in the entry at this offset)")}));
}

void TestHar::handMadeRequests()
{
    TempCase c;
    QCOMPARE(c.importOne(fixtureHar()).status, ImportOutcome::Status::Imported);
    QStringList names;
    Statement st = c.db().prepare("SELECT name, ts, dur FROM v_slices ORDER BY ts");
    while (st.step())
        names << QString::fromStdString(st.text(0) + " " + std::to_string(st.int64(1)) + " " +
                                        std::to_string(st.int64(2)));
    // 03:00:01-07:00 = 10:00:01Z; entry 2 has no "time": 2+10+1+40+0.5 ms (blocked
    // -1, ssl inside connect); the zoneless 10:00:05.5 is UTC (--tz default).
    QCOMPARE(names, (QStringList{QStringLiteral("GET /api/cells 1709632800123000000 120500000"),
                                 QStringLiteral("POST /login 1709632801000000000 53500000"),
                                 QStringLiteral("GET /report.csv 1709632802000000000 30000000"),
                                 QStringLiteral("GET /js 1709632803000000000 12250000"),
                                 QStringLiteral("GET /socket.io/ 1709632804000000000 5000000"),
                                 QStringLiteral("GET /api/ping 1709632805500000000 2000000"),
                                 QStringLiteral("GET /raw 1709632806000000000 3000000")}));

    const QJsonObject first = argsOf(c, "name = 'GET /api/cells'");
    QCOMPARE(first.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(first.value(QStringLiteral("request_bytes")).toInt(), 420);   // 420 + 0
    QCOMPARE(first.value(QStringLiteral("response_bytes")).toInt(), 1234); // _transferSize
    QCOMPARE(first.value(QStringLiteral("server_ip")).toString(), QStringLiteral("2001:db8::1"));
    QCOMPARE(first.value(QStringLiteral("initiator_url")).toString(),
             QStringLiteral("https://app.example.com/static/app.js?v=3"));
    QCOMPARE(first.value(QStringLiteral("timings")).toObject().keys(),
             (QStringList{QStringLiteral("blocked"), QStringLiteral("receive"),
                          QStringLiteral("send"), QStringLiteral("wait")}));
    QCOMPARE(first.value(QStringLiteral("request_headers")).toObject().keys(),
             (QStringList{QStringLiteral("authorization"), QStringLiteral("cookie"),
                          QStringLiteral("x-request-id")}));
    QCOMPARE(first.value(QStringLiteral("response_headers")).toObject().keys(),
             (QStringList{QStringLiteral("cache-control"), QStringLiteral("content-type"),
                          QStringLiteral("set-cookie"), QStringLiteral("x-request-id")}));
    const QString setCookie = first.value(QStringLiteral("response_headers"))
                                  .toObject()
                                  .value(QStringLiteral("set-cookie"))
                                  .toString();
    QVERIFY2(setCookie.startsWith(QStringLiteral("session=") +
                                  QString::fromUtf8("\xE2\x9F\xA6REDACTED:cookie:")) &&
                 setCookie.endsWith(QStringLiteral("; Path=/; HttpOnly; Secure")),
             qPrintable(setCookie));

    const QString login = argsOf(c, "name = 'POST /login'").value(QStringLiteral("url")).toString();
    QCOMPARE(login, QStringLiteral("https://app.example.com/login?user=alice&password=") +
                        QString::fromUtf8("\xE2\x9F\xA6REDACTED:password\xE2\x9F\xA7"));
    QCOMPARE(argsOf(c, "name = 'POST /login'")
                 .value(QStringLiteral("request_headers"))
                 .toObject()
                 .value(QStringLiteral("authorization"))
                 .toString(),
             QStringLiteral("Basic ") +
                 QString::fromUtf8("\xE2\x9F\xA6REDACTED:basic-auth\xE2\x9F\xA7"));
    const QString report =
        argsOf(c, "name = 'GET /report.csv'").value(QStringLiteral("url")).toString();
    QVERIFY2(report.startsWith(QStringLiteral("https://alice:") +
                               QString::fromUtf8("\xE2\x9F\xA6REDACTED:url-password\xE2\x9F\xA7") +
                               QStringLiteral("@files.example.com/report.csv?X-Amz-Credential=")),
             qPrintable(report));
    QVERIFY(!hashIn(report, QStringLiteral("aws-access-key")).isEmpty());
    const QString maps = argsOf(c, "name = 'GET /js'").value(QStringLiteral("url")).toString();
    QVERIFY(!hashIn(maps, QStringLiteral("gcp-api-key")).isEmpty());
    QVERIFY(!hashIn(maps, QStringLiteral("slack-token")).isEmpty());
    // The JWT keeps its header and claims; its signature is gone.
    QVERIFY2(maps.contains(QStringLiteral("id_token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                                          "eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwOTYzMjAwMH0.") +
                           QString::fromUtf8("\xE2\x9F\xA6REDACTED:jwt:")),
             qPrintable(maps));
    // Labels: a track per host.
    QCOMPARE_N(
        c.scalar(
            "SELECT count(*) FROM v_tracks WHERE name = 'http.requests' AND json_extract(labels, "
            "'$.host') IN ('app.example.com', 'files.example.com', 'maps.example.com', "
            "'echo.example.com')"),
        4);
}

void TestHar::handMadeSocketIo()
{
    TempCase c;
    QCOMPARE(c.importOne(fixtureHar()).status, ImportOutcome::Status::Imported);
    QStringList rows;
    Statement st = c.db().prepare(
        "SELECT name, json_extract(args, '$.direction'), json_extract(args, '$.size'), "
        "coalesce(json_extract(args, '$.event'), '-'), coalesce(json_extract(args, '$.namespace'), "
        "'-'), "
        "coalesce(json_extract(args, '$.ack_id'), '-'), coalesce(json_extract(args, "
        "'$.attachments'), '-'), "
        "json_extract(args, '$.opcode') FROM v_instants ORDER BY track_id, ts");
    while (st.step()) {
        QStringList fields;
        for (int i = 0; i < 8; ++i)
            fields << QString::fromStdString(st.text(i));
        rows << fields.join(QLatin1Char(' '));
    }
    // Sizes from python (len(data.encode()); the opcode-2 frame len(b64decode(data)) = 10).
    QCOMPARE(
        rows,
        (QStringList{
            QStringLiteral("open received 80 - - - - 1"),
            QStringLiteral("connect sent 2 - / - - 1"),
            QStringLiteral("connect received 22 - / - - 1"),
            QStringLiteral("cells_update_batch received 168 cells_update_batch / - - 1"),
            QStringLiteral("cells_update_batch received 168 cells_update_batch / - - 1"),
            QStringLiteral("cells_update_batch received 168 cells_update_batch / - - 1"),
            QStringLiteral("cell_update sent 61 cell_update / - - 1"),
            QStringLiteral("cell_update sent 39 cell_update / - - 1"),
            QStringLiteral("ping received 1 - - - - 1"), QStringLiteral("pong sent 1 - - - - 1"),
            QStringLiteral("ping received 1 - - - - 1"), QStringLiteral("pong sent 1 - - - - 1"),
            QStringLiteral("audit sent 36 audit /admin - - 1"),
            QStringLiteral("save sent 23 save / 1 - 1"),
            QStringLiteral("ack received 16 - / 1 - 1"),
            QStringLiteral("login sent 43 login / - - 1"),
            QStringLiteral("file_chunk received 48 file_chunk / - 1 1"),
            QStringLiteral("message received 10 - - - - 2"),
            QStringLiteral("disconnect sent 2 - / - - 1"),
            // A plain socket: "2" is text there, a full event still counts.
            QStringLiteral("message sent 1 - - - - 1"),
            QStringLiteral("message received 5 - - - - 1"),
            QStringLiteral("strict_evt received 18 strict_evt / - - 1")}));
}

void TestHar::noSecretInCaseFile()
{
    TempCase c;
    QCOMPARE(c.importOne(fixtureHar()).status, ImportOutcome::Status::Imported);
    // Every column of every table, FTS shadow tables included.
    QStringList leaks;
    std::vector<std::string> tables;
    Statement list = c.db().prepare("SELECT name FROM sqlite_schema WHERE type = 'table'");
    while (list.step())
        tables.push_back(list.text(0));
    QVERIFY(tables.size() >= 15);
    for (const std::string &table : tables) {
        std::vector<std::string> columns;
        Statement info = c.db().prepare("SELECT name FROM pragma_table_info(?)");
        info.bind(1, table);
        while (info.step())
            columns.push_back(info.text(0));
        for (const std::string &column : columns) {
            for (const char *secret : fixtureSecrets()) {
                Statement scan =
                    c.db().prepare("SELECT count(*) FROM \"" + table + "\" WHERE instr(CAST(\"" +
                                   column + "\" AS BLOB), CAST(? AS BLOB)) > 0");
                scan.bind(1, secret);
                if (scan.step() && scan.int64(0) > 0)
                    leaks << QString::fromStdString(table + "." + column + ": " + secret);
            }
        }
    }
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QStringLiteral("; "))));
    // And the bytes of the file (and its WAL, if any) on disk.
    c.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        const QByteArray bytes = readAll(QString::fromStdString(c.path()) + suffix);
        for (const char *secret : fixtureSecrets())
            QVERIFY2(!bytes.contains(secret), secret);
    }
    // The redacted rows are there all the same.
    QVERIFY(c.scalar("SELECT count(*) FROM v_slices WHERE instr(args, 'REDACTED:') > 0") >= 5);
}

void TestHar::equalTokensSameMarker()
{
    TempCase c;
    QCOMPARE(c.importOne(fixtureHar()).status, ImportOutcome::Status::Imported);
    const QJsonObject first = argsOf(c, "name = 'GET /api/cells'");
    const QJsonObject login = argsOf(c, "name = 'POST /login'");
    const QString bearer = expectedHash(c, kBearer);
    // The bearer token: header, query, a redirect's Location, the socket URL.
    QCOMPARE(hashIn(first.value(QStringLiteral("request_headers"))
                        .toObject()
                        .value(QStringLiteral("authorization"))
                        .toString(),
                    QStringLiteral("authorization")),
             bearer);
    QCOMPARE(hashIn(first.value(QStringLiteral("url")).toString(), QStringLiteral("secret-pair")),
             bearer);
    QCOMPARE(hashIn(login.value(QStringLiteral("response_headers"))
                        .toObject()
                        .value(QStringLiteral("location"))
                        .toString(),
                    QStringLiteral("secret-pair")),
             bearer);
    const auto socket = c.text(
        "SELECT json_extract(labels, '$.url') FROM v_tracks WHERE labels LIKE '%socket.io%'");
    QVERIFY(socket && QString::fromStdString(*socket).contains(
                          QStringLiteral("token=") +
                          QString::fromUtf8("\xE2\x9F\xA6REDACTED:secret-pair:") + bearer));
    // The session cookie: sent twice, set once.
    const QString session = expectedHash(c, kSession);
    QCOMPARE(hashIn(first.value(QStringLiteral("request_headers"))
                        .toObject()
                        .value(QStringLiteral("cookie"))
                        .toString(),
                    QStringLiteral("cookie")),
             session);
    QCOMPARE(hashIn(login.value(QStringLiteral("request_headers"))
                        .toObject()
                        .value(QStringLiteral("cookie"))
                        .toString(),
                    QStringLiteral("cookie")),
             session);
    QCOMPARE(hashIn(first.value(QStringLiteral("response_headers"))
                        .toObject()
                        .value(QStringLiteral("set-cookie"))
                        .toString(),
                    QStringLiteral("cookie")),
             session);
    QVERIFY(bearer != session);
}

void TestHar::keyPerCase()
{
    // Same case: the key is reused, so a second import marks the same token alike.
    TempCase a, b;
    QCOMPARE(a.importOne(fixtureHar()).status, ImportOutcome::Status::Imported);
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("again.har"));
    QVERIFY(writeAll(copy, readAll(fixtureHar()) + "\n")); // other bytes: not a duplicate
    QCOMPARE(a.importOne(copy).status, ImportOutcome::Status::Imported);
    QCOMPARE(b.importOne(fixtureHar()).status, ImportOutcome::Status::Imported);
    auto hashes = [](TempCase &c) {
        QStringList out;
        Statement st = c.db().prepare(
            "SELECT json_extract(args, '$.url') FROM v_slices WHERE name = 'GET /api/cells'");
        while (st.step())
            out << hashIn(QString::fromStdString(st.text(0)), QStringLiteral("secret-pair"));
        return out;
    };
    const QStringList inA = hashes(a), inB = hashes(b);
    QCOMPARE(inA.size(), 2);
    QCOMPARE(inA[0], inA[1]);
    QCOMPARE(inB.size(), 1);
    QVERIFY(inB[0] != inA[0]); // another case, another key
}

void TestHar::socketIoPacket_data()
{
    addSocketIoRows();
}

void TestHar::socketIoPacket()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, strict);
    QFETCH(bool, packet);
    QFETCH(QString, name);
    QFETCH(QString, event);
    QFETCH(QString, nspace);
    QFETCH(qlonglong, ackId);
    QFETCH(int, attachments);
    const auto parsed = SocketIoPacket::parse(
        std::string_view(frame.constData(), std::size_t(frame.size())), strict);
    QCOMPARE(parsed.has_value(), packet);
    if (!parsed) return;
    QCOMPARE(QString::fromStdString(parsed->name), name);
    QCOMPARE(QString::fromStdString(parsed->event), event);
    QCOMPARE(parsed->socketIo ? QString::fromStdString(parsed->nspace) : QString(), nspace);
    QCOMPARE(parsed->ackId.value_or(-1), ackId);
    QCOMPARE(parsed->attachments, attachments);
}

void TestHar::badInput_data()
{
    addBadInputRows();
}

void TestHar::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, fileName);
    QFETCH(QString, format);
    QFETCH(QString, status);
    QFETCH(qlonglong, records);
    QFETCH(qlonglong, rejected);
    QFETCH(bool, partial);
    QFETCH(QString, message);
    QFETCH(qlonglong, byte);

    TempCase c;
    // Something already in the case, to see that a failure leaves it alone.
    QCOMPARE(c.importOne(corpus("har/mitmproxy_har_files_insomnia.har")).status,
             ImportOutcome::Status::Imported);
    const QString before = tableCounts(c);
    QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    QVERIFY(writeAll(path, bytes));
    ImportOptions options;
    options.format = format.toStdString();
    const ImportOutcome o = c.importOne(path, options);
    QVERIFY2(QString::fromLatin1(statusText(o.status)) == status, qPrintable(describe(o)));
    if (status == QLatin1String("failed")) {
        QVERIFY2(QString::fromStdString(o.error).contains(message), o.error.c_str());
        QCOMPARE(qlonglong(o.errorByte), byte);
        QCOMPARE(tableCounts(c), before);
        return;
    }
    QCOMPARE(qlonglong(o.records), records);
    QCOMPARE(qlonglong(o.rejected), rejected);
    QCOMPARE(o.partial, partial);
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_slices WHERE source_id = ?", o.sourceId), records);
    QCOMPARE(*c.text("SELECT state FROM v_sources WHERE id = ?", o.sourceId),
             std::string(partial ? "partial" : "complete"));
    if (!message.isEmpty()) {
        Statement st =
            c.db().prepare("SELECT count(*) FROM v_import_errors WHERE source_id = ? AND byte = ? "
                           "AND instr(message, ?) > 0");
        st.bind(1, o.sourceId).bind(2, byte).bind(3, message.toStdString());
        QVERIFY(st.step());
        QVERIFY2(st.int64(0) == 1,
                 qPrintable(message + QStringLiteral(" @") + QString::number(byte)));
    }
    // Nothing kept from the entries is bigger than the limits on URL and headers.
    QVERIFY(c.scalar("SELECT max(length(args)) FROM v_slices WHERE source_id = ?", o.sourceId) <
            20'000);
}

void TestHar::giganticClaims()
{
    // The "gigantic numbers" recipe: time 1e300 -> duration from timings (wait 7 ms),
    // sizes 1e308 / 2^64-1 / -5 / -7 and status 1e20 ignored, a message at 1e300 s skipped.
    TempCase c;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("claims.har"));
    QVERIFY(writeAll(
        path,
        harDocument({QByteArray(
            "{\"startedDateTime\":\"2024-01-01T00:00:00Z\",\"time\":1e300,\"request\":{\"method\":"
            "\"GET\","
            "\"url\":\"https://h.test/\",\"headersSize\":1e308,\"bodySize\":18446744073709551615},"
            "\"response\":{\"status\":1e20,\"headersSize\":-7,\"bodySize\":-1,\"content\":{"
            "\"size\":-5}},"
            "\"timings\":{\"wait\":7,\"receive\":-1},\"_webSocketMessages\":[{\"type\":\"send\","
            "\"time\":1e300,"
            "\"opcode\":1,\"data\":\"x\"},{\"type\":\"send\",\"time\":1704067200.5,\"opcode\":1,"
            "\"data\":\"y\"}]}")})));
    const ImportOutcome o = c.importOne(path);
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE_N(c.scalar("SELECT dur FROM v_slices"), 7'000'000);
    const QJsonObject args = argsOf(c, "1");
    for (const char *key : {"status", "request_bytes", "response_bytes", "body_bytes"})
        QVERIFY2(!args.contains(QString::fromLatin1(key)), key);
    QCOMPARE_N(c.scalar("SELECT ts FROM v_instants"), 1704067200500000000);
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_import_errors WHERE kind = 'warning'"), 2);
    QCOMPARE(o.warnings.size(), std::size_t(2));
}

void TestHar::websocketTimeUnits()
{
    // Chrome writes epoch seconds, Playwright's recordHar epoch milliseconds;
    // CDP frame errors come as type "error", opcode -1 (recording/README.md).
    TempCase c;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("units.har"));
    QVERIFY(writeAll(
        path,
        harDocument({QByteArray(
            "{\"startedDateTime\":\"2024-01-01T00:00:00Z\",\"time\":1,\"request\":{\"method\":"
            "\"GET\","
            "\"url\":\"ws://h.test/s\"},\"_webSocketMessages\":["
            "{\"type\":\"send\",\"time\":1704067200.25,\"opcode\":1,\"data\":\"a\"},"
            "{\"type\":\"receive\",\"time\":1704067200250.5,\"opcode\":1,\"data\":\"bb\"},"
            "{\"type\":\"error\",\"time\":1704067201000,\"opcode\":-1,\"data\":\"boom\"}]}")})));
    QCOMPARE(c.importOne(path).status, ImportOutcome::Status::Imported);
    QStringList rows;
    Statement st =
        c.db().prepare("SELECT ts, name, json_extract(args, '$.direction'), "
                       "coalesce(json_extract(args, '$.opcode'), '-') FROM v_instants ORDER BY ts");
    while (st.step())
        rows << QString::fromStdString(std::to_string(st.int64(0)) + " " + st.text(1) + " " +
                                       st.text(2) + " " + st.text(3));
    QCOMPARE(rows, (QStringList{QStringLiteral("1704067200250000000 message sent 1"),
                                QStringLiteral("1704067200250500000 message received 1"),
                                QStringLiteral("1704067201000000000 error error -")}));
}

void TestHar::recordedTableLag()
{
    // The real Chromium/Playwright HAR of tests/fixtures/recording, checked
    // against the numbers of its own independent analysis (analyze.py ->
    // expected.json, "har"): entries by method and path, by status, the
    // first start, and the Socket.IO flood on its one socket.
    const QString folder = fixture("recording");
    QFile file(folder + QStringLiteral("/expected.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject expected =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("har")).toObject();
    TempCase c;
    const ImportOutcome o = c.importOne(folder + QStringLiteral("/table-lag.har"));
    QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(describe(o)));
    QCOMPARE(qlonglong(o.records),
             qlonglong(expected.value(QStringLiteral("entries_count")).toInt()));
    QCOMPARE_N(o.rejected, 0);
    QCOMPARE(show(o.lastTs), show(1795360394922487000)); // har_counts.py: the last message
    QCOMPARE(
        show(c.scalar("SELECT min(ts) FROM v_slices")),
        show(ns(expected.value(QStringLiteral("started_min")).toString().toUtf8().constData())));
    auto counts = [&](const std::string &sql) {
        QJsonObject out;
        Statement st = c.db().prepare(sql);
        while (st.step())
            out.insert(QString::fromStdString(st.text(0)), int(st.int64(1)));
        return out;
    };
    QCOMPARE(counts("SELECT name, count(*) FROM v_slices GROUP BY name"),
             expected.value(QStringLiteral("entries_by_method_path")).toObject());
    QCOMPARE(counts("SELECT json_extract(args, '$.status'), count(*) FROM v_slices GROUP BY 1"),
             expected.value(QStringLiteral("entries_by_status")).toObject());
    QCOMPARE(
        counts("SELECT json_extract(args, '$.resource_type'), count(*) FROM v_slices GROUP BY 1"),
        expected.value(QStringLiteral("entries_by_resource_type")).toObject());

    const QJsonObject socket =
        expected.value(QStringLiteral("websockets")).toArray().first().toObject();
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_instants"),
               socket.value(QStringLiteral("message_count")).toInt());
    const QJsonObject direction = socket.value(QStringLiteral("by_direction")).toObject();
    QCOMPARE_N(
        c.scalar(
            "SELECT count(*) FROM v_instants WHERE json_extract(args, '$.direction') = 'received'"),
        direction.value(QStringLiteral("receive")).toInt());
    QCOMPARE_N(
        c.scalar(
            "SELECT count(*) FROM v_instants WHERE json_extract(args, '$.direction') = 'sent'"),
        direction.value(QStringLiteral("send")).toInt());
    QCOMPARE(counts("SELECT json_extract(args, '$.event'), count(*) FROM v_instants WHERE "
                    "json_extract(args, '$.event') IS NOT NULL GROUP BY 1"),
             socket.value(QStringLiteral("socketio_events_total")).toObject());
    // analyze.py's Engine.IO kinds: open, ping (received), pong (sent), sio_connect both ways.
    const QJsonObject kinds = socket.value(QStringLiteral("engineio_kinds")).toObject();
    const QJsonObject received = kinds.value(QStringLiteral("receive")).toObject();
    const QJsonObject sent = kinds.value(QStringLiteral("send")).toObject();
    const QJsonObject packets =
        counts("SELECT name, count(*) FROM v_instants WHERE name IN ('open', 'ping', "
               "'pong', 'connect') GROUP BY name");
    QCOMPARE(packets.value(QStringLiteral("open")).toInt(),
             received.value(QStringLiteral("open")).toInt());
    QCOMPARE(packets.value(QStringLiteral("ping")).toInt(),
             received.value(QStringLiteral("ping")).toInt());
    QCOMPARE(packets.value(QStringLiteral("pong")).toInt(),
             sent.value(QStringLiteral("pong")).toInt());
    QCOMPARE(packets.value(QStringLiteral("connect")).toInt(),
             received.value(QStringLiteral("sio_connect")).toInt() +
                 sent.value(QStringLiteral("sio_connect")).toInt());
    QCOMPARE(show(c.scalar("SELECT min(ts) FROM v_instants")),
             show(std::llround(socket.value(QStringLiteral("time_min")).toDouble() * 1e6) * 1000));
}

void TestHar::compressed()
{
    // The same bytes gzip-compressed give the same rows; a cut gzip keeps the
    // entries that came out whole, with one warning (the caller's).
    TempCase c;
    QTemporaryDir dir;
    const QString gz = dir.filePath(QStringLiteral("fixture.har.gz"));
    QVERIFY(writeAll(gz, gzipBytes(readAll(fixtureHar()))));
    const ImportOutcome o = c.importOne(gz);
    QCOMPARE(o.compression, std::string("gzip"));
    QCOMPARE(qlonglong(o.records), 7LL);
    QCOMPARE(qlonglong(o.rejected), 3LL);

    QList<QByteArray> entries;
    for (int i = 0; i < 3000; ++i)
        entries << harEntry(i);
    const QByteArray doc = harDocument(entries);
    const QByteArray packed = gzipBytes(doc);
    const QString cut = dir.filePath(QStringLiteral("cut.har.gz"));
    QVERIFY(writeAll(cut, packed.left(packed.size() / 2)));
    const ImportOutcome partial = c.importOne(cut);
    QVERIFY2(partial.status == ImportOutcome::Status::Imported, qPrintable(describe(partial)));
    QVERIFY(partial.partial);
    QVERIFY(partial.records > 0 && partial.records < 3000);
    QCOMPARE(partial.warnings.size(), std::size_t(1));
    // The entries kept are exactly the first ones, in order, up to the cut.
    QCOMPARE_N(c.scalar("SELECT count(*) FROM v_slices WHERE source_id = ? AND name = 'GET /p' || "
                        "((ts - 1704067200000000000) / 1000000000)",
                        partial.sourceId),
               partial.records);
    // ... and they are the entries that zlib gets out of the cut stream whole.
    const QByteArray prefix = gunzipPrefix(packed.left(packed.size() / 2));
    const auto offsets = entryOffsets(entries);
    qlonglong whole = 0;
    for (qsizetype i = 0; i < entries.size(); ++i)
        whole += offsets[i] + entries[i].size() <= prefix.size();
    QCOMPARE(qlonglong(partial.records), whole);
}

QTEST_GUILESS_MAIN(TestHar)
#include "tst_har.moc"
