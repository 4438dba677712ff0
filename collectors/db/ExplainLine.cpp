#include "ExplainLine.h"

#include <charconv>
#include <vector>

namespace perfcase {

namespace {

std::string_view trim(std::string_view text)
{
    const std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos) return {};
    const std::size_t end = text.find_last_not_of(" \t");
    return text.substr(start, end - start + 1);
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

std::optional<double> decimal(std::string_view text)
{
    double value = 0;
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

// "0.00..1834.00" -> both numbers.
bool range(std::string_view text, std::optional<double> &from, std::optional<double> &to)
{
    const std::size_t dots = text.find("..");
    if (dots == std::string_view::npos) return false;
    from = decimal(text.substr(0, dots));
    to = decimal(text.substr(dots + 2));
    return from && to;
}

// Words, with "double quoted" names kept whole and unquoted.
std::vector<std::string> words(std::string_view text)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ')
            ++i;
        if (i >= text.size()) break;
        std::string word;
        if (text[i] == '"') {
            ++i;
            while (i < text.size()) {
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        word += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                word += text[i++];
            }
            // A qualified name: "My Schema".orders
            while (i < text.size() && text[i] != ' ')
                word += text[i++];
        } else {
            while (i < text.size() && text[i] != ' ')
                word += text[i++];
        }
        out.push_back(std::move(word));
    }
    return out;
}

// "Index Scan using idx on orders o" -> type, index, relation, alias.
void readHead(std::string_view head, ExplainNode &node)
{
    const std::size_t using_ = head.find(" using ");
    const std::size_t on = head.find(" on ");
    if (using_ != std::string_view::npos && (on == std::string_view::npos || using_ < on)) {
        node.type = trim(head.substr(0, using_));
        const auto rest = words(head.substr(using_ + 7));
        if (!rest.empty()) node.index = rest[0];
        if (rest.size() >= 3 && rest[1] == "on") {
            node.relation = rest[2];
            if (rest.size() >= 4) node.alias = rest[3];
        }
    } else if (on != std::string_view::npos) {
        node.type = trim(head.substr(0, on));
        const auto rest = words(head.substr(on + 4));
        const std::string_view type = node.type;
        const bool bitmapIndex =
            type.size() >= 17 && type.substr(type.size() - 17) == "Bitmap Index Scan";
        if (!rest.empty()) (bitmapIndex ? node.index : node.relation) = rest[0];
        if (rest.size() >= 2 && !bitmapIndex) node.alias = rest[1];
    } else {
        node.type = trim(head);
    }
}

// The contents of one "( ... )" group after the node.
bool readGroup(std::string_view group, ExplainNode &node)
{
    if (group == "never executed") {
        node.neverExecuted = node.analyzed = true;
        return true;
    }
    const bool cost = startsWith(group, "cost=");
    const bool actual = startsWith(group, "actual ") || group == "actual";
    if (!cost && !actual) return true; // a group of a later release: not read
    if (actual) {
        node.analyzed = true;
        group.remove_prefix(6);
    }
    std::size_t pos = 0;
    while (pos < group.size()) {
        while (pos < group.size() && group[pos] == ' ')
            ++pos;
        std::size_t end = group.find(' ', pos);
        if (end == std::string_view::npos) end = group.size();
        const std::string_view token = group.substr(pos, end - pos);
        pos = end;
        if (token.empty()) continue;
        const std::size_t eq = token.find('=');
        if (eq == std::string_view::npos) return false;
        const std::string_view key = token.substr(0, eq), value = token.substr(eq + 1);
        std::optional<double> unused;
        if (cost && key == "cost") {
            if (!range(value, node.startupCost, node.totalCost)) return false;
        } else if (cost && key == "rows") {
            if (!(node.planRows = decimal(value))) return false;
        } else if (actual && key == "time") {
            if (!range(value, unused, node.actualMs)) return false;
        } else if (actual && key == "rows") {
            if (!(node.actualRows = decimal(value))) return false;
        } else if (actual && key == "loops") {
            if (!(node.loops = decimal(value))) return false;
        }
        // width= and keys of later releases are not read.
    }
    return true;
}

// Where the figures start: "(cost=", "(actual " or "(never executed)".
std::size_t figuresAt(std::string_view text)
{
    std::size_t best = std::string_view::npos;
    for (std::string_view marker : {"(cost=", "(actual ", "(actual)", "(never executed)"}) {
        const std::size_t at = text.find(marker);
        if (at < best) best = at;
    }
    return best;
}

bool parensOpen(std::string_view text)
{
    int depth = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '\'') quoted = !quoted;
        if (quoted) continue;
        if (c == '(') ++depth;
        if (c == ')' && depth > 0) --depth;
    }
    return depth > 0 || quoted;
}

// The node text after "->  " or at the start of the root line.
ExplainNode readNode(std::string_view text, bool &malformed)
{
    ExplainNode node;
    const std::size_t at = figuresAt(text);
    readHead(trim(text.substr(0, at)), node);
    if (node.type.empty()) malformed = true;
    std::size_t pos = at;
    while (pos < text.size()) {
        while (pos < text.size() && text[pos] == ' ')
            ++pos;
        if (pos >= text.size() || text[pos] != '(') break;
        const std::size_t close = text.find(')', pos);
        if (close == std::string_view::npos) {
            malformed = true; // cut inside the figures
            break;
        }
        if (!readGroup(text.substr(pos + 1, close - pos - 1), node)) malformed = true;
        pos = close + 1;
    }
    return node;
}

bool isRule(std::string_view text)
{
    return text.size() >= 3 && text.find_first_not_of("-+") == std::string_view::npos;
}

bool isFooter(std::string_view text)
{
    // "(1 row)", "(12 rows)"
    if (text.size() < 7 || text.front() != '(' || text.back() != ')') return false;
    std::size_t i = 1;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
        ++i;
    if (i == 1) return false;
    const std::string_view rest = text.substr(i, text.size() - 1 - i);
    return rest == " row" || rest == " rows";
}

// A line as a GUI client copies it: "Seq Scan on t  (cost=...)".
std::string unquoted(std::string_view text)
{
    const std::string_view t = trim(text);
    if (t.size() < 2 || t.front() != '"' || t.back() != '"') return std::string(text);
    std::string out;
    for (std::size_t i = 1; i + 1 < t.size(); ++i) {
        out += t[i];
        if (t[i] == '"' && t[i + 1] == '"' && i + 2 < t.size()) ++i;
    }
    return out;
}

} // namespace

ExplainNode ExplainLine::nodeWithoutFigures(std::string_view text, bool &malformed)
{
    return readNode(trim(text), malformed);
}

ExplainLine ExplainLine::parse(std::string_view raw)
{
    ExplainLine line;
    const std::string owned = unquoted(raw);
    std::string_view text = owned;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    line.column = text.find_first_not_of(" \t");
    if (line.column == std::string_view::npos) {
        line.column = 0;
        return line; // Blank
    }
    const std::string_view content = text.substr(line.column);
    line.unbalanced = parensOpen(content);
    if (content == "QUERY PLAN") {
        line.kind = Kind::Header;
    } else if (isRule(content)) {
        line.kind = Kind::Rule;
    } else if (isFooter(content)) {
        line.kind = Kind::Footer;
    } else if (startsWith(content, "->")) {
        line.kind = Kind::Node;
        line.arrow = true;
        line.node = readNode(trim(content.substr(2)), line.malformed);
    } else if (const std::size_t at = figuresAt(content);
               at != std::string_view::npos &&
               content.substr(0, at).find(':') == std::string_view::npos) {
        line.kind = Kind::Node;
        line.node = readNode(content, line.malformed);
    } else {
        line.kind = Kind::Text;
        const std::size_t colon = content.find(':');
        if (colon != std::string_view::npos &&
            (colon + 1 == content.size() || content[colon + 1] == ' ')) {
            line.key = trim(content.substr(0, colon));
            line.value = trim(content.substr(colon + 1));
        } else {
            line.value = content;
        }
    }
    return line;
}

} // namespace perfcase
