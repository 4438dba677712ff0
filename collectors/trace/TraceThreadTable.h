#pragma once

#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace perfcase {

// The processes and threads of a trace (named by M events) and which of
// them are the page's: the renderer process(es) of the main frame and their
// CrRendererMain thread. The rules are Lighthouse's (trace-processor.js):
//  1. the first TracingStartedInBrowser with data.frames: its frame without
//     a parent is the main frame, and every such entry gives a processId;
//     FrameCommittedInBrowser for that frame adds the processes it moves to
//     (a cross-process navigation: lh_pid-change.json);
//  2. else the first TracingStartedInPage: its process, and its thread;
//  3. else the first navigationStart of the main frame (isLoadingMainFrame
//     with a documentLoaderURL): its process;
//  4. else the CrRendererMain thread that ran the most tasks.
// In each page process the main thread is the one named CrRendererMain, else
// (no thread names) the thread that ran the most tasks.
//
// Rule 1 is final as soon as it is seen (later events only add processes),
// so rows of a named thread can be kept or dropped while streaming; the
// other rules are applied by resolve() at the end of the input.
class TraceThreadTable
{
public:
    enum class Role
    {
        Undecided,
        Yes,
        No
    };

    // The index of a thread, created on first sight.
    std::int32_t thread(std::int64_t pid, std::int64_t tid);
    std::int64_t pid(std::int32_t thread) const { return m_threads[std::size_t(thread)].pid; }
    std::int64_t tid(std::int32_t thread) const { return m_threads[std::size_t(thread)].tid; }
    std::size_t size() const { return m_threads.size(); }

    void setThreadName(std::int64_t pid, std::int64_t tid, std::string_view name);
    void setProcessName(std::int64_t pid, std::string_view name);
    const std::string *threadName(std::int32_t thread) const;
    const std::string *processName(std::int64_t pid) const;

    // Evidence of which processes are the page's.
    void tracingStartedInBrowser(simdjson::dom::element data);
    void tracingStartedInPage(std::int64_t pid, std::int64_t tid);
    void frameCommitted(simdjson::dom::element data);
    void navigationStart(std::int64_t pid, simdjson::dom::element args);

    // Whether a thread is the page's main thread (its tasks, layouts, DOM
    // counters are kept).
    Role mainThread(std::int32_t thread) const;
    // Whether a thread belongs to a page process (its frames are kept).
    Role pageProcess(std::int32_t thread) const;

    // Applies rules 2-4 and the main-thread fallback; taskCounts has the
    // tasks run per thread index. After it, no role is Undecided.
    void resolve(const std::vector<std::int64_t> &taskCounts);
    const std::vector<std::int32_t> &mainThreads() const { return m_mainThreads; }

    // {"pid":..,"tid":..,"process":..,"thread":..} for a thread's tracks.
    std::string labels(std::int32_t thread) const;

private:
    struct Thread
    {
        std::int64_t pid, tid;
        std::string name;
        bool named = false;
    };
    struct Key
    {
        std::int64_t pid, tid;
        bool operator==(const Key &other) const { return pid == other.pid && tid == other.tid; }
    };
    struct KeyHash
    {
        std::size_t operator()(const Key &key) const
        {
            return std::hash<std::int64_t>()(key.pid * 1000003 ^ key.tid);
        }
    };

    bool isPagePid(std::int64_t pid) const;
    void addPagePid(std::int64_t pid);

    std::vector<Thread> m_threads;
    std::unordered_map<Key, std::int32_t, KeyHash> m_index;
    std::unordered_map<std::int64_t, std::string> m_processNames;

    bool m_fromBrowser = false; // rule 1 applies
    std::string m_mainFrame;
    std::vector<std::int64_t> m_pagePids;
    std::vector<std::pair<std::string, std::int64_t>> m_commits; // before rule 1 was seen
    std::optional<std::pair<std::int64_t, std::int64_t>> m_startedInPage;
    std::optional<std::int64_t> m_navigationPid;

    bool m_resolved = false;
    std::vector<std::int32_t> m_mainThreads;
};

} // namespace perfcase
