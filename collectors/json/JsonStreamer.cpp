#include "JsonStreamer.h"

#include "io/InputStream.h"

#include <algorithm>
#include <cstring>

namespace perfcase {

namespace {

// One open container on the way down.
struct Frame
{
    explicit Frame(bool isObject) : object(isObject) {}
    bool object;           // else array
    bool expectKey = true; // objects: the next string is a key
    std::string path;      // member path of this container
    std::string key;       // objects: the member being read
    bool streamed = false; // arrays: hand out each element
};

bool isPrefixPath(const std::string &prefix, const std::string &path)
{
    return path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
           (prefix.empty() || path[prefix.size()] == '.');
}

std::string childPath(const std::string &parent, const std::string &key)
{
    return parent.empty() ? key : parent + "." + key;
}

} // namespace

JsonStreamer::JsonStreamer(Options options) : m_options(std::move(options)) {}

JsonStreamer::Result JsonStreamer::run(InputStream &input, const Callbacks &callbacks,
                                       const CancelToken &token, const ProgressFn &progress)
{
    Result result;
    // Containers above the values we hand out: few, with their paths.
    std::vector<Frame> stack;
    // Containers inside the value being captured: many, so only their kind.
    std::vector<char> inner;
    std::vector<char> chunk(m_options.chunkBytes);

    enum class Capture
    {
        None,
        Element,
        Member
    };
    Capture capture = Capture::None;
    std::string captured;
    bool captureOverflow = false;
    std::int64_t captureOffset = 0;
    std::string capturePath;

    bool inString = false;
    bool readingKey = false;
    std::size_t carriedBackslashes = 0; // a run of '\' that ended the last chunk
    std::string key;
    bool inScalar = false; // a number, true, false or null
    bool done = false;     // the root closed

    auto isStreamedPath = [&](const std::string &path) {
        return std::find(m_options.arrayPaths.begin(), m_options.arrayPaths.end(), path) !=
               m_options.arrayPaths.end();
    };
    auto holdsStreamed = [&](const std::string &path) {
        for (const std::string &streamed : m_options.arrayPaths) {
            if (streamed == path || isPrefixPath(path, streamed)) return true;
        }
        return false;
    };
    auto fail = [&](const std::string &why, std::int64_t offset) {
        result.error = why;
        result.errorOffset = offset;
    };

    std::int64_t base = 0; // decompressed offset of chunk[0]
    while (!done && result.error.empty()) {
        if (token.isCancelled()) throw Cancelled{};
        const std::size_t size = input.read(chunk.data(), chunk.size());
        if (size == 0) break;
        if (progress) progress(input.fileOffset(), input.fileSize());
        const char *data = chunk.data();
        std::size_t i = 0;
        // A UTF-8 BOM (Windows editors, PowerShell) is not JSON; offsets stay the file's.
        if (base == 0 && size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
        std::size_t captureFrom = 0; // where this chunk's part of the capture starts

        auto appendCapture = [&](std::size_t end) {
            if (captureOverflow) return;
            const std::size_t limit =
                capture == Capture::Element ? m_options.maxElementBytes : m_options.maxMemberBytes;
            if (captured.size() + (end - captureFrom) > limit) {
                captureOverflow = true;
                std::string().swap(captured);
                return;
            }
            captured.append(data + captureFrom, end - captureFrom);
        };
        // The captured value ended just before chunk index end.
        auto finishCapture = [&](std::size_t end) {
            appendCapture(end);
            if (captureOverflow) {
                result.skippedElements += capture == Capture::Element;
                if (capture == Capture::Element && callbacks.skipped)
                    callbacks.skipped(capturePath, captureOffset);
            } else if (capture == Capture::Element) {
                ++result.elements;
                if (callbacks.element) callbacks.element(capturePath, captured, captureOffset);
            } else if (callbacks.member) {
                callbacks.member(capturePath, captured);
            }
            capture = Capture::None;
            captured.clear();
            captureOverflow = false;
            if (!stack.empty() && stack.back().object) stack.back().expectKey = false;
        };
        // A value starts at chunk index at, directly inside stack.back().
        auto startValue = [&](std::size_t at) {
            Frame &parent = stack.back();
            if (parent.object) {
                const std::string path = childPath(parent.path, parent.key);
                if (isStreamedPath(path) || holdsStreamed(path)) return false; // walk into it
                capture = Capture::Member;
                capturePath = path;
            } else if (parent.streamed) {
                capture = Capture::Element;
                capturePath = parent.path;
            } else {
                return false;
            }
            captureOffset = base + std::int64_t(at);
            captureFrom = at;
            return true;
        };
        // A value (not captured) ended: the enclosing object wants a ',' now.
        auto valueEnded = [&] {
            if (capture != Capture::None && inner.empty()) return;
            if (capture == Capture::None && !stack.empty() && stack.back().object)
                stack.back().expectKey = false;
        };

        while (i < size && !done && result.error.empty()) {
            if (inString) {
                const char *quote = static_cast<const char *>(std::memchr(data + i, '"', size - i));
                if (!quote) {
                    std::size_t run = 0;
                    while (run < size - i && data[size - 1 - run] == '\\')
                        ++run;
                    carriedBackslashes = run == size - i ? carriedBackslashes + run : run;
                    if (readingKey) key.append(data + i, size - i);
                    i = size;
                    break;
                }
                const std::size_t q = std::size_t(quote - data);
                std::size_t run = 0;
                while (q - run > i && data[q - 1 - run] == '\\')
                    ++run;
                if (q - run == i) run += carriedBackslashes;
                carriedBackslashes = 0;
                if (readingKey) key.append(data + i, q - i + (run % 2));
                i = q + 1;
                if (run % 2 == 1) continue; // an escaped quote
                inString = false;
                if (readingKey) {
                    readingKey = false;
                    stack.back().key = key;
                    stack.back().expectKey = false; // the value comes next
                } else if (capture != Capture::None && inner.empty()) {
                    finishCapture(i); // a string element or member
                } else {
                    valueEnded();
                }
                continue;
            }
            const char c = data[i];
            if (inScalar) {
                if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' ||
                    c == '\t') {
                    inScalar = false;
                    if (capture != Capture::None && inner.empty())
                        finishCapture(i);
                    else
                        valueEnded();
                    continue; // the delimiter is handled on the next turn
                }
                ++i;
                continue;
            }
            if (capture != Capture::None) {
                // Inside a captured value only balance matters.
                switch (c) {
                case '"':
                    inString = true;
                    carriedBackslashes = 0;
                    break;
                case '{':
                case '[':
                    if (int(stack.size() + inner.size()) >= m_options.maxDepth) {
                        fail("JSON nested deeper than " + std::to_string(m_options.maxDepth) +
                                 " levels",
                             base + std::int64_t(i));
                        continue;
                    }
                    inner.push_back(c);
                    break;
                case '}':
                case ']':
                    if (inner.empty() || (inner.back() == '{') != (c == '}')) {
                        fail("unbalanced JSON", base + std::int64_t(i));
                        continue;
                    }
                    inner.pop_back();
                    if (inner.empty()) {
                        finishCapture(i + 1);
                    }
                    break;
                default:
                    break;
                }
                ++i;
                continue;
            }
            switch (c) {
            case ' ':
            case '\n':
            case '\r':
            case '\t':
            case ':':
                ++i;
                break;
            case ',':
                if (!stack.empty() && stack.back().object) stack.back().expectKey = true;
                ++i;
                break;
            case '{':
            case '[':
                if (stack.empty()) {
                    if (result.root) {
                        fail("more than one JSON document", base + std::int64_t(i));
                        break;
                    }
                    result.root = c;
                    Frame root(c == '{');
                    root.streamed = c == '[' && isStreamedPath("");
                    stack.push_back(std::move(root));
                } else if (int(stack.size()) >= m_options.maxDepth) {
                    fail("JSON nested deeper than " + std::to_string(m_options.maxDepth) +
                             " levels",
                         base + std::int64_t(i));
                    break;
                } else if (startValue(i)) {
                    inner.push_back(c);
                } else {
                    Frame &parent = stack.back();
                    Frame frame(c == '{');
                    frame.path = parent.object ? childPath(parent.path, parent.key) : parent.path;
                    frame.streamed = c == '[' && isStreamedPath(frame.path);
                    stack.push_back(std::move(frame));
                }
                ++i;
                break;
            case '}':
            case ']':
                if (stack.empty() || stack.back().object != (c == '}')) {
                    fail("unbalanced JSON", base + std::int64_t(i));
                    break;
                }
                stack.pop_back();
                ++i;
                if (stack.empty())
                    done = true;
                else
                    valueEnded();
                break;
            case '"':
                if (stack.empty()) {
                    fail("not JSON: expected an object or an array", base + std::int64_t(i));
                    break;
                }
                inString = true;
                carriedBackslashes = 0;
                if (stack.back().object && stack.back().expectKey) {
                    readingKey = true;
                    key.clear();
                } else {
                    startValue(i);
                }
                ++i;
                break;
            default:
                if (stack.empty()) {
                    fail("not JSON: expected an object or an array", base + std::int64_t(i));
                    break;
                }
                inScalar = true;
                startValue(i);
                ++i;
                break;
            }
        }
        if (capture != Capture::None) appendCapture(i);
        base += std::int64_t(size);
    }
    result.bytes = base;
    if (result.error.empty() && !done) {
        if (!result.root)
            fail(base == 0 ? "empty input" : "not JSON: expected an object or an array", 0);
        else
            result.truncated = true;
    }
    return result;
}

} // namespace perfcase
