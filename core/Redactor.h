#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// The one redactor of the product (DESIGN.md, Redaction). Its rules are data
// (resources/redaction/rules.json, compiled in as a Qt resource), in the
// manner of gitleaks: each pattern names the part of a match that is the
// secret, and that part becomes ⟦REDACTED:<rule>:<8 hex>⟧, the hex being
// HMAC-SHA256(key, secret) so that equal secrets still match each other
// without being readable, or ⟦REDACTED:<rule>⟧ for passwords (a hash of a
// guessable value can be reversed by guessing). The key is the case's: the
// caller decides where it lives (keyForCase: this user's settings, never the
// case file). Immutable after construction, so one Redactor can serve
// several threads.
class Redactor
{
public:
    // rulesJson empty: the built-in rules. Throws std::runtime_error when the
    // rules do not load (bad JSON, a pattern that does not compile).
    explicit Redactor(std::string key, std::string_view rulesJson = {});
    ~Redactor();
    Redactor(Redactor &&) noexcept;
    Redactor &operator=(Redactor &&) noexcept;

    // What redact() replaced: the rule, the secret and its marker.
    struct Finding
    {
        std::string rule, secret, marker;
    };

    // Free text (a URL, a header value, a log message): every secret that a
    // pattern finds. Text without secrets comes back unchanged (byte for byte).
    // found, when given, receives each replacement.
    std::string redact(std::string_view text, std::vector<Finding> *found = nullptr) const;
    // A header's value: the credential headers of the rules (Authorization,
    // Cookie, Set-Cookie, X-Api-Key ...) by their mode, others as free text.
    std::string redactHeader(std::string_view name, std::string_view value) const;
    // Whether the rules treat this header (any case) as carrying credentials.
    bool isCredentialHeader(std::string_view name) const;
    // The marker that replaces secret under rule.
    std::string marker(std::string_view rule, std::string_view secret, bool hashed = true) const;

    // The examples every pattern carries in the rules file (for the tests).
    struct Example
    {
        std::string rule;
        std::string text;
        bool match = false;
    };
    std::vector<Example> examples() const;
    std::vector<std::string> patternIds() const;

    // The rules compiled into the binary.
    static std::string builtinRules();
    // This user's key for the case with this uuid: read from QSettings
    // ("redaction/<uuid>"), created at random and stored on first use.
    static std::string keyForCase(std::string_view caseUuid);
    // 32 random bytes from the system's generator.
    static std::string randomKey();

private:
    struct Rules;
    static std::unique_ptr<const Rules> loadRules(std::string_view text);

    std::unique_ptr<const Rules> m_rules;
    std::string m_key;
};

} // namespace perfcase
