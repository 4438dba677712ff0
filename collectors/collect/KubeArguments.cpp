#include "KubeArguments.h"

#include <regex>

namespace perfcase::KubeArguments {

namespace {

void universal(const std::string &value, const std::string &what)
{
    if (value.empty()) throw InvalidArgument(what + " is empty");
    if (value.front() == '-')
        throw InvalidArgument(what + " '" + value +
                              "' starts with '-' (it would read as an option)");
    for (char c : value)
        if (c == '\0' || c == '\n' || c == '\r')
            throw InvalidArgument(what + " holds a NUL or line break");
}

std::string shown(const std::string &value)
{
    std::string text;
    for (char c : value)
        text += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return text;
}

std::string matching(const std::string &value, const std::string &what, const std::regex &grammar,
                     std::size_t maxLength, const char *rule)
{
    universal(value, what);
    if (value.size() > maxLength || !std::regex_match(value, grammar))
        throw InvalidArgument(what + " '" + shown(value) + "' is not a valid " + rule);
    return value;
}

} // namespace

std::string label(const std::string &value, const std::string &what)
{
    static const std::regex grammar("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    return matching(value, what, grammar, 63,
                    "Kubernetes name (RFC 1123 label: lower-case letters, digits and '-', at most "
                    "63 characters)");
}

std::string subdomain(const std::string &value, const std::string &what)
{
    static const std::regex grammar(
        "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    return matching(value, what, grammar, 253,
                    "Kubernetes name (RFC 1123 subdomain: lower-case letters, digits, '-' and '.', "
                    "at most 253 characters)");
}

std::string selector(const std::string &value, const std::string &what)
{
    // Label keys ([prefix/]name) and values as in the Kubernetes API.
    static const std::regex grammar(
        "(!?([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?((==|!=|=)"
        "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)?)"
        "(,(!?([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?((==|!=|=)"
        "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)?))*");
    return matching(value, what, grammar, 1024,
                    "label selector (key=value terms separated by commas)");
}

std::string duration(const std::string &value, const std::string &what)
{
    static const std::regex grammar("([0-9]+h)?([0-9]+m)?([0-9]+s)?");
    if (!value.empty() && std::regex_match(value, grammar) &&
        value.find_first_of("hms") != std::string::npos)
        return value;
    universal(value, what);
    throw InvalidArgument(what + " '" + shown(value) +
                          "' is not a duration like 90s, 15m or 1h30m");
}

std::string context(const std::string &value, const std::string &what)
{
    static const std::regex grammar("[A-Za-z0-9._:/@+=-]+");
    return matching(value, what, grammar, 253, "kubeconfig context name");
}

} // namespace perfcase::KubeArguments
