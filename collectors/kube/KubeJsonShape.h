#pragma once

#include <set>
#include <string>
#include <string_view>

namespace perfcase {

// What the first bytes of a JSON document say about its Kubernetes shape,
// for sniffing: the top-level "kind", and for a list ("items", "Items", or
// a bare array) the "kind" and the member paths of its first element. A
// tolerant scan of the 64 KiB sample: it stops where the sample ends, and
// never recurses.
struct KubeJsonShape
{
    bool object = false;                  // the document is a JSON object
    bool list = false;                    // an items array (or a bare array) was seen
    std::string kind;                     // top-level "kind", as written
    std::string firstItemKind;            // "kind" of the first list element
    std::set<std::string> firstItemPaths; // "reason", "involvedObject", "spec.containers", ...

    static KubeJsonShape read(std::string_view json);

    bool itemHas(std::string_view path) const
    {
        return firstItemPaths.count(std::string(path)) > 0;
    }
    // The kind of a single object, or of the list's items ("EventList" -> "Event").
    bool isKind(std::string_view itemKind) const;
};

} // namespace perfcase
