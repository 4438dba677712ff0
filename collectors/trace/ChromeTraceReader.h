#pragma once

#include "DeferredRows.h"
#include "DerivedTracks.h"
#include "NetworkRequests.h"
#include "Redactor.h"
#include "StringTable.h"
#include "ThreadTimeline.h"
#include "TraceEvent.h"
#include "TraceThreadTable.h"
#include "import/Importer.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace perfcase {

// One import of one Chrome trace: streams the events (JsonStreamer), parses
// each (simdjson), routes what the derived tracks need to their builders and
// counts the rest (CLI.md: records, rejected, ignored).
class ChromeTraceReader : private ThreadRowSink
{
public:
    // Events larger than this are skipped (rejected): only giant CPU profiles
    // come near it, and those are not modelled.
    static constexpr std::size_t kMaxEventBytes = 16u << 20;
    static constexpr std::size_t kMaxOpenAsync = 1'000'000;

    explicit ChromeTraceReader(ImportContext &context);
    ChromeTraceReader(const ChromeTraceReader &) = delete;
    ChromeTraceReader &operator=(const ChromeTraceReader &) = delete;

    ImporterResult run();

private:
    struct Measure
    {
        std::int64_t ts;
        std::string name, category;
    };

    void row(const ThreadRow &row) override;
    void onEvent(std::string_view json, std::int64_t offset);
    void durationEvent(EventKind kind);
    void instantEvent(EventKind kind);
    void asyncEvent();
    void counterEvent();
    void metadataEvent(EventKind kind);
    void userTimingMark();
    ThreadTimeline &timeline(std::int32_t thread);
    std::int32_t eventThread();
    void reject(std::int64_t offset, const std::string &why, std::string_view json);
    void warn(std::int64_t byte, const std::string &message);
    void finish();

    ImportContext &m_context;
    TraceEventParser m_parser;
    TraceEvent m_event;
    StringTable m_strings;
    TraceThreadTable m_threads;
    std::vector<std::unique_ptr<ThreadTimeline>> m_timelines; // by thread index
    std::vector<std::int64_t> m_taskEvents;                   // by thread index
    DerivedTracks m_tracks;
    Redactor m_redactor; // before m_network, which uses it
    NetworkRequests m_network;
    DeferredRows m_deferred;
    std::unordered_map<std::uint64_t, std::int32_t> m_openAsync;
    std::unordered_map<std::uint64_t, std::vector<Measure>> m_measures;
    std::string m_metadata;
    std::optional<std::int64_t> m_minTs, m_browserStartTs;

    ImporterResult m_result;
    std::int64_t m_unmatchedEnds = 0, m_unfinished = 0, m_asyncEndsAlone = 0;
    bool m_warnedUtf8 = false;
};

} // namespace perfcase
