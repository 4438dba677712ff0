#include "Redactor.h"

#include "UntrustedJson.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QString>
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

namespace perfcase {

namespace {

// ⟦ and ⟧ (U+27E6, U+27E7): brackets that no log or URL syntax uses, so a
// marker never reads as part of the data around it.
constexpr std::string_view kOpen = "\xE2\x9F\xA6";
constexpr std::string_view kClose = "\xE2\x9F\xA7";

enum class Validate
{
    None,
    Base64Userinfo // the secret decodes (base64) to "user:password"
};

struct PatternRule
{
    std::string id;
    QRegularExpression regex;
    std::vector<int> groups;
    bool hash = true;
    std::vector<std::string> keywords;
    Validate validate = Validate::None;
};

struct HeaderRule
{
    std::string mode; // authorization | cookie | set-cookie | whole
    std::string rule;
    bool hash = true;
    std::map<std::string, std::pair<std::string, bool>> schemes; // lower-case scheme
};

std::string asciiLower(std::string_view text)
{
    std::string lower(text);
    for (char &c : lower) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    return lower;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

bool isBase64Userinfo(QStringView secret)
{
    const QByteArray decoded = QByteArray::fromBase64(
        secret.toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    return decoded.contains(':');
}

std::vector<std::string> strings(const nlohmann::json &list)
{
    std::vector<std::string> out;
    if (list.is_array()) {
        for (const auto &item : list) {
            if (item.is_string()) out.push_back(item.get<std::string>());
        }
    }
    return out;
}

} // namespace

struct Redactor::Rules
{
    std::vector<PatternRule> patterns;
    std::vector<HeaderRule> headers;
    std::unordered_map<std::string, std::size_t> headerIndex; // lower-case name
    std::vector<Example> examples;
    QRegularExpression markers{QStringLiteral("\u27E6REDACTED:[^\u27E7]*\u27E7")};
};

std::unique_ptr<const Redactor::Rules> Redactor::loadRules(std::string_view text)
{
    auto fail = [](const std::string &why) { throw std::runtime_error("redaction rules: " + why); };
    const nlohmann::json doc = UntrustedJson::parse(text);
    if (!doc.is_object() || !doc.contains("patterns") || !doc["patterns"].is_array())
        fail("not a rules file (no \"patterns\" array)");
    auto rules = std::make_unique<Rules>();
    for (const auto &item : doc["patterns"]) {
        PatternRule rule;
        rule.id = item.value("id", std::string());
        const std::string regex = item.value("regex", std::string());
        if (rule.id.empty() || regex.empty()) fail("a pattern without id or regex");
        rule.regex.setPattern(qs(regex));
        if (!rule.regex.isValid())
            fail(rule.id + ": " + rule.regex.errorString().toStdString() + " at offset " +
                 std::to_string(rule.regex.patternErrorOffset()));
        rule.regex.optimize();
        if (item.contains("groups") && item["groups"].is_array()) {
            for (const auto &group : item["groups"]) {
                if (group.is_number_integer()) rule.groups.push_back(group.get<int>());
            }
        } else {
            rule.groups.push_back(item.value("group", 0));
        }
        for (int group : rule.groups) {
            if (group < 0 || group > rule.regex.captureCount())
                fail(rule.id + ": no capture group " + std::to_string(group));
        }
        rule.hash = item.value("hash", true);
        for (const std::string &keyword : strings(item.value("keywords", nlohmann::json())))
            rule.keywords.push_back(asciiLower(keyword));
        const std::string validate = item.value("validate", std::string());
        if (validate == "base64-userinfo")
            rule.validate = Validate::Base64Userinfo;
        else if (!validate.empty())
            fail(rule.id + ": unknown validate \"" + validate + "\"");
        if (item.contains("examples") && item["examples"].is_object()) {
            for (const std::string &example :
                 strings(item["examples"].value("match", nlohmann::json())))
                rules->examples.push_back({rule.id, example, true});
            for (const std::string &example :
                 strings(item["examples"].value("noMatch", nlohmann::json())))
                rules->examples.push_back({rule.id, example, false});
        }
        rules->patterns.push_back(std::move(rule));
    }
    if (doc.contains("headers") && doc["headers"].is_array()) {
        for (const auto &item : doc["headers"]) {
            HeaderRule header;
            header.mode = item.value("mode", std::string());
            header.rule = item.value("rule", std::string());
            header.hash = item.value("hash", true);
            if (header.mode != "authorization" && header.mode != "cookie" &&
                header.mode != "set-cookie" && header.mode != "whole")
                fail("header rule \"" + header.rule + "\": unknown mode \"" + header.mode + "\"");
            if (item.contains("schemes") && item["schemes"].is_object()) {
                for (const auto &[scheme, target] : item["schemes"].items()) {
                    header.schemes[asciiLower(scheme)] = {target.value("rule", header.rule),
                                                          target.value("hash", header.hash)};
                }
            }
            const std::size_t index = rules->headers.size();
            rules->headers.push_back(std::move(header));
            for (const std::string &name : strings(item.value("names", nlohmann::json())))
                rules->headerIndex[asciiLower(name)] = index;
        }
    }
    return rules;
}

Redactor::Redactor(std::string key, std::string_view rulesJson)
    : m_rules(loadRules(rulesJson.empty() ? builtinRules() : std::string(rulesJson))),
      m_key(std::move(key))
{}

Redactor::~Redactor() = default;
Redactor::Redactor(Redactor &&) noexcept = default;
Redactor &Redactor::operator=(Redactor &&) noexcept = default;

std::string Redactor::marker(std::string_view rule, std::string_view secret, bool hashed) const
{
    std::string out;
    out.reserve(32 + rule.size());
    out.append(kOpen).append("REDACTED:").append(rule);
    if (hashed) {
        const QByteArray mac = QMessageAuthenticationCode::hash(
            QByteArray::fromRawData(secret.data(), qsizetype(secret.size())),
            QByteArray::fromRawData(m_key.data(), qsizetype(m_key.size())),
            QCryptographicHash::Sha256);
        out.append(":").append(mac.toHex().left(8).toStdString());
    }
    out.append(kClose);
    return out;
}

std::string Redactor::redact(std::string_view text, std::vector<Finding> *found) const
{
    if (text.empty()) return {};
    const std::string lower = asciiLower(text);
    QString subject;
    // Accepted spans by start (they never overlap), so a text with many
    // secrets costs n log n, not n^2. A null rule marks a marker in the text.
    struct Span
    {
        qsizetype end;
        const PatternRule *rule;
    };
    std::map<qsizetype, Span> spans;
    auto overlaps = [&spans](qsizetype begin, qsizetype end) {
        auto next = spans.lower_bound(begin);
        if (next != spans.end() && next->first < end) return true;
        return next != spans.begin() && std::prev(next)->second.end > begin;
    };
    // Markers already in the text stay as they are: their rule names
    // ("aws-access-key:...") would otherwise read as key=value pairs.
    if (lower.find("\xE2\x9F\xA6redacted:") != std::string::npos) {
        subject = qs(text);
        for (auto it = m_rules->markers.globalMatch(subject); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            spans.emplace(match.capturedStart(), Span{match.capturedEnd(), nullptr});
        }
    }
    bool any = false;
    for (const PatternRule &rule : m_rules->patterns) {
        const bool wanted =
            rule.keywords.empty() ||
            std::any_of(rule.keywords.begin(), rule.keywords.end(), [&](const std::string &word) {
                return lower.find(word) != std::string::npos;
            });
        if (!wanted) continue;
        if (subject.isNull()) subject = qs(text);
        QRegularExpressionMatchIterator matches = rule.regex.globalMatch(subject);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            int group = -1;
            for (int candidate : rule.groups) {
                if (match.hasCaptured(candidate) && match.capturedLength(candidate) > 0) {
                    group = candidate;
                    break;
                }
            }
            if (group < 0) continue;
            const qsizetype begin = match.capturedStart(group), end = match.capturedEnd(group);
            if (rule.validate == Validate::Base64Userinfo &&
                !isBase64Userinfo(match.capturedView(group)))
                continue;
            // An earlier rule is more specific: its match stands.
            if (overlaps(begin, end)) continue;
            spans.emplace(begin, Span{end, &rule});
            any = true;
        }
    }
    if (!any) return std::string(text);
    std::string out;
    out.reserve(text.size() + 32 * spans.size());
    qsizetype done = 0;
    for (const auto &[begin, span] : spans) {
        if (!span.rule) continue;
        out += QStringView(subject).mid(done, begin - done).toUtf8().toStdString();
        const QByteArray secret = QStringView(subject).mid(begin, span.end - begin).toUtf8();
        const std::string_view secretText(secret.constData(), std::size_t(secret.size()));
        std::string replacement = marker(span.rule->id, secretText, span.rule->hash);
        if (found) found->push_back({span.rule->id, std::string(secretText), replacement});
        out += replacement;
        done = span.end;
    }
    out += QStringView(subject).mid(done).toUtf8().toStdString();
    return out;
}

bool Redactor::isCredentialHeader(std::string_view name) const
{
    return m_rules->headerIndex.count(asciiLower(trim(name))) != 0;
}

std::string Redactor::redactHeader(std::string_view name, std::string_view value) const
{
    const auto found = m_rules->headerIndex.find(asciiLower(trim(name)));
    if (found == m_rules->headerIndex.end()) return redact(value);
    const HeaderRule &header = m_rules->headers[found->second];
    value = trim(value);
    if (value.empty()) return {};

    if (header.mode == "whole") return marker(header.rule, value, header.hash);

    if (header.mode == "authorization") {
        // "Scheme credentials": the scheme says how the client authenticated,
        // which is worth keeping; a bare token has no scheme.
        const std::size_t space = value.find_first_of(" \t");
        if (space == std::string_view::npos) return marker(header.rule, value, header.hash);
        const std::string_view scheme = value.substr(0, space);
        const std::string_view credentials = trim(value.substr(space + 1));
        std::string rule = header.rule;
        bool hash = header.hash;
        if (auto it = header.schemes.find(asciiLower(scheme)); it != header.schemes.end()) {
            rule = it->second.first;
            hash = it->second.second;
        }
        return std::string(scheme) + " " + marker(rule, credentials, hash);
    }

    // Cookies: the names say which session or preference was sent; the
    // values are what must not leave. Set-Cookie keeps its attributes.
    auto redactPair = [&](std::string_view pair) {
        pair = trim(pair);
        const std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos) return marker(header.rule, pair, header.hash);
        const std::string_view cookieValue = pair.substr(equals + 1);
        if (cookieValue.empty()) return std::string(pair);
        return std::string(pair.substr(0, equals + 1)) +
               marker(header.rule, cookieValue, header.hash);
    };
    auto split = [](std::string_view text, char separator) {
        std::vector<std::string_view> parts;
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find(separator, start);
            if (end == std::string_view::npos) end = text.size();
            parts.push_back(text.substr(start, end - start));
            start = end + 1;
        }
        return parts;
    };
    std::string out;
    if (header.mode == "cookie") {
        for (std::string_view pair : split(value, ';')) {
            if (trim(pair).empty()) continue;
            if (!out.empty()) out += "; ";
            out += redactPair(pair);
        }
        return out;
    }
    // set-cookie: one cookie per line (HAR joins repeated headers with \n).
    for (std::string_view line : split(value, '\n')) {
        if (trim(line).empty()) continue;
        if (!out.empty()) out += "\n";
        bool first = true;
        for (std::string_view part : split(line, ';')) {
            if (trim(part).empty()) continue;
            if (!first) out += "; ";
            out += first ? redactPair(part) : redact(trim(part));
            first = false;
        }
    }
    return out;
}

std::vector<Redactor::Example> Redactor::examples() const
{
    return m_rules->examples;
}

std::vector<std::string> Redactor::patternIds() const
{
    std::vector<std::string> ids;
    for (const PatternRule &rule : m_rules->patterns)
        ids.push_back(rule.id);
    return ids;
}

std::string Redactor::builtinRules()
{
    QFile file(QStringLiteral(":/redaction/rules.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("redaction rules: the built-in rules are missing");
    return file.readAll().toStdString();
}

std::string Redactor::randomKey()
{
    QByteArray key(32, '\0');
    QRandomGenerator::system()->generate(key.begin(), key.end());
    return key.toStdString();
}

std::string Redactor::keyForCase(std::string_view caseUuid)
{
    if (caseUuid.empty()) return randomKey();
    // Explicit names rather than the application's: the command line and the
    // window must find the same keys.
    const QString organization = QStringLiteral("perfcase"),
                  application = QStringLiteral("perfcase");
    const QString folder =
        QFileInfo(QSettings(organization, application).fileName()).absolutePath();
    QDir().mkpath(folder);
    // Two imports into a new case at once must not each make a key.
    QLockFile lock(folder + QStringLiteral("/redaction-keys.lock"));
    lock.tryLock(10'000); // after that, go on: a stale lock must not stop an import
    QSettings settings(organization, application);
    const QString name = QStringLiteral("redaction/") + qs(caseUuid);
    const QByteArray stored = QByteArray::fromBase64(settings.value(name).toByteArray());
    if (stored.size() >= 16) return stored.toStdString();
    const std::string key = randomKey();
    settings.setValue(
        name,
        QString::fromLatin1(QByteArray::fromRawData(key.data(), qsizetype(key.size())).toBase64()));
    settings.sync();
    return key;
}

} // namespace perfcase
