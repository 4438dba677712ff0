#include "LogTemplateMiner.h"

#include <algorithm>
#include <functional>

namespace perfcase {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// Numbers, durations (12ms), IPs, UUIDs, versions and most ids hold a digit;
// long hex strings without one (deadbeefcafe) are ids too.
bool isVariable(std::string_view token)
{
    if (token.empty()) return false;
    bool allHex = true;
    for (char c : token) {
        if (isDigit(c)) return true;
        allHex = allHex && isHex(c);
    }
    return allHex && token.size() >= 8;
}

// A token of the record, masked: the text kept, and whether a variable
// follows it ("table_id=" + <*> for "table_id=42") or replaces it (empty text).
struct Masked
{
    std::string_view text;
    bool wild = false;
};

// Stored template tokens are strings; "<*>" alone is a variable, and
// "key=<*>" a key with a variable value.
bool sameToken(const std::string &stored, const Masked &token)
{
    constexpr std::string_view wild = "<*>";
    if (!token.wild) return stored == token.text;
    if (token.text.empty()) return stored == wild;
    return stored.size() == token.text.size() + wild.size() &&
           std::string_view(stored).substr(0, token.text.size()) == token.text &&
           std::string_view(stored).substr(token.text.size()) == wild;
}

std::string toString(const Masked &token)
{
    std::string text(token.text);
    if (token.wild) text += "<*>";
    return text;
}

std::uint64_t fnv(std::uint64_t hash, std::string_view bytes)
{
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

// The record's tokens, masked, split on spaces; a quoted string is one
// variable token even when it holds spaces.
void maskTokens(std::string_view message, std::vector<Masked> &out, std::size_t maxTokens)
{
    out.clear();
    message = message.substr(0, message.find('\n'));
    std::size_t i = 0;
    const std::size_t n = message.size();
    while (i < n && out.size() < maxTokens) {
        while (i < n && isSpace(message[i]))
            ++i;
        if (i >= n) break;
        const std::size_t start = i;
        if (message[i] == '"' || message[i] == '\'') {
            const std::size_t close = message.find(message[i], i + 1);
            i = close == std::string_view::npos ? n : close + 1;
            while (i < n && !isSpace(message[i]))
                ++i;
            out.push_back({{}, true});
            continue;
        }
        // One pass over the token: where '=' is, and whether a digit follows
        // it (the value) or appears at all.
        std::size_t equals = std::string_view::npos;
        bool digitAfterEquals = false, digit = false;
        while (i < n && !isSpace(message[i])) {
            const char c = message[i];
            if (isDigit(c)) {
                digit = true;
                digitAfterEquals = equals != std::string_view::npos;
            } else if (c == '=' && equals == std::string_view::npos) {
                equals = i - start;
            }
            ++i;
        }
        std::string_view token = message.substr(start, i - start);
        if (equals != std::string_view::npos && equals > 0 && equals + 1 < token.size()) {
            std::string_view value = token.substr(equals + 1);
            const bool quoted = value.front() == '"' || value.front() == '\'';
            if (quoted || digitAfterEquals || isVariable(value)) {
                if (quoted && value.find(value.front(), 1) == std::string_view::npos) {
                    // key="a b c": the value runs to its closing quote.
                    const std::size_t close = message.find(value.front(), i);
                    i = close == std::string_view::npos ? n : close + 1;
                    while (i < n && !isSpace(message[i]))
                        ++i;
                }
                out.push_back({token.substr(0, equals + 1), true});
                continue;
            }
        }
        if (digit) {
            out.push_back({{}, true});
            continue;
        }
        if (isVariable(token))
            out.push_back({{}, true});
        else
            out.push_back({token, false});
    }
}

// Scratch reused for every record: no allocation per line.
thread_local std::vector<Masked> t_masked;

} // namespace

int LogTemplateMiner::add(std::string_view message)
{
    maskTokens(message.substr(0, kMaxBytes), t_masked, kMaxTokens);
    const std::vector<Masked> &tokens = t_masked;
    std::uint64_t sequence = tokens.size();
    for (const Masked &token : tokens) {
        const std::uint64_t h =
            std::hash<std::string_view>{}(token.text) ^ (token.wild ? 0x9e37 : 0);
        sequence = (sequence ^ h) * 0x100000001b3ULL + (sequence >> 29);
    }
    if (const auto seen = m_remembered.find(sequence); seen != m_remembered.end()) {
        ++m_templates[std::size_t(seen->second)].count;
        return seen->second;
    }
    // Group: token count and the first constant token with its position
    // (Drain's prefix tree; leading variables such as a time are skipped, so
    // "user alice ..." and "user bob ..." still meet).
    std::uint64_t key = 1469598103934665603ULL ^ tokens.size();
    for (std::size_t i = 0; i < std::min<std::size_t>(3, tokens.size()); ++i) {
        if (tokens[i].wild) continue;
        key = fnv(key ^ (i + 1), tokens[i].text);
        break;
    }
    std::vector<int> &group = m_groups[key];
    int best = -1;
    std::size_t bestSame = 0;
    for (int id : group) {
        const Template &candidate = m_templates[std::size_t(id)];
        if (candidate.tokens.size() != tokens.size()) continue; // a hash collision
        std::size_t same = 0;
        for (std::size_t i = 0; i < tokens.size(); ++i)
            same += candidate.tokens[i] == kWild || sameToken(candidate.tokens[i], tokens[i]);
        if (best < 0 || same > bestSame) {
            best = id;
            bestSame = same;
            if (same == tokens.size()) break;
        }
    }
    const bool similar =
        best >= 0 && (tokens.empty() || double(bestSame) >= kSimilarity * double(tokens.size()));
    const bool full = int(m_templates.size()) >= kMaxTemplates || int(group.size()) >= kMaxPerGroup;
    if (!similar && !full) {
        best = createTemplate(key);
        Template &created = m_templates[std::size_t(best)];
        created.tokens.reserve(tokens.size());
        for (const Masked &token : tokens)
            created.tokens.push_back(toString(token));
    } else if (!similar && best < 0) {
        // Over the cap with nothing alike: the catch-all keeps the count honest.
        if (m_catchAll < 0) {
            m_catchAll = int(m_templates.size());
            m_templates.push_back({{std::string(kWild)}, 0});
        }
        best = m_catchAll;
    } else {
        Template &joined = m_templates[std::size_t(best)];
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (joined.tokens[i] != kWild && !sameToken(joined.tokens[i], tokens[i]))
                joined.tokens[i] = kWild;
        }
    }
    ++m_templates[std::size_t(best)].count;
    if (m_remembered.size() < kMaxRemembered) m_remembered.emplace(sequence, best);
    return best;
}

int LogTemplateMiner::createTemplate(std::uint64_t key)
{
    const int id = int(m_templates.size());
    m_templates.emplace_back();
    m_groups[key].push_back(id);
    return id;
}

std::string LogTemplateMiner::pattern(int id) const
{
    std::string text;
    for (const std::string &token : m_templates.at(std::size_t(id)).tokens) {
        if (!text.empty()) text += ' ';
        text += token;
    }
    return text;
}

std::vector<std::string> LogTemplateMiner::patterns() const
{
    std::vector<std::string> all;
    all.reserve(m_templates.size());
    for (int id = 0; id < templateCount(); ++id)
        all.push_back(pattern(id));
    return all;
}

std::vector<std::string> LogTemplateMiner::maskedTokens(std::string_view message)
{
    std::vector<Masked> masked;
    maskTokens(message.substr(0, kMaxBytes), masked, kMaxTokens);
    std::vector<std::string> tokens;
    for (const Masked &token : masked)
        tokens.push_back(toString(token));
    return tokens;
}

} // namespace perfcase
