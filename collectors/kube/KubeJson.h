#pragma once

#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <stdexcept>
#include <string>
#include <string_view>

namespace perfcase::KubeJson {

// A field that is there but cannot be used (a count of 1e300, a time that
// is not RFC 3339): the item it belongs to is rejected with this message.
struct BadField : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// The member key of object, or the same key with its first letter in
// capitals: `kubectl cluster-info dump` of old clusters wrote Go's internal
// structs ("InvolvedObject", "Reason", "FirstTimestamp").
std::optional<simdjson::dom::element> field(simdjson::dom::element object, std::string_view key);
// The member if it is an object; nullopt otherwise.
std::optional<simdjson::dom::element> object(simdjson::dom::element parent, std::string_view key);
std::optional<simdjson::dom::array> array(simdjson::dom::element object, std::string_view key);
// A string member; empty when absent or null. Throws BadField when it is
// another type.
std::string_view string(simdjson::dom::element object, std::string_view key);
// An integer member (an integral double is accepted). nullopt when absent
// or null; throws BadField when out of [0, 2^53] or not a number.
std::optional<std::int64_t> count(simdjson::dom::element object, std::string_view key);
// A number member as a double (finite, |x| <= 1e30), nullopt when absent.
std::optional<double> number(simdjson::dom::element object, std::string_view key);
// An RFC 3339 time member in ns. nullopt when absent, null, empty or Go's
// zero time (year 1); throws BadField when it cannot be read.
std::optional<std::int64_t> time(simdjson::dom::element object, std::string_view key);
// The element as compact JSON text.
std::string minified(simdjson::dom::element element);

} // namespace perfcase::KubeJson
