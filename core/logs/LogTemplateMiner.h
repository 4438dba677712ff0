#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace perfcase {

// Drain-style message templates, mined one record at a time while a log is
// imported (it runs in the importer's parsing thread, so it must cost well
// under a microsecond a line). Variable parts (numbers, hex, UUIDs, IPs,
// quoted strings, durations, key=value values) are masked to <*>; records
// with the same token count and first constant token form a group, and within a
// group a record joins the most similar template when at least
// kSimilarity of its tokens agree, the differing tokens becoming <*>.
// Template ids are 0-based, stable once given, and never more than
// kMaxTemplates: past the cap a record joins its group's closest template
// (or the catch-all), so memory stays bounded on any input.
class LogTemplateMiner
{
public:
    static constexpr double kSimilarity = 0.5;
    static constexpr int kMaxTemplates = 4096;
    static constexpr int kMaxPerGroup = 64;
    static constexpr int kMaxTokens = 32;
    // Only this much of the first line is looked at: a stack trace or a
    // 1 MiB line says nothing more about the template.
    static constexpr std::size_t kMaxBytes = 256;

    // The template id of a message (the first line is mined).
    int add(std::string_view message);

    int templateCount() const { return int(m_templates.size()); }
    std::string pattern(int id) const;
    std::int64_t count(int id) const { return m_templates.at(std::size_t(id)).count; }
    // All patterns, indexed by id.
    std::vector<std::string> patterns() const;

    // The masked tokens of a message, "<*>" for variables (for tests and docs).
    static std::vector<std::string> maskedTokens(std::string_view message);

private:
    struct Template
    {
        std::vector<std::string> tokens; // "<*>" marks a variable
        std::int64_t count = 0;
    };
    static constexpr std::string_view kWild = "<*>";
    int createTemplate(std::uint64_t key);

    std::vector<Template> m_templates;
    std::unordered_map<std::uint64_t, std::vector<int>> m_groups;
    // Masked token sequences seen before, by hash, and the template each
    // joined: a template only gains wildcards, so the same sequence joins it
    // again unchanged and the group search can be skipped (most records
    // repeat a sequence). Bounded: past kMaxRemembered, no new entries.
    std::unordered_map<std::uint64_t, int> m_remembered;
    static constexpr std::size_t kMaxRemembered = 1 << 16;
    int m_catchAll = -1;
};

} // namespace perfcase
