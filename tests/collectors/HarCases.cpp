// Data rows of tst_har (a separate file because Qt 6.4's moc cannot parse
// raw string literals). The corpus rows come from har_counts.py; every bad
// input is made here from a recipe, and its expected numbers follow from the
// recipe and docs/formats.md, not from the program's output.
#include "HarCases.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <random>
#include <zlib.h>

namespace perfcase::testing {

namespace {

constexpr qsizetype kMiB = 1 << 20;

QByteArray twoDigits(int n)
{
    return QByteArray::number(n).rightJustified(2, '0');
}

QByteArray fixtureBytes(const char *name)
{
    QFile file(QStringLiteral(PERFCASE_FIXTURES "/") + QString::fromUtf8(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray corpusHar(const char *name)
{
    QFile file(QStringLiteral(PERFCASE_CORPUS "/har/") + QString::fromUtf8(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QByteArray harEntry(int i)
{
    const QByteArray n = QByteArray::number(i);
    const QByteArray time = "2024-01-01T" + twoDigits(i / 3600) + ':' + twoDigits(i / 60 % 60) +
                            ':' + twoDigits(i % 60) + 'Z';
    return R"({"startedDateTime":")" + time +
           R"(","time":1,"request":{"method":"GET","url":"https://h)" + n + ".test/p" + n +
           R"(","headersSize":-1,"bodySize":0},"response":{"status":200,"content":{"size":0,"mimeType":"text/plain"}},"timings":{"send":0,"wait":1,"receive":0}})";
}

QByteArray harDocument(const QList<QByteArray> &entries)
{
    QByteArray doc =
        R"({"log":{"version":"1.2","creator":{"name":"tst_har","version":"1"},"entries":[)";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (i) doc += ',';
        doc += entries[i];
    }
    return doc + "]}}";
}

QList<qsizetype> entryOffsets(const QList<QByteArray> &entries)
{
    QList<qsizetype> offsets;
    qsizetype at = harDocument({}).size() - 3; // where the first entry goes
    for (const QByteArray &entry : entries) {
        offsets << at;
        at += entry.size() + 1;
    }
    return offsets;
}

void addBadInputRows()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("format"); // forced, or "" to detect
    QTest::addColumn<QString>("status");
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("rejected");
    QTest::addColumn<bool>("partial");
    QTest::addColumn<QString>("message"); // in the outcome's error, or in import_errors
    QTest::addColumn<qlonglong>("byte");  // its offset

    const QString har = QStringLiteral("input.har");
    const QString forced = QStringLiteral("har");
    QList<QByteArray> five;
    for (int i = 0; i < 5; ++i)
        five << harEntry(i);
    const QByteArray fiveDoc = harDocument(five);
    const auto fiveAt = entryOffsets(five);

    // Truncation is not failure: the entries before the cut stay.
    {
        const QByteArray cut = fiveDoc.left(fiveAt[3] + 10);
        QTest::newRow("truncated inside entry 3")
            << cut << har << QString() << "imported" << 3LL << 0LL << true << "the HAR ends early"
            << qlonglong(cut.size());
    }
    {
        const QByteArray cut = fiveDoc.left(fiveAt[2]);
        QTest::newRow("truncated between entries")
            << cut << har << QString() << "imported" << 2LL << 0LL << true << "the HAR ends early"
            << qlonglong(cut.size());
    }
    {
        const QByteArray cut = fiveDoc.left(fiveAt[0] + 20);
        QTest::newRow("truncated before any entry")
            << cut << har << QString() << "failed" << 0LL << 0LL << false << "the HAR ends early"
            << qlonglong(cut.size());
    }
    // Not JSON at all.
    {
        std::mt19937 generator(61);
        QByteArray garbage(4096, '\0');
        for (auto &b : garbage)
            b = char(generator() & 0xff);
        garbage[0] = '\x01';
        QTest::newRow("binary garbage") << garbage << QStringLiteral("garbage.bin") << forced
                                        << "failed" << 0LL << 0LL << false << "not JSON" << 0LL;
    }
    QTest::newRow("text log forced as har")
        << fixtureBytes("syslog_rfc5424.log") << QStringLiteral("syslog.log") << forced << "failed"
        << 0LL << 0LL << false << "not JSON" << 0LL;
    QTest::newRow("whitespace only") << QByteArray(" \n\t\n") << har << forced << "failed" << 0LL
                                     << 0LL << false << "not JSON" << 0LL;
    QTest::newRow("empty file") << QByteArray() << har << forced << "failed" << 0LL << 0LL << false
                                << "empty file" << 0LL;
    // JSON, but not a HAR.
    QTest::newRow("chrome trace forced as har")
        << QByteArray(R"({"traceEvents":[{"ph":"X","ts":1,"dur":2}]})") << QStringLiteral("t.json")
        << forced << "failed" << 0LL << 0LL << false << "not a HAR: no \"log\" object" << 0LL;
    QTest::newRow("bare array forced as har")
        << QByteArray(R"([{"startedDateTime":"2024-01-01T00:00:00Z"}])") << QStringLiteral("a.json")
        << forced << "failed" << 0LL << 0LL << false << "not a HAR: no \"log\" object" << 0LL;
    QTest::newRow("no entries") << QByteArray(R"({"log":{"version":"1.2","entries":[]}})") << har
                                << QString() << "failed" << 0LL << 0LL << false
                                << "the HAR has no entries" << 0LL;
    QTest::newRow("entries is not an array")
        << QByteArray(R"({"log":{"version":"1.2","entries":{"a":1}}})") << har << QString()
        << "failed" << 0LL << 0LL << false << "no \"entries\" array" << 0LL;
    // Invalid UTF-8 is replaced, the entry kept (as for text logs).
    {
        QList<QByteArray> entries = {harEntry(0), harEntry(1), harEntry(2)};
        entries[1].replace("/p1", "/p\xff\xfe");
        QTest::newRow("invalid UTF-8 in a URL")
            << harDocument(entries) << har << QString() << "imported" << 3LL << 0LL << false
            << "invalid UTF-8 replaced" << qlonglong(entryOffsets(entries)[1]);
    }
    // Nesting: the 257th container is refused (JsonStreamer's limit of 256).
    QTest::newRow("10^6 [") << QByteArray(1'000'000, '[') << har << forced << "failed" << 0LL << 0LL
                            << false << "nested deeper than 256" << 256LL;
    {
        // Three containers above the entries (root, log, entries), the
        // entry's object, then 252 arrays: the 253rd '[' is the 257th level.
        QList<QByteArray> entries = {harEntry(0), harEntry(1)};
        const QByteArray deep = R"({"x":)" + QByteArray(100'000, '[');
        const QByteArray doc = harDocument(entries).chopped(3) + ',' + deep;
        const qsizetype deepAt = entryOffsets(entries).last() + harEntry(1).size() + 1;
        QTest::newRow("deep entry after two good ones")
            << doc << har << QString() << "imported" << 2LL << 0LL << true
            << "nested deeper than 256" << qlonglong(deepAt + 5 + 252);
    }
    // Numbers that claim too much: ignored (or the entry rejected when
    // simdjson cannot read the number at all), never trusted.
    {
        QList<QByteArray> entries = {
            R"({"startedDateTime":"2024-01-01T00:00:00Z","time":1e300,"request":{"method":"GET","url":"https://h.test/","headersSize":1e308,"bodySize":18446744073709551615},"response":{"status":1e20,"headersSize":-7,"bodySize":-1,"content":{"size":-5}},"timings":{"wait":7,"receive":-1},"_webSocketMessages":[{"type":"send","time":1e300,"opcode":1,"data":"x"},{"type":"send","time":1704067200.5,"opcode":1,"data":"y"}]})",
            R"({"startedDateTime":"2024-01-01T00:00:01Z","time":1,"request":{"method":"GET","url":"https://h.test/","bodySize":99999999999999999999999}})"};
        QTest::newRow("gigantic numbers")
            << harDocument(entries) << har << QString() << "imported" << 1LL << 1LL << false
            << "entry is not valid JSON" << qlonglong(entryOffsets(entries)[1]);
    }
    // Size: a large entry is read, one over the limit is rejected with its offset.
    {
        QByteArray big = harEntry(0);
        big.chop(1);
        big += R"(,"x":")" + QByteArray(20 * kMiB, 'a') + "\"}";
        QTest::newRow("entry of 20 MiB") << harDocument({big}) << har << QString() << "imported"
                                         << 1LL << 0LL << false << QString() << -1LL;
    }
    {
        QByteArray huge = harEntry(1);
        huge.chop(1);
        huge += R"(,"response":{"content":{"text":")" + QByteArray(65 * kMiB, 'b') + "\"}}}";
        const QList<QByteArray> entries = {harEntry(0), huge, harEntry(2)};
        QTest::newRow("entry over 64 MiB")
            << harDocument(entries) << har << QString() << "imported" << 2LL << 1LL << false
            << "entry larger than 64 MiB skipped" << qlonglong(entryOffsets(entries)[1]);
    }
    {
        QList<QByteArray> many;
        for (int i = 0; i < 50'000; ++i)
            many << harEntry(i);
        QTest::newRow("50,000 entries on one line")
            << harDocument(many) << har << QString() << "imported" << 50'000LL << 0LL << false
            << QString() << -1LL;
    }
    {
        const QList<QByteArray> entries = {"1", "\"x\"", "null", harEntry(0)};
        QTest::newRow("entries that are not objects")
            << harDocument(entries) << har << QString() << "imported" << 1LL << 3LL << false
            << "entry is not a JSON object" << qlonglong(entryOffsets(entries)[0]);
    }
    {
        const QList<QByteArray> entries = {R"({"startedDateTime":"2024-01-01T00:00:00Z","time":1})",
                                           harEntry(0)};
        QTest::newRow("BOM, offsets count it")
            << QByteArray("\xEF\xBB\xBF") + harDocument(entries) << har << QString() << "imported"
            << 1LL << 1LL << false << "entry has no request"
            << qlonglong(3 + entryOffsets(entries)[0]);
    }
}

void addCorpusRows()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("status");
    QTest::addColumn<qlonglong>("records");
    QTest::addColumn<qlonglong>("firstNs");
    QTest::addColumn<qlonglong>("lastNs");
    QTest::addColumn<int>("hosts");     // http.requests tracks
    QTest::addColumn<int>("messages");  // WebSocket instants
    QTest::addColumn<int>("sockets");   // browser.websocket_messages tracks
    QTest::addColumn<QString>("error"); // failed: part of the message
    QTest::addColumn<qlonglong>("errorByte");

    // From har_counts.py; every corpus entry is valid (rejected 0).
    auto ok = [](const char *name, qlonglong records, qlonglong first, qlonglong last, int hosts,
                 int messages = 0, int sockets = 0) {
        QTest::newRow(name) << QString::fromUtf8(name) << QStringLiteral("imported") << records
                            << first << last << hosts << messages << sockets << QString() << -1LL;
    };
    ok("harviewer_issue-61_chrome51.har", 27, 1467139233525000000, 1467139250826417000, 1);
    // Fiddler: BOM, +01:00 offsets, 7 fraction digits.
    ok("harviewer_issue-61_ie11.fiddler.har", 11, 1467146522722147400, 1467146531371641200, 1);
    ok("harviewer_noPages.har", 87, 1310103646972417800, 1310103656327417800, 14);
    // Fiddler: BOM, "pages": null, -04:00.
    ok("harviewer_www-cnn-com.har", 22, 1283201254209573300, 1283201259279982100, 3);
    ok("mitmproxy_flows_event_stream.har", 2, 1699167601738167000, 1699167633693192416, 1);
    ok("mitmproxy_flows_websocket.har", 3, 1693314200195591000, 1693314244039395000, 1, 5, 2);
    ok("mitmproxy_har_files_charles.har", 1, 1680136662482000000, 1680136662589000000, 1);
    ok("mitmproxy_har_files_chrome.har", 3, 1680134454250000000, 1690289926240205000, 2);
    ok("mitmproxy_har_files_firefox.har", 14, 1680134339303000000, 1680134339790000000, 2);
    ok("mitmproxy_har_files_insomnia.har", 1, 1680151158981000000, 1680151159051402000, 1);
    ok("mitmproxy_har_files_postdata.har", 1, 1689428246093000000, 1689428246262796000, 1);
    ok("mitmproxy_har_files_safari.har", 19, 1680135212418000000, 1680135212765223421, 2);
    ok("mitmproxy_har_files_with-bom.har", 1, 1689428246093000000, 1689428246262796000, 1);
    // No "entries" in log; not JSON (python: "Expecting ',' delimiter: ... (char 22)").
    QTest::newRow("harviewer_not-valid.har")
        << QStringLiteral("harviewer_not-valid.har") << QStringLiteral("failed") << 0LL << 0LL
        << 0LL << 0 << 0 << 0 << QStringLiteral("not a HAR: \"log\" has no \"entries\" array")
        << 0LL;
    QTest::newRow("mitmproxy_corrupted_har_brokenfile.har")
        << QStringLiteral("mitmproxy_corrupted_har_brokenfile.har") << QStringLiteral("failed")
        << 0LL << 0LL << 0LL << 0 << 0 << 0 << QStringLiteral("not JSON: syntax error") << 22LL;
}

// Everything zlib can get out of a cut gzip stream.
// The 8 hex of a marker for this rule in text, or "" if none.
QString hashIn(const QString &text, const QString &rule)
{
    const auto match =
        QRegularExpression(QString::fromUtf8("\xE2\x9F\xA6REDACTED:") + rule +
                           QStringLiteral(":([0-9a-f]{8})") + QString::fromUtf8("\xE2\x9F\xA7"))
            .match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

void addDetectionRows()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("har");
    for (const char *file :
         {"harviewer_issue-61_chrome51.har", "harviewer_issue-61_ie11.fiddler.har",
          "harviewer_noPages.har", "harviewer_www-cnn-com.har", "mitmproxy_flows_websocket.har",
          "mitmproxy_har_files_charles.har", "mitmproxy_har_files_insomnia.har",
          "mitmproxy_har_files_safari.har", "mitmproxy_har_files_with-bom.har"})
        QTest::newRow(file) << QStringLiteral("copy.json") << corpusHar(file) << true;
    QTest::newRow("broken .har goes to har")
        << QStringLiteral("x.har") << QByteArray("{\"log\":\n[\n2]}") << true;
    QTest::newRow("docker json-file log")
        << QStringLiteral("x.json") << QByteArray("{\"log\":\"hello\\n\",\"stream\":\"stdout\"}\n")
        << false;
    QTest::newRow("chrome trace") << QStringLiteral("x.json") << QByteArray("{\"traceEvents\":[]}")
                                  << false;
    QTest::newRow("text named .har")
        << QStringLiteral("x.har") << QByteArray("GET / HTTP/1.1\n") << false;
}

QList<const char *> fixtureSecrets()
{
    // Every secret of tests/fixtures/har/make_socketio_secrets.py, and user
    // data the importer must not keep (a header it drops, bodies, payloads).
    return {"tok-7Hq2Vx9LmN4pR8sT1wY6zB3c",
            "sess-Zt5Kp0Qw8Rv2Ym6Xn4Lb",
            "Pa55w0rd-url-9931",
            "c2lnbmF0dXJlLW9mLXRoZS1mYWtlLWp3dC0xMjM0NQ",
            "AKIAQWERTYUIOPASDFGH",
            "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
            "xoxp-1234567890-0987654321-AbCdEfGhIjKlMnOp",
            "AIzaSyFAKEfakeFAKEfakeFAKEfakeFAKE12345",
            "hunter2-query-pw",
            "hunter2-body-pw",
            "xak-5a9c1e7b3d",
            "YWxpY2U6czNjcjN0LWJhc2ljLXB3",
            "s3cr3t-basic-pw",
            "MIIEv-fake-key-material-4242",
            "ws-secret-pw-777",
            "cell-value-secret-31337",
            "alice@example.com",
            "sid-Qm9vYmFy77",
            "ioSid-7Yh3",
            "deadbeefcafe0123"};
}

void addSocketIoRows()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("strict");
    QTest::addColumn<bool>("packet"); // recognised
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("nspace");  // "" = not a Socket.IO packet
    QTest::addColumn<qlonglong>("ackId"); // -1 = none
    QTest::addColumn<int>("attachments");

    auto row = [](const char *tag, const QByteArray &frame, bool strict, bool packet,
                  const char *name, const char *event, const char *nspace, qlonglong ack,
                  int attachments) {
        QTest::newRow(tag) << frame << strict << packet << QString::fromUtf8(name)
                           << QString::fromUtf8(event) << QString::fromUtf8(nspace) << ack
                           << attachments;
    };
    row("ping", "2", false, true, "ping", "", "", -1, 0);
    row("pong", "3", false, true, "pong", "", "", -1, 0);
    row("ping, strict: just text", "2", true, false, "", "", "", -1, 0);
    row("2probe, strict", "2probe", true, true, "ping", "", "", -1, 0);
    row("3probe", "3probe", false, true, "pong", "", "", -1, 0);
    row("open, strict", R"(0{"sid":"a","pingInterval":25000})", true, true, "open", "", "", -1, 0);
    row("open without sid, strict", "0", true, false, "", "", "", -1, 0);
    row("close", "1", false, true, "close", "", "", -1, 0);
    row("upgrade", "5", false, true, "upgrade", "", "", -1, 0);
    row("noop", "6", false, true, "noop", "", "", -1, 0);
    row("connect", "40", false, true, "connect", "", "/", -1, 0);
    row("connect, strict", "40", true, false, "", "", "", -1, 0);
    row("connect to a namespace", R"(40/admin,{"sid":"x"})", false, true, "connect", "", "/admin",
        -1, 0);
    row("disconnect", "41", false, true, "disconnect", "", "/", -1, 0);
    row("disconnect a namespace", "41/admin,", false, true, "disconnect", "", "/admin", -1, 0);
    row("event, strict", R"(42["cell_update",{"r":1,"v":"secret"}])", true, true, "cell_update",
        "cell_update", "/", -1, 0);
    row("event in a namespace", R"(42/ns,["evt",1])", false, true, "evt", "evt", "/ns", -1, 0);
    row("event with ack id", R"(421["save",{}])", false, true, "save", "save", "/", 1, 0);
    row("event with a long ack id", R"(4212345["e"])", false, true, "e", "e", "/", 12345, 0);
    row("ack", R"(431[{"ok":true}])", false, true, "ack", "", "/", 1, 0);
    row("ack, strict", R"(431[{"ok":true}])", true, false, "", "", "", -1, 0);
    row("connect_error", R"(44{"message":"not authorized"})", false, true, "connect_error", "", "/",
        -1, 0);
    row("binary event", R"(451-["file",{"_placeholder":true,"num":0}])", false, true, "file",
        "file", "/", -1, 1);
    row("binary ack", R"(461-1[{"_placeholder":true,"num":0}])", false, true, "ack", "", "/", 1, 1);
    row("escaped event name", R"(42["\u00e9v\"t",1])", false, true, "\xC3\xA9v\"t", "\xC3\xA9v\"t",
        "/", -1, 0);
    row("number as event name", R"(42[12,"x"])", false, true, "12", "12", "/", -1, 0);
    row("event name too long is cut", "42[\"" + QByteArray(300, 'n') + "\"]", false, true,
        QByteArray(200, 'n').constData(), QByteArray(200, 'n').constData(), "/", -1, 0);
    row("object payload: a plain Engine.IO message", R"(42[{"a":1}])", false, true, "message", "",
        "", -1, 0);
    row("object payload, strict", R"(42[{"a":1}])", true, false, "", "", "", -1, 0);
    row("unterminated name", "42[\"" + QByteArray(5000, 'x'), false, true, "message", "", "", -1,
        0);
    row("Engine.IO message", "4hello", false, true, "message", "", "", -1, 0);
    row("plain text", "hello", false, false, "", "", "", -1, 0);
    row("JSON text", R"({"error":"Unknown api key"})", false, false, "", "", "", -1, 0);
    row("empty", "", false, false, "", "", "", -1, 0);
    row("unknown type", "7", false, false, "", "", "", -1, 0);
}

} // namespace perfcase::testing
