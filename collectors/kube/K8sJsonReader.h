#pragma once

#include "import/Importer.h"

#include <cstdint>
#include <functional>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// Streams the objects of `kubectl get ... -o json` output to an importer:
// the elements of "items" (a List), "Items" (old `cluster-info dump`
// internal structs) or of a bare array, or the document itself when it is a
// single object. Each element is parsed with simdjson; memory is bounded by
// the largest element (kMaxItemBytes). Rejections, warnings, truncation and
// structural errors are recorded in the source with their byte offsets
// (DESIGN.md, Pipeline), and counted in the result.
class K8sJsonReader
{
public:
    static constexpr std::size_t kMaxItemBytes = 8u << 20; // etcd keeps objects under 1.5 MiB

    struct Item
    {
        simdjson::dom::element element;
        std::int64_t offset = 0; // decompressed byte offset of the element
        std::string_view raw;    // its text as read
    };
    // Returns true when the item became a record. On false, `why` says why
    // it was rejected. A handler may throw KubeJson::BadField to reject.
    using Handler = std::function<bool(const Item &item, std::string &why)>;

    // noun names the records in messages ("event", "pod", "HPA").
    K8sJsonReader(ImportContext &context, std::string noun);

    ImporterResult run(const Handler &handler);

    // For handlers: a note that rejects nothing (once per message text).
    void warn(std::int64_t offset, const std::string &message);
    // A second parser, for JSON held in strings (HPA v1 annotations).
    simdjson::dom::parser &innerParser() { return m_inner; }

private:
    void handle(std::string_view raw, std::int64_t offset, const Handler &handler);
    void reject(std::int64_t offset, const std::string &why, std::string_view raw);

    ImportContext &m_context;
    std::string m_noun;
    ImporterResult m_result;
    simdjson::dom::parser m_parser, m_inner;
    std::string m_repaired;
    bool m_warnedUtf8 = false;
    std::vector<std::string> m_warned;
};

} // namespace perfcase
