#pragma once

#include "import/CancelToken.h"
#include "import/ImportTypes.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

class InputStream;

// Splits one large JSON document into its parts without building it in
// memory: the elements of the arrays at the given member paths ("traceEvents",
// "log.entries", "items", "data.result"; "" for a document that is itself an
// array) come out one by one as raw JSON text, and the other members of the
// enclosing objects ("metadata", "log.creator", "kind") come out whole when
// they are small. This is the tokenizer half of Perfetto's JSON trace reader:
// it finds the boundaries, and the importer parses each element (simdjson).
// Memory is bounded by the largest element, not by the document. Each element
// is checked only for balance here; its syntax is the parser's business.
class JsonStreamer
{
public:
    struct Options
    {
        std::vector<std::string> arrayPaths;
        std::size_t maxElementBytes = 64u << 20; // a larger element is skipped
        std::size_t maxMemberBytes = 16u << 20;  // a larger member is skipped
        int maxDepth = 256;                      // deeper nesting stops the read
        std::size_t chunkBytes = 1u << 20;       // tests use tiny chunks
    };

    struct Callbacks
    {
        // path of the array, the element's JSON text, its decompressed offset.
        std::function<void(std::string_view path, std::string_view json, std::int64_t offset)>
            element;
        // a member that is not (and does not hold) a streamed array.
        std::function<void(std::string_view path, std::string_view json)> member;
        // an element over maxElementBytes, not handed out: its offset, so the
        // importer can record what it rejected (optional).
        std::function<void(std::string_view path, std::int64_t offset)> skipped;
    };

    struct Result
    {
        std::int64_t elements = 0;
        std::int64_t skippedElements = 0; // over maxElementBytes
        bool truncated = false;           // the document ended inside a value
        std::string error;                // not JSON, too deep, unbalanced
        std::int64_t errorOffset = -1;
        std::int64_t bytes = 0; // decompressed bytes read
        char root = 0;          // '{' or '[' once seen
    };

    explicit JsonStreamer(Options options);

    // Throws Cancelled when token is cancelled (checked once per chunk).
    Result run(InputStream &input, const Callbacks &callbacks, const CancelToken &token,
               const ProgressFn &progress = {});

private:
    Options m_options;
};

} // namespace perfcase
