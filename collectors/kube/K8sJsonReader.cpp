#include "K8sJsonReader.h"

#include "KubeJson.h"
#include "SourceWriter.h"
#include "Utf8.h"
#include "logs/TextRepair.h"

#include "json/JsonStreamer.h"
#include <algorithm>

namespace perfcase {

K8sJsonReader::K8sJsonReader(ImportContext &context, std::string noun)
    : m_context(context), m_noun(std::move(noun))
{}

void K8sJsonReader::warn(std::int64_t offset, const std::string &message)
{
    if (std::find(m_warned.begin(), m_warned.end(), message) != m_warned.end()) return;
    m_warned.push_back(message);
    m_result.warnings.push_back({0, offset, message});
    m_context.writer.addError(0, offset, "warning", message, {});
}

void K8sJsonReader::reject(std::int64_t offset, const std::string &why, std::string_view raw)
{
    if (m_result.rejected == 0) m_result.firstRejection = {0, offset, why};
    ++m_result.rejected;
    std::string_view excerpt = utf8Prefix(raw, 200);
    m_context.writer.addError(0, offset, "error", why,
                              TextRepair::isValidUtf8(excerpt) ? excerpt
                                                               : std::string_view("(not UTF-8)"));
}

void K8sJsonReader::handle(std::string_view raw, std::int64_t offset, const Handler &handler)
{
    simdjson::dom::element element;
    auto error = m_parser.parse(raw.data(), raw.size()).get(element);
    if (error == simdjson::UTF8_ERROR) {
        // DESIGN.md: invalid UTF-8 becomes U+FFFD and the record is kept.
        TextRepair::repairUtf8(raw, m_repaired);
        if (!m_warnedUtf8) {
            m_warnedUtf8 = true;
            warn(offset,
                 "invalid UTF-8 replaced with U+FFFD (first in the " + m_noun + " at this byte)");
        }
        error = m_parser.parse(m_repaired.data(), m_repaired.size()).get(element);
    }
    if (error != simdjson::SUCCESS) {
        reject(offset, m_noun + " is not valid JSON: " + simdjson::error_message(error), raw);
        return;
    }
    std::string why;
    bool recorded = false;
    try {
        recorded = handler(Item{element, offset, raw}, why);
    } catch (const KubeJson::BadField &bad) {
        why = bad.what();
    }
    if (recorded)
        ++m_result.records;
    else
        reject(offset, why.empty() ? m_noun + " not understood" : why, raw);
}

ImporterResult K8sJsonReader::run(const Handler &handler)
{
    JsonStreamer::Options options;
    options.arrayPaths = {"items", "Items", ""};
    options.maxElementBytes = kMaxItemBytes;
    JsonStreamer streamer(options);

    // A document that is one object (`kubectl get pod x -o json`) comes out
    // as its members: gather them back into one object.
    std::string single = "{";
    bool singleTooLarge = false;
    std::string kind;
    JsonStreamer::Callbacks callbacks;
    callbacks.element = [&](std::string_view, std::string_view json, std::int64_t offset) {
        handle(json, offset, handler);
    };
    callbacks.member = [&](std::string_view path, std::string_view json) {
        if (path.find('.') != std::string_view::npos) return;
        if (path == "kind" && json.size() >= 2 && json.front() == '"')
            kind = json.substr(1, json.size() - 2);
        if (singleTooLarge || single.size() + path.size() + json.size() > kMaxItemBytes) {
            singleTooLarge = true;
            std::string().swap(single);
            return;
        }
        if (single.size() > 1) single += ',';
        single += '"';
        single += path; // as written, escapes included
        single += "\":";
        single += json;
    };
    callbacks.skipped = [&](std::string_view, std::int64_t offset) {
        reject(offset, m_noun + " larger than 8 MiB skipped", {});
    };
    const JsonStreamer::Result streamed =
        streamer.run(m_context.input, callbacks, m_context.token, m_context.progress);

    const bool isList = kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0;
    if (streamed.root == '{' && streamed.elements == 0 && streamed.skippedElements == 0 &&
        !kind.empty() && !isList) {
        if (singleTooLarge) {
            reject(0, m_noun + " larger than 8 MiB skipped", {});
        } else if (!streamed.truncated && streamed.error.empty()) {
            single += '}';
            handle(single, 0, handler);
        }
    }

    if (!streamed.error.empty()) {
        reject(streamed.errorOffset,
               streamed.error + (m_result.records > 0 ? "; the rest of the file is not read" : ""),
               {});
        m_result.partial = m_result.records > 0;
    } else if (streamed.truncated) {
        const std::string cut = "JSON ends early at byte " + std::to_string(streamed.bytes);
        if (m_result.records == 0) {
            reject(streamed.bytes, cut + ": no complete " + m_noun + " before it", {});
        } else {
            m_result.partial = true;
            warn(streamed.bytes, cut + " (file truncated): imported the " +
                                     std::to_string(m_result.records) + " complete " + m_noun +
                                     " records before it");
        }
    } else if (m_result.records == 0 && m_result.rejected == 0 && !isList) {
        reject(0, "no Kubernetes " + m_noun + " found: no \"items\" array and no \"kind\"", {});
    }
    return std::move(m_result);
}

} // namespace perfcase
