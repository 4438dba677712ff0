#include "LogSearchQuery.h"

#include <cctype>

namespace perfcase {

namespace {

std::string trimmed(const std::string &text)
{
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

// The bare words of raw FTS5 text, for highlighting: operators, column
// filters and syntax dropped.
std::vector<std::string> wordsOf(const std::string &fts)
{
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty() && word != "AND" && word != "OR" && word != "NOT" && word != "NEAR")
            words.push_back(word);
        word.clear();
    };
    for (char c : fts) {
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80 ||
            c == '_')
            word += c;
        else
            flush();
    }
    flush();
    return words;
}

} // namespace

LogSearchQuery LogSearchQuery::parse(const std::string &input)
{
    LogSearchQuery query;
    const std::string text = trimmed(input);
    if (text.empty()) return query;
    if (startsWith(text, "re:")) {
        query.regex = trimmed(text.substr(3));
        if (!query.regex.empty()) {
            query.kind = Kind::Regex;
            query.terms.push_back(query.regex);
        }
        return query;
    }
    if (startsWith(text, "sql:")) {
        query.fts = trimmed(text.substr(4));
        if (!query.fts.empty()) {
            query.kind = Kind::FullText;
            query.terms = wordsOf(query.fts);
        }
        return query;
    }
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
        if (i == start) break;
        const std::string word = text.substr(start, i - start);
        // A word of punctuation only has no FTS5 token: it would match nothing.
        if (wordsOf(word).empty()) continue;
        std::string phrase = "\"";
        for (char c : word) {
            if (c == '"') phrase += '"';
            phrase += c;
        }
        phrase += '"';
        if (!query.fts.empty()) query.fts += " AND ";
        query.fts += phrase;
        query.terms.push_back(word);
    }
    if (!query.fts.empty()) query.kind = Kind::FullText;
    return query;
}

} // namespace perfcase
