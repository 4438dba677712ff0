// The redactor (core/Redactor, resources/redaction/rules.json): every rule
// with positive and negative cases, the header modes, the markers, the
// per-case key kept in this user's settings, and rules that do not load.
//
// The expected 8-hex hashes were computed independently of the program with
// Python's hmac module, for the key "perfcase-test-key":
//   hmac.new(b"perfcase-test-key", secret.encode(), hashlib.sha256).hexdigest()[:8]
// e.g. "AKIAIOSFODNN7EXAMPLE" -> 7ff8bb8f, "S1-session-7f3a" -> 292f3584.

#include "Redactor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <stdexcept>

using namespace perfcase;

namespace {

const std::string kKey = "perfcase-test-key";

QString u(const std::string &text)
{
    return QString::fromStdString(text);
}

// ⟦REDACTED:rule:hex⟧, or ⟦REDACTED:rule⟧ without hex.
QString m(const char *rule, const char *hex = nullptr)
{
    QString marker =
        QString::fromUtf8("\xE2\x9F\xA6") + QStringLiteral("REDACTED:") + QString::fromUtf8(rule);
    if (hex) marker += QLatin1Char(':') + QString::fromUtf8(hex);
    return marker + QString::fromUtf8("\xE2\x9F\xA7");
}

const char *const kJwtHead = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
const char *const kJwtClaims =
    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ";
const char *const kJwtSig = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

QString jwt()
{
    return QString::fromLatin1(kJwtHead) + QLatin1Char('.') + QString::fromLatin1(kJwtClaims) +
           QLatin1Char('.') + QString::fromLatin1(kJwtSig);
}

QString jwtRedacted()
{
    return QString::fromLatin1(kJwtHead) + QLatin1Char('.') + QString::fromLatin1(kJwtClaims) +
           QLatin1Char('.') + m("jwt", "05769bec");
}

} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void text_data();
    void text();
    void headers_data();
    void headers();
    void rulesFileExamples();
    void everyRuleHasExamples();
    void equalSecretsMatch();
    void keyChangesMarkers();
    void idempotent();
    void credentialHeaders();
    void caseKeys();
    void badRules_data();
    void badRules();
    void hostileText();

private:
    QTemporaryDir m_config;
};

void TestRedactor::initTestCase()
{
    // Keys go to this user's settings: keep the test's away from the real ones.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
}

void TestRedactor::text_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    // --- every rule, positive
    QTest::newRow("private-key")
        << QStringLiteral(
               "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAfake\n-----END RSA "
               "PRIVATE KEY----- done")
        << QStringLiteral("key: ") + m("private-key", "756eda22") + QStringLiteral(" done");
    QTest::newRow("private-key, cut block redacted to the end")
        << QStringLiteral("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN")
        << m("private-key", "67cbebfd");
    QTest::newRow("jwt: signature dropped, header and claims kept") << jwt() << jwtRedacted();
    QTest::newRow("jwt in a query string")
        << QStringLiteral("https://x.test/cb?id_token=") + jwt() + QStringLiteral("&state=abc")
        << QStringLiteral("https://x.test/cb?id_token=") + jwtRedacted() +
               QStringLiteral("&state=abc");
    QTest::newRow("jwt after Bearer: jwt wins over bearer")
        << QStringLiteral("Authorization: Bearer ") + jwt()
        << QStringLiteral("Authorization: Bearer ") + jwtRedacted();
    QTest::newRow("aws-access-key inside a credential pair")
        << QStringLiteral("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1")
        << QStringLiteral("X-Amz-Credential=") + m("aws-access-key", "7ff8bb8f") +
               QStringLiteral("%2F20130524%2Fus-east-1");
    QTest::newRow("gcp-api-key")
        << QStringLiteral(
               "/maps/api/js?key=AIzaSyDUMMYdummyDUMMYdummyDUMMYdummy123&libraries=places")
        << QStringLiteral("/maps/api/js?key=") + m("gcp-api-key", "98ddb606") +
               QStringLiteral("&libraries=places");
    QTest::newRow("github-token")
        << QStringLiteral("git clone with ghp_0123456789abcdefghijABCDEFGHIJklmnop now")
        << QStringLiteral("git clone with ") + m("github-token", "6c9b600f") +
               QStringLiteral(" now");
    QTest::newRow("slack-token") << QStringLiteral(
                                        "SLACK xoxb-0000000000-1111111111-FAKEfakeFAKEfake")
                                 << QStringLiteral("SLACK ") + m("slack-token", "9f074263");
    QTest::newRow("url-password: no hash")
        << QStringLiteral("postgres://app:s3cr3t-pw@db.internal:5432/app")
        << QStringLiteral("postgres://app:") + m("url-password") +
               QStringLiteral("@db.internal:5432/app");
    QTest::newRow("basic-auth: no hash")
        << QStringLiteral("Authorization: Basic dXNlcjpwYXNzd29yZA==")
        << QStringLiteral("Authorization: Basic ") + m("basic-auth");
    QTest::newRow("bearer") << QStringLiteral(
                                   "curl -H 'x: Bearer 8f14e45fceea167a5a36dedd4bea2543'")
                            << QStringLiteral("curl -H 'x: Bearer ") + m("bearer", "aad9dbdd") +
                                   QLatin1Char('\'');
    QTest::newRow("authorization-header")
        << QStringLiteral("Authorization: token 0123456789")
        << QStringLiteral("Authorization: token ") + m("authorization-header", "9e36f227");
    QTest::newRow("cookie-header") << QStringLiteral("Cookie: uid=42; theme=dark")
                                   << QStringLiteral("Cookie: ") + m("cookie-header", "007b42ab");
    QTest::newRow("password in a query: no hash")
        << QStringLiteral("login?user=bob&password=hunter2&next=/")
        << QStringLiteral("login?user=bob&password=") + m("password") + QStringLiteral("&next=/");
    QTest::newRow("password in JSON, escaped quote inside")
        << QStringLiteral("{\"password\": \"hun ter\\\"2\", \"user\": \"bob\"}")
        << QStringLiteral("{\"password\": \"") + m("password") +
               QStringLiteral("\", \"user\": \"bob\"}");
    QTest::newRow("secret-pair: api_key in a URL")
        << QStringLiteral(
               "wss://demo.test/v3/"
               "channel_123?api_key=VCXCEuvhGcBDP7XhiJJUDvR1e1D3eiVjgZ9VRiaV&notify_self")
        << QStringLiteral("wss://demo.test/v3/channel_123?api_key=") +
               m("secret-pair", "61ffd7be") + QStringLiteral("&notify_self");
    QTest::newRow("secret-pair: client_secret in JSON")
        << QStringLiteral("{\"client_secret\": \"s3cr3t\"}")
        << QStringLiteral("{\"client_secret\": \"") + m("secret-pair", "511ebe01") +
               QStringLiteral("\"}");
    QTest::newRow("two secrets, text around kept")
        << QStringLiteral("a token=abc b password=x c")
        << QStringLiteral("a token=") + m("secret-pair", "11e8cbc2") +
               QStringLiteral(" b password=") + m("password") + QStringLiteral(" c");

    // --- negative: not secrets
    const QStringList unchanged = {
        QStringLiteral("commit 3f786850e387550fdab836ed7e6dc881de23001b"),
        QStringLiteral("request 550e8400-e29b-41d4-a716-446655440000 done"),
        QStringLiteral("id=550e8400-e29b-41d4-a716-446655440000&commit="
                       "3f786850e387550fdab836ed7e6dc881de23001b"),
        QStringLiteral("https://example.com:8443/path?q=1&page=2"),
        QStringLiteral("max_tokens=100&tokenizer=unicode61&keyboard=us"),
        QStringLiteral("the bearer of this note"),
        QStringLiteral("basic information about cookies: 3"),
        QStringLiteral("password=&user=bob"),
        QStringLiteral("forgot your password?"),
        QStringLiteral("AKIAiosfodnn7example"),
        QString::fromLatin1(kJwtHead) + QLatin1Char('.') + QString::fromLatin1(kJwtClaims),
        QStringLiteral("mailto:bob@example.com"),
        QStringLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
        QStringLiteral("caf\u00e9 \u6771\u4eac \u27e6 unchanged \u27e7"),
        QString(),
    };
    for (const QString &text : unchanged)
        QTest::newRow(qPrintable(QStringLiteral("unchanged: ") + text.left(40))) << text << text;
}

void TestRedactor::text()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    Redactor redactor(kKey);
    QCOMPARE(u(redactor.redact(input.toStdString())), expected);
}

void TestRedactor::headers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("authorization bearer: scheme kept")
        << QStringLiteral("Authorization") << QStringLiteral("Bearer abc.def")
        << QStringLiteral("Bearer ") + m("authorization", "67778672");
    QTest::newRow("authorization basic: password, no hash")
        << QStringLiteral("authorization") << QStringLiteral("Basic dXNlcjpwYXNz")
        << QStringLiteral("Basic ") + m("basic-auth");
    QTest::newRow("proxy-authorization digest")
        << QStringLiteral("Proxy-Authorization")
        << QStringLiteral("Digest username=\"bob\", response=\"6629fae4\"")
        << QStringLiteral("Digest ") + m("authorization", "e70e8b84");
    QTest::newRow("authorization without scheme")
        << QStringLiteral("AUTHORIZATION") << QStringLiteral("rawtoken123")
        << m("authorization", "887b8900");
    QTest::newRow("cookie: names kept, values redacted")
        << QStringLiteral("Cookie") << QStringLiteral("session=S1-session-7f3a; theme=dark")
        << QStringLiteral("session=") + m("cookie", "292f3584") + QStringLiteral("; theme=") +
               m("cookie", "b0e247b0");
    QTest::newRow("set-cookie: attributes kept")
        << QStringLiteral("Set-Cookie")
        << QStringLiteral("session=S1-session-7f3a; Path=/; HttpOnly")
        << QStringLiteral("session=") + m("cookie", "292f3584") +
               QStringLiteral("; Path=/; HttpOnly");
    QTest::newRow("set-cookie: two lines")
        << QStringLiteral("set-cookie") << QStringLiteral("a=S1-session-7f3a\nb=dark; Secure")
        << QStringLiteral("a=") + m("cookie", "292f3584") + QStringLiteral("\nb=") +
               m("cookie", "b0e247b0") + QStringLiteral("; Secure");
    QTest::newRow("x-api-key: whole value")
        << QStringLiteral("X-Api-Key") << QStringLiteral("k-123") << m("secret-header", "965ab6da");
    QTest::newRow("empty credential") << QStringLiteral("Authorization") << QString() << QString();
    QTest::newRow("other header: text rules")
        << QStringLiteral("Referer") << QStringLiteral("https://x.test/?token=abc")
        << QStringLiteral("https://x.test/?token=") + m("secret-pair", "11e8cbc2");
    QTest::newRow("other header: unchanged")
        << QStringLiteral("Content-Type") << QStringLiteral("application/json; charset=utf-8")
        << QStringLiteral("application/json; charset=utf-8");
}

void TestRedactor::headers()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    Redactor redactor(kKey);
    QCOMPARE(u(redactor.redactHeader(name.toStdString(), value.toStdString())), expected);
}

void TestRedactor::rulesFileExamples()
{
    // The examples in rules.json document each rule; they must hold.
    Redactor redactor(kKey);
    const auto examples = redactor.examples();
    QVERIFY(examples.size() >= 26);
    for (const auto &example : examples) {
        const std::string out = redactor.redact(example.text);
        const std::string tag = "\xE2\x9F\xA6REDACTED:" + example.rule;
        const bool tagged = out.find(tag + ":") != std::string::npos ||
                            out.find(tag + "\xE2\x9F\xA7") != std::string::npos;
        QVERIFY2(tagged == example.match,
                 qPrintable(u(example.rule +
                              (example.match ? " should match: " : " should not match: ") +
                              example.text + " -> " + out)));
    }
}

void TestRedactor::everyRuleHasExamples()
{
    Redactor redactor(kKey);
    const auto examples = redactor.examples();
    const auto ids = redactor.patternIds();
    QCOMPARE(int(ids.size()), 13);
    for (const std::string &id : ids) {
        int positive = 0, negative = 0;
        for (const auto &example : examples) {
            if (example.rule == id) (example.match ? positive : negative)++;
        }
        QVERIFY2(positive > 0 && negative > 0, id.c_str());
    }
}

void TestRedactor::equalSecretsMatch()
{
    // The hash depends on the value only, not on the rule or the place.
    Redactor redactor(kKey);
    const std::string inQuery = redactor.redact("/a?access_token=S1-session-7f3a&x=1");
    const std::string inCookie = redactor.redactHeader("Cookie", "sid=S1-session-7f3a");
    const std::string inHeader = redactor.redactHeader("X-Auth-Token", "S1-session-7f3a");
    QVERIFY(inQuery.find(":292f3584\xE2\x9F\xA7") != std::string::npos);
    QVERIFY(inCookie.find(":292f3584\xE2\x9F\xA7") != std::string::npos);
    QVERIFY(inHeader.find(":292f3584\xE2\x9F\xA7") != std::string::npos);
    QVERIFY(redactor.redact("token=other") != redactor.redact("token=S1-session-7f3a"));
    QCOMPARE(redactor.redact("token=abc"), redactor.redact("token=abc"));
}

void TestRedactor::keyChangesMarkers()
{
    Redactor a(kKey), b("another key");
    QCOMPARE(u(a.redact("token=abc")), QStringLiteral("token=") + m("secret-pair", "11e8cbc2"));
    QVERIFY(a.redact("token=abc") != b.redact("token=abc"));
    // Password markers carry no hash, so they do not depend on the key.
    QCOMPARE(a.redact("password=abc"), b.redact("password=abc"));
}

void TestRedactor::idempotent()
{
    Redactor redactor(kKey);
    const std::string once = redactor.redact(
        "u=https://bob:pw@h/?token=abc&password=x&k=AKIAIOSFODNN7EXAMPLE Cookie: a=b");
    QCOMPARE(u(redactor.redact(once)), u(once));
}

void TestRedactor::credentialHeaders()
{
    Redactor redactor(kKey);
    for (const char *name : {"Authorization", "proxy-authorization", "COOKIE", "Set-Cookie",
                             "x-api-key", "X-CSRF-Token"})
        QVERIFY2(redactor.isCredentialHeader(name), name);
    for (const char *name : {"Content-Type", "Referer", "X-Request-Id", ""})
        QVERIFY2(!redactor.isCredentialHeader(name), name);
}

void TestRedactor::caseKeys()
{
    const std::string first = Redactor::keyForCase("0b8e2c1e-1111-4222-8333-444455556666");
    const std::string again = Redactor::keyForCase("0b8e2c1e-1111-4222-8333-444455556666");
    const std::string other = Redactor::keyForCase("9f0d5a7b-aaaa-4bbb-8ccc-ddddeeeeffff");
    QCOMPARE(first.size(), std::size_t(32));
    QCOMPARE(again, first);
    QVERIFY(other != first);
    // Stored in this user's settings, under the test's config folder.
    QSettings settings(QStringLiteral("perfcase"), QStringLiteral("perfcase"));
    QVERIFY(settings.fileName().startsWith(m_config.path()));
    const QByteArray stored = QByteArray::fromBase64(
        settings.value(QStringLiteral("redaction/0b8e2c1e-1111-4222-8333-444455556666"))
            .toByteArray());
    QCOMPARE(stored.toStdString(), first);
    // No case uuid: a fresh key each time, stored nowhere.
    QVERIFY(Redactor::keyForCase("") != Redactor::keyForCase(""));
    QVERIFY(Redactor::randomKey() != Redactor::randomKey());
}

void TestRedactor::badRules_data()
{
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << QStringLiteral("{not json")
                              << QStringLiteral("no \"patterns\" array");
    QTest::newRow("regex does not compile")
        << QStringLiteral("{\"patterns\":[{\"id\":\"x\",\"regex\":\"(unclosed\"}]}")
        << QStringLiteral("x: ");
    QTest::newRow("missing group")
        << QStringLiteral("{\"patterns\":[{\"id\":\"x\",\"regex\":\"a(b)\",\"group\":2}]}")
        << QStringLiteral("no capture group 2");
    QTest::newRow("unknown header mode")
        << QStringLiteral("{\"patterns\":[],\"headers\":[{\"names\":[\"a\"],\"mode\":\"zap\","
                          "\"rule\":\"r\"}]}")
        << QStringLiteral("unknown mode \"zap\"");
    QTest::newRow("unknown validator")
        << QStringLiteral("{\"patterns\":[{\"id\":\"x\",\"regex\":\"a\",\"validate\":\"luhn\"}]}")
        << QStringLiteral("unknown validate \"luhn\"");
}

void TestRedactor::badRules()
{
    QFETCH(QString, rules);
    QFETCH(QString, message);
    try {
        Redactor redactor(kKey, rules.toStdString());
        QFAIL("rules loaded");
    } catch (const std::runtime_error &error) {
        QVERIFY2(u(error.what()).contains(message), error.what());
    }
}

void TestRedactor::hostileText()
{
    // Long runs that many patterns start on must stay linear, and so must a
    // text with a hundred thousand secrets ("&token=x1" x 116,508).
    Redactor redactor(kKey);
    QElapsedTimer timer;
    timer.start();
    for (const std::string &unit :
         {std::string("ey-"), std::string("eyJ-"), std::string("a_"), std::string("token="),
          std::string("password: "), std::string("https://"), std::string("xoxb-"),
          std::string("-----BEGIN PRIVATE KEY-----"), std::string("&token=x1")}) {
        std::string text;
        while (text.size() < (1u << 20))
            text += unit;
        redactor.redact(text);
    }
    QVERIFY2(timer.elapsed() < 20'000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
