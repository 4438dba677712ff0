#pragma once

// A case with every lane kind, written through the real import path
// (SourceWriter builds counter_levels, log_rates and log_blocks in finish()).
#include "CaseFile.h"
#include "SourceWriter.h"

#include <QRandomGenerator>
#include <cmath>
#include <string>

namespace perfcase::testing {

constexpr qint64 kT0 = 1'795'168'800'000'000'000; // 2026-11-20T10:00:00Z
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kSecond = 1'000'000'000;

struct TimelineCaseIds
{
    qint64 metrics = 0, logs = 0, trace = 0, mono = 0;                              // sources
    qint64 cpuA = 0, cpuB = 0, cpuRequest = 0, logTrack = 0, tasks = 0, events = 0; // tracks
};

inline void finishSource(SourceWriter &writer, qint64 records, const char *key,
                         const char *clockDomain = "wall")
{
    SourceSummary summary;
    summary.records = records;
    summary.sha256 = key;
    summary.dedupKey = key;
    summary.clockDomain = clockDomain;
    writer.finish(summary);
}

inline SourceSpec spec(const char *kind, const char *name, const char *clockDomain = "wall")
{
    SourceSpec s;
    s.kind = kind;
    s.name = name;
    s.origin = name;
    s.format = kind;
    s.clockDomain = clockDomain;
    return s;
}

// samples: per cpu series, one every ms from kT0.
inline TimelineCaseIds buildTimelineCase(CaseFile &file, int samples = 200'000, int logs = 6000,
                                         int slices = 3000, int instants = 3000)
{
    TimelineCaseIds ids;
    QRandomGenerator random(42);
    {
        SourceWriter w(file.db(), spec("k8s", "metrics"));
        ids.metrics = w.sourceId();
        ids.cpuA = w.addTrack("counter", "k8s.cpu_usage", "millicores", R"({"pod":"api-a"})");
        ids.cpuB = w.addTrack("counter", "k8s.cpu_usage", "millicores", R"({"pod":"api-b"})");
        ids.cpuRequest =
            w.addTrack("counter", "k8s.cpu_request", "millicores", R"({"pod":"api-a"})");
        for (int i = 0; i < samples; ++i) {
            const qint64 ts = kT0 + i * kMs;
            w.addCounter(ids.cpuA, ts, 500 + 400 * std::sin(i / 5000.0) + random.bounded(50));
            w.addCounter(ids.cpuB, ts + kMs / 2, 300 + random.bounded(100));
        }
        for (int i = 0; i < 10; ++i)
            w.addCounter(ids.cpuRequest, kT0 + i * (qint64(samples) * kMs / 10), 250);
        finishSource(w, 2 * samples + 10, "metrics");
    }
    const qint64 span = qint64(samples) * kMs;
    {
        SourceWriter w(file.db(), spec("log", "app.log"));
        ids.logs = w.sourceId();
        ids.logTrack = w.addTrack("log", "app.log");
        for (int i = 0; i < logs; ++i) {
            const qint64 ts = kT0 + span * i / logs;
            const auto level = LogLevel(random.bounded(7));
            w.addLog(ids.logTrack, ts, i % 13 == 0 ? std::nullopt : std::optional(level),
                     "message " + std::to_string(i), i + 1);
        }
        finishSource(w, logs, "logs");
    }
    {
        SourceWriter w(file.db(), spec("trace", "trace.json"));
        ids.trace = w.sourceId();
        ids.tasks = w.addTrack("slice", "browser.long_tasks", "ns");
        ids.events = w.addTrack("instant", "k8s.events");
        for (int i = 0; i < slices; ++i) {
            const qint64 ts = kT0 + span * i / slices;
            w.addSlice(ids.tasks, ts, 5 * kMs + random.bounded(int(span / slices)), "task",
                       "toplevel");
            if (i % 5 == 0) w.addSlice(ids.tasks, ts + kMs, 2 * kMs, "child", "toplevel", 1);
        }
        for (int i = 0; i < instants; ++i)
            w.addInstant(ids.events, kT0 + span * i / instants + 7, "Scaled",
                         std::optional(LogLevel(2 + i % 5)));
        finishSource(w, slices + slices / 5 + instants, "trace");
    }
    {
        // A monotonic trace with no offset: unaligned, left out of the view.
        SourceWriter w(file.db(), spec("trace", "unaligned.json", "monotonic"));
        ids.mono = w.sourceId();
        const qint64 t = w.addTrack("slice", "browser.main_thread_tasks", "ns");
        for (int i = 0; i < 10; ++i)
            w.addSlice(t, 1'000 * kMs + i * kMs, kMs / 2, "RunTask");
        finishSource(w, 10, "mono", "monotonic");
    }
    return ids;
}

} // namespace perfcase::testing
