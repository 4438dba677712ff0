#include "KubeJsonShape.h"

#include <vector>

namespace perfcase {

namespace {

struct Frame
{
    bool object = false;
    std::string key;  // objects: the member being read
    int elements = 0; // arrays: elements started so far
    bool expectKey = true;
};

constexpr std::size_t kMaxFrames = 64;
constexpr std::size_t kMaxPathDepth = 2; // "spec.containers"

} // namespace

bool KubeJsonShape::isKind(std::string_view itemKind) const
{
    if (!firstItemKind.empty()) return firstItemKind == itemKind;
    return kind == itemKind || kind == std::string(itemKind) + "List";
}

KubeJsonShape KubeJsonShape::read(std::string_view json)
{
    KubeJsonShape shape;
    std::vector<Frame> stack;
    // Index in stack of the first list element, once inside it.
    std::size_t itemFrame = 0;
    bool itemOpen = false, itemDone = false;

    auto inItemsArray = [&]() {
        // A bare array at the root, or "items"/"Items" directly in the root object.
        if (stack.size() == 1) return !stack[0].object;
        return stack.size() == 2 && stack[0].object && !stack[1].object &&
               (stack[0].key == "items" || stack[0].key == "Items");
    };
    auto onKey = [&](const std::string &key) {
        if (!itemOpen || stack.size() <= itemFrame) return;
        const std::size_t depth = stack.size() - itemFrame; // 1: a member of the item
        if (depth > kMaxPathDepth) return;
        std::string path;
        for (std::size_t i = itemFrame; i + 1 < stack.size(); ++i) {
            if (!stack[i].object) return; // not through arrays
            path += stack[i].key + ".";
        }
        shape.firstItemPaths.insert(path + key);
    };
    auto onString = [&](const std::string &value) {
        if (stack.size() == 1 && stack[0].object && stack[0].key == "kind") shape.kind = value;
        if (itemOpen && stack.size() == itemFrame + 1 && stack.back().key == "kind")
            shape.firstItemKind = value;
    };

    std::size_t i = 0;
    std::string text;
    while (i < json.size() && !itemDone) {
        const char c = json[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ':') {
            ++i;
            continue;
        }
        if (stack.empty() && c != '{' && c != '[') break; // not JSON
        if (c == '"') {
            text.clear();
            std::size_t j = i + 1;
            while (j < json.size() && json[j] != '"') {
                if (json[j] == '\\') ++j; // keep escapes as written
                if (j < json.size()) text += json[j];
                ++j;
            }
            if (j >= json.size()) break; // the sample ends inside the string
            i = j + 1;
            Frame &top = stack.back();
            if (top.object && top.expectKey) {
                top.key = text;
                top.expectKey = false;
                onKey(text);
            } else {
                if (!top.object) {
                    top.elements++;
                    if (itemOpen && inItemsArray()) itemDone = true;
                }
                onString(text);
            }
            continue;
        }
        if (c == ',') {
            if (!stack.empty() && stack.back().object) stack.back().expectKey = true;
            ++i;
            continue;
        }
        if (c == '{' || c == '[') {
            if (stack.size() >= kMaxFrames) break;
            if (!stack.empty() && !stack.back().object) {
                const bool first = stack.back().elements++ == 0;
                if (inItemsArray()) {
                    shape.list = true;
                    if (first && c == '{') {
                        itemOpen = true;
                        itemFrame = stack.size();
                    } else if (itemOpen) {
                        itemDone = true;
                    }
                }
            }
            Frame frame;
            frame.object = c == '{';
            if (stack.empty()) {
                shape.object = frame.object;
                if (!frame.object) shape.list = true;
            }
            stack.push_back(std::move(frame));
            if (c == '[' && inItemsArray()) shape.list = true;
            ++i;
            continue;
        }
        if (c == '}' || c == ']') {
            if (stack.empty()) break;
            stack.pop_back();
            if (itemOpen && stack.size() == itemFrame) itemDone = true;
            if (stack.empty()) break;
            ++i;
            continue;
        }
        // A number, true, false or null.
        if (!stack.back().object) {
            stack.back().elements++;
            if (itemOpen && inItemsArray()) itemDone = true;
        }
        while (i < json.size() && json[i] != ',' && json[i] != '}' && json[i] != ']' &&
               json[i] != ' ' && json[i] != '\n')
            ++i;
    }
    return shape;
}

} // namespace perfcase
