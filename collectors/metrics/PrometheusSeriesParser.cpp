#include "PrometheusSeriesParser.h"

#include "MetricNumbers.h"

#include <simdjson.h>

namespace perfcase {

namespace od = simdjson::ondemand;

struct PrometheusSeriesParser::Impl
{
    od::parser parser;
    std::string buffer; // the element with simdjson's padding behind it
};

namespace {

using Handler = PrometheusSeriesParser::Handler;

// The text of a scalar: a number's digits as written, a string's content.
bool scalarText(od::value value, std::string_view &text)
{
    od::json_type type;
    if (value.type().get(type)) return false;
    if (type == od::json_type::string) return !value.get_string().get(text);
    if (type != od::json_type::number) return false;
    text = MetricNumbers::trim(value.raw_json_token());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    return true;
}

// False on a structural error inside the pair (the caller stops the series).
bool readPoint(od::value point, std::size_t index, const Handler &handler)
{
    od::array pair;
    if (point.get_array().get(pair)) {
        handler.badPoint(index, "not a [time, value] pair");
        return true;
    }
    std::string_view timeText, valueText;
    std::size_t count = 0;
    bool scalars = true;
    for (auto element : pair) {
        od::value value;
        if (element.get(value)) return false;
        if (count == 0)
            scalars = scalarText(value, timeText) && scalars;
        else if (count == 1)
            scalars = scalarText(value, valueText) && scalars;
        ++count;
    }
    if (count != 2 || !scalars) {
        handler.badPoint(index, "not a [time, value] pair");
        return true;
    }
    const auto ts = MetricNumbers::scaledInteger(timeText, 9);
    if (!ts) {
        handler.badPoint(index, "time \"" + std::string(timeText.substr(0, 40)) +
                                    "\" is not a number of seconds within 1677..2262");
        return true;
    }
    const auto value = MetricNumbers::parse(valueText);
    if (!value) {
        handler.badPoint(index,
                         "value \"" + std::string(valueText.substr(0, 40)) + "\" is not a number");
        return true;
    }
    handler.point(*ts, *value);
    return true;
}

} // namespace

PrometheusSeriesParser::PrometheusSeriesParser() : m_impl(std::make_unique<Impl>()) {}

PrometheusSeriesParser::~PrometheusSeriesParser() = default;

bool PrometheusSeriesParser::parse(std::string_view json, const Handler &handler,
                                   std::string &error)
{
    std::string &buffer = m_impl->buffer;
    buffer.reserve(json.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(json.data(), json.size());
    od::document doc;
    if (auto code =
            m_impl->parser.iterate(buffer.data(), buffer.size(), buffer.capacity()).get(doc)) {
        error = std::string("invalid JSON: ") + simdjson::error_message(code);
        return false;
    }
    od::object object;
    if (doc.get_object().get(object)) {
        error = "not a series object (scalar and string results are not imported)";
        return false;
    }
    // First the labels, wherever "metric" stands, then the points.
    std::map<std::string, std::string> labels;
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key)) {
            error = "invalid JSON in the series";
            return false;
        }
        if (key != "metric") continue;
        od::object metric;
        if (field.value().get_object().get(metric)) {
            error = "\"metric\" is not an object";
            return false;
        }
        for (auto label : metric) {
            std::string_view name, value;
            if (label.unescaped_key().get(name)) {
                error = "invalid JSON in \"metric\"";
                return false;
            }
            std::string copy(name);
            if (label.value().get_string().get(value)) {
                error = "label \"" + copy.substr(0, 40) + "\" is not a string";
                return false;
            }
            labels[std::move(copy)] = std::string(value);
        }
    }
    doc.rewind();
    if (doc.get_object().get(object)) {
        error = "invalid JSON in the series";
        return false;
    }
    handler.series(labels);
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key)) {
            error = "invalid JSON in the series";
            return false;
        }
        if (key == "value") {
            od::value point;
            if (field.value().get(point) || !readPoint(point, 0, handler)) {
                error = "invalid JSON in \"value\"";
                return false;
            }
        } else if (key == "values") {
            od::array values;
            if (field.value().get_array().get(values)) {
                error = "\"values\" is not an array";
                return false;
            }
            std::size_t index = 0;
            for (auto item : values) {
                od::value point;
                if (item.get(point) || !readPoint(point, index, handler)) {
                    error = "invalid JSON in \"values\" at point " + std::to_string(index);
                    return false;
                }
                ++index;
            }
        }
    }
    return true;
}

} // namespace perfcase
