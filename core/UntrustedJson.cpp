#include "UntrustedJson.h"

#include <algorithm>
#include <cstdlib>

namespace perfcase::UntrustedJson {

namespace {

// Finds the first syntax error without building anything.
struct SyntaxCheck : nlohmann::json_sax<nlohmann::json>
{
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t &) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string &lastRead,
                     const nlohmann::detail::exception &error) override
    {
        problem.message = error.what();
        // Where what nlohmann "last read" starts (its message quotes it):
        // the position is its end. It spells control characters as <U+000A>,
        // one byte each in the text. At the end of the input (or a NUL byte,
        // which ends it for nlohmann), the byte that ended it: the position
        // counts it too.
        std::size_t length = lastRead.size();
        for (std::size_t at = lastRead.find("<U+"); at != std::string::npos;
             at = lastRead.find("<U+", at + 1))
            if (at + 8 <= lastRead.size() && lastRead[at + 7] == '>' &&
                isControl(lastRead.substr(at + 3, 4)))
                length -= 7;
        if (problem.message.find("unexpected end of input") != std::string::npos)
            length = 1;
        else // a token cut by the end: the end was counted as read too
            position = std::min(position, size);
        problem.offset = std::int64_t(position >= length ? position - length : 0);
        // "[json.exception.parse_error.101] parse error at line 5, column 10:
        // syntax error ...": the line and column are nlohmann's; we give the byte.
        if (const std::size_t end = problem.message.find(": "); end != std::string::npos)
            problem.message.erase(0, end + 2);
        return false;
    }

    // nlohmann spells only control characters as <U+XXXX>.
    static bool isControl(const std::string &hex)
    {
        const unsigned long code = std::strtoul(hex.c_str(), nullptr, 16);
        return code < 0x20 || code == 0x7f;
    }

    std::size_t size = 0;
    Problem problem;
};

} // namespace

nlohmann::json parse(std::string_view text, Problem *problem)
{
    bool tooDeep = false;
    auto capped = [&tooDeep](int depth, nlohmann::json::parse_event_t, nlohmann::json &) {
        if (depth > kMaxDepth) tooDeep = true;
        return !tooDeep;
    };
    nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), capped, false);
    if (tooDeep) {
        if (problem) *problem = {-1, "nested deeper than " + std::to_string(kMaxDepth) + " levels"};
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
    if (document.is_discarded() && problem) {
        SyntaxCheck check;
        check.size = text.size();
        nlohmann::json::sax_parse(text.begin(), text.end(), &check);
        *problem = check.problem;
        // At the end of the input nlohmann counts the end as a character read.
        problem->offset = std::min<std::int64_t>(problem->offset, std::int64_t(text.size()));
    }
    return document;
}

} // namespace perfcase::UntrustedJson
