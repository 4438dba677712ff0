#include "KubeJson.h"

#include "TimeUtil.h"

#include <cmath>

namespace perfcase::KubeJson {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

std::string quotedKey(std::string_view key)
{
    return "\"" + std::string(key) + "\"";
}

} // namespace

std::optional<simdjson::dom::element> field(simdjson::dom::element object, std::string_view key)
{
    simdjson::dom::object members;
    if (object.get_object().get(members) != simdjson::SUCCESS) return std::nullopt;
    simdjson::dom::element value;
    if (members.at_key(key).get(value) == simdjson::SUCCESS) return value;
    if (!key.empty() && key.front() >= 'a' && key.front() <= 'z') {
        std::string pascal(key);
        pascal.front() = char(pascal.front() - 'a' + 'A');
        if (members.at_key(pascal).get(value) == simdjson::SUCCESS) return value;
    }
    return std::nullopt;
}

std::optional<simdjson::dom::element> object(simdjson::dom::element parent, std::string_view key)
{
    auto value = field(parent, key);
    if (!value || !value->is_object()) return std::nullopt;
    return value;
}

std::optional<simdjson::dom::array> array(simdjson::dom::element parent, std::string_view key)
{
    auto value = field(parent, key);
    simdjson::dom::array result;
    if (!value || value->get_array().get(result) != simdjson::SUCCESS) return std::nullopt;
    return result;
}

std::string_view string(simdjson::dom::element parent, std::string_view key)
{
    auto value = field(parent, key);
    if (!value || value->is_null()) return {};
    std::string_view text;
    if (value->get_string().get(text) != simdjson::SUCCESS)
        throw BadField(quotedKey(key) + " is not a string");
    return text;
}

std::optional<std::int64_t> count(simdjson::dom::element parent, std::string_view key)
{
    auto value = field(parent, key);
    if (!value || value->is_null()) return std::nullopt;
    std::int64_t integer = 0;
    if (value->get_int64().get(integer) == simdjson::SUCCESS) {
        if (integer < 0 || double(integer) > kMaxExactInteger)
            throw BadField(quotedKey(key) + " is out of range: " + std::to_string(integer));
        return integer;
    }
    double real = 0;
    if (value->get_double().get(real) == simdjson::SUCCESS) {
        // A double beyond int64 would be undefined behaviour to convert.
        if (!std::isfinite(real) || real < 0 || real > kMaxExactInteger || real != std::floor(real))
            throw BadField(quotedKey(key) + " is not a count: " + simdjson::minify(*value));
        return std::int64_t(real);
    }
    throw BadField(quotedKey(key) + " is not a number");
}

std::optional<double> number(simdjson::dom::element parent, std::string_view key)
{
    auto value = field(parent, key);
    if (!value || value->is_null()) return std::nullopt;
    double real = 0;
    if (value->get_double().get(real) != simdjson::SUCCESS) {
        std::int64_t integer = 0;
        if (value->get_int64().get(integer) != simdjson::SUCCESS)
            throw BadField(quotedKey(key) + " is not a number");
        real = double(integer);
    }
    if (!std::isfinite(real) || std::fabs(real) > 1e30)
        throw BadField(quotedKey(key) + " is out of range");
    return real;
}

std::optional<std::int64_t> time(simdjson::dom::element parent, std::string_view key)
{
    std::string_view text = string(parent, key);
    if (text.empty() || text.substr(0, 5) == "0001-") return std::nullopt;
    auto ns = parseRfc3339(text);
    if (!ns)
        throw BadField(quotedKey(key) +
                       " is not an RFC 3339 time: " + std::string(text.substr(0, 40)));
    return ns;
}

std::string minified(simdjson::dom::element element)
{
    return simdjson::minify(element);
}

} // namespace perfcase::KubeJson
