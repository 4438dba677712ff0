#include "TraceThreadTable.h"

#include "TraceEvent.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace perfcase {

namespace {

constexpr std::string_view kRendererMain = "CrRendererMain";
constexpr std::size_t kMaxCommits = 4096;

bool hasParent(simdjson::dom::element frame)
{
    return !stringField(frame, "parent").empty();
}

std::optional<std::int64_t> processId(simdjson::dom::element frame)
{
    // A pid is a small whole number; anything else cannot name a process.
    auto pid = numberField(frame, "processId");
    if (pid && *pid >= 0 && *pid <= 9007199254740992.0) return std::int64_t(*pid);
    return std::nullopt;
}

} // namespace

std::int32_t TraceThreadTable::thread(std::int64_t pid, std::int64_t tid)
{
    auto [it, inserted] = m_index.try_emplace(Key{pid, tid}, std::int32_t(m_threads.size()));
    if (inserted) m_threads.push_back({pid, tid, {}, false});
    return it->second;
}

void TraceThreadTable::setThreadName(std::int64_t pid, std::int64_t tid, std::string_view name)
{
    Thread &entry = m_threads[std::size_t(thread(pid, tid))];
    entry.name.assign(name);
    entry.named = true;
}

void TraceThreadTable::setProcessName(std::int64_t pid, std::string_view name)
{
    m_processNames[pid].assign(name);
}

const std::string *TraceThreadTable::threadName(std::int32_t thread) const
{
    const Thread &entry = m_threads[std::size_t(thread)];
    return entry.named ? &entry.name : nullptr;
}

const std::string *TraceThreadTable::processName(std::int64_t pid) const
{
    auto it = m_processNames.find(pid);
    return it == m_processNames.end() ? nullptr : &it->second;
}

void TraceThreadTable::tracingStartedInBrowser(simdjson::dom::element data)
{
    if (m_fromBrowser) return;
    simdjson::dom::array frames;
    if (!data.is_object() || data["frames"].get_array().get(frames)) return;
    for (simdjson::dom::element frame : frames) {
        if (!frame.is_object() || hasParent(frame)) continue;
        const std::string_view id = stringField(frame, "frame");
        if (m_mainFrame.empty() && !id.empty()) m_mainFrame.assign(id);
        if (id != m_mainFrame) continue;
        if (auto pid = processId(frame)) addPagePid(*pid);
    }
    if (m_mainFrame.empty()) return;
    m_fromBrowser = true;
    for (const auto &[frame, pid] : m_commits) {
        if (frame == m_mainFrame) addPagePid(pid);
    }
    m_commits.clear();
}

void TraceThreadTable::tracingStartedInPage(std::int64_t pid, std::int64_t tid)
{
    if (!m_startedInPage) m_startedInPage = {pid, tid};
}

void TraceThreadTable::frameCommitted(simdjson::dom::element data)
{
    if (!data.is_object() || hasParent(data)) return;
    const std::string_view frame = stringField(data, "frame");
    const auto pid = processId(data);
    if (frame.empty() || !pid) return;
    if (m_fromBrowser) {
        if (frame == m_mainFrame) addPagePid(*pid);
    } else if (m_commits.size() < kMaxCommits) {
        m_commits.emplace_back(std::string(frame), *pid);
    }
}

void TraceThreadTable::navigationStart(std::int64_t pid, simdjson::dom::element args)
{
    if (m_navigationPid) return;
    auto data = objectField(args, "data");
    if (!data) return;
    bool mainFrame = false;
    if ((*data)["isLoadingMainFrame"].get_bool().get(mainFrame) || !mainFrame) return;
    if (stringField(*data, "documentLoaderURL").empty()) return;
    m_navigationPid = pid;
}

bool TraceThreadTable::isPagePid(std::int64_t pid) const
{
    return std::find(m_pagePids.begin(), m_pagePids.end(), pid) != m_pagePids.end();
}

void TraceThreadTable::addPagePid(std::int64_t pid)
{
    if (!isPagePid(pid)) m_pagePids.push_back(pid);
}

TraceThreadTable::Role TraceThreadTable::mainThread(std::int32_t thread) const
{
    if (m_resolved)
        return std::find(m_mainThreads.begin(), m_mainThreads.end(), thread) != m_mainThreads.end()
                   ? Role::Yes
                   : Role::No;
    const Thread &entry = m_threads[std::size_t(thread)];
    if (entry.named && entry.name != kRendererMain) return Role::No;
    // Decided early only when the labels are complete (both names known).
    if (m_fromBrowser && entry.named && isPagePid(entry.pid) && processName(entry.pid))
        return Role::Yes;
    return Role::Undecided;
}

TraceThreadTable::Role TraceThreadTable::pageProcess(std::int32_t thread) const
{
    const Thread &entry = m_threads[std::size_t(thread)];
    if (m_resolved) return isPagePid(entry.pid) ? Role::Yes : Role::No;
    if (m_fromBrowser && isPagePid(entry.pid) && entry.named && processName(entry.pid))
        return Role::Yes;
    return Role::Undecided;
}

void TraceThreadTable::resolve(const std::vector<std::int64_t> &taskCounts)
{
    auto tasks = [&](std::size_t i) { return i < taskCounts.size() ? taskCounts[i] : 0; };
    if (!m_fromBrowser) {
        if (m_startedInPage) {
            addPagePid(m_startedInPage->first);
        } else if (m_navigationPid) {
            addPagePid(*m_navigationPid);
        } else {
            std::optional<std::size_t> best;
            for (std::size_t i = 0; i < m_threads.size(); ++i) {
                if (m_threads[i].named && m_threads[i].name == kRendererMain &&
                    (!best || tasks(i) > tasks(*best)))
                    best = i;
            }
            if (best) addPagePid(m_threads[*best].pid);
        }
    }
    for (std::int64_t pid : m_pagePids) {
        std::optional<std::size_t> named, busiest;
        for (std::size_t i = 0; i < m_threads.size(); ++i) {
            const Thread &entry = m_threads[i];
            if (entry.pid != pid) continue;
            if (entry.named && entry.name == kRendererMain) named = i;
            if (!entry.named && tasks(i) > 0 && (!busiest || tasks(i) > tasks(*busiest)))
                busiest = i;
        }
        if (!named && m_startedInPage && m_startedInPage->first == pid) {
            auto it = m_index.find(Key{pid, m_startedInPage->second});
            if (it != m_index.end()) named = std::size_t(it->second);
        }
        if (named)
            m_mainThreads.push_back(std::int32_t(*named));
        else if (busiest)
            m_mainThreads.push_back(std::int32_t(*busiest));
    }
    m_resolved = true;
}

std::string TraceThreadTable::labels(std::int32_t thread) const
{
    const Thread &entry = m_threads[std::size_t(thread)];
    nlohmann::json labels = {{"pid", entry.pid}, {"tid", entry.tid}};
    if (const std::string *process = processName(entry.pid)) labels["process"] = *process;
    if (entry.named) labels["thread"] = entry.name;
    return labels.dump();
}

} // namespace perfcase
