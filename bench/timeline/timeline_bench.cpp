// Timeline benchmark: replot and zoom/pan cost on a case with one 10-million
// sample counter lane and seven more lanes, with counter levels (the real
// import path builds them) and without (raw samples), offscreen at 1600x900.
// Targets (issue 4): replot <= 16 ms, a zoom or pan step (query + replot)
// <= 30 ms. --smoke: 200k samples, a few seconds, fails only on errors.
#include "CaseFile.h"
#include "CounterPlottable.h"
#include "QCustomPlotInclude.h"
#include "SourceWriter.h"
#include "TimelineWidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

using namespace perfcase;

namespace {

constexpr qint64 kT0 = 1'795'168'800'000'000'000; // 2026-11-20T10:00:00Z
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kSecond = 1'000'000'000;

SourceSpec spec(const char *kind, const char *name)
{
    SourceSpec s;
    s.kind = kind;
    s.name = name;
    s.origin = name;
    s.format = kind;
    return s;
}

void finish(SourceWriter &w, qint64 records, const char *key)
{
    SourceSummary summary;
    summary.records = records;
    summary.sha256 = key;
    summary.dedupKey = key;
    w.finish(summary);
}

// One counter of `samples` (1 ms apart) and seven more lanes over the same span.
qint64 buildCase(CaseFile &file, qint64 samples)
{
    QRandomGenerator random(1);
    const qint64 span = samples * kMs;
    {
        SourceWriter w(file.db(), spec("trace", "big-counter"));
        const qint64 t = w.addTrack("counter", "browser.js_heap", "bytes");
        double value = 5e7;
        for (qint64 i = 0; i < samples; ++i) {
            value = std::max(1e6, value + (random.generateDouble() - 0.5) * 1e5);
            w.addCounter(t, kT0 + i * kMs, value);
        }
        finish(w, samples, "big");
    }
    {
        SourceWriter w(file.db(), spec("k8s", "metrics"));
        const qint64 n = 20'000;
        for (const char *pod :
             {"{\"pod\":\"api-a\"}", "{\"pod\":\"api-b\"}", "{\"pod\":\"api-c\"}"}) {
            const qint64 cpu = w.addTrack("counter", "k8s.cpu_usage", "millicores", pod);
            const qint64 mem = w.addTrack("counter", "k8s.memory_usage", "bytes", pod);
            for (qint64 i = 0; i < n; ++i) {
                w.addCounter(cpu, kT0 + span * i / n, 200 + random.bounded(600));
                w.addCounter(mem, kT0 + span * i / n, 3e8 + random.bounded(1e8));
            }
        }
        const qint64 request =
            w.addTrack("counter", "k8s.cpu_request", "millicores", "{\"pod\":\"api-a\"}");
        w.addCounter(request, kT0, 500);
        w.addCounter(request, kT0 + span, 500);
        finish(w, 6 * n + 2, "metrics");
    }
    {
        SourceWriter w(file.db(), spec("trace", "browser"));
        const qint64 tasks = w.addTrack("slice", "browser.long_tasks", "ns");
        const qint64 frames = w.addTrack("slice", "browser.frames", "ns");
        const qint64 ws = w.addTrack("instant", "browser.websocket_messages");
        const qint64 n = std::min<qint64>(samples / 50, 200'000);
        for (qint64 i = 0; i < n; ++i) {
            const qint64 ts = kT0 + span * i / n;
            w.addSlice(tasks, ts, 50 * kMs + random.bounded(200) * kMs, "RunTask");
            w.addSlice(frames, ts, 16 * kMs + random.bounded(30) * kMs, "Frame");
            w.addInstant(ws, ts + 3 * kMs, "WebSocketReceive", std::nullopt);
        }
        finish(w, 3 * n, "browser");
    }
    {
        SourceWriter w(file.db(), spec("k8s", "events"));
        const qint64 events = w.addTrack("instant", "k8s.events");
        for (qint64 i = 0; i < 2000; ++i)
            w.addInstant(events, kT0 + span * i / 2000, "Unhealthy", LogLevel::Warning);
        finish(w, 2000, "events");
    }
    {
        SourceWriter w(file.db(), spec("log", "api.log"));
        const qint64 track = w.addTrack("log", "api.log");
        const qint64 n = std::min<qint64>(samples / 10, 500'000);
        for (qint64 i = 0; i < n; ++i)
            w.addLog(track, kT0 + span * i / n, LogLevel(random.bounded(7)), "request handled",
                     i + 1);
        finish(w, n, "logs");
    }
    return span;
}

struct Stats
{
    double median = 0, max = 0;
};

Stats stats(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return {values[values.size() / 2], values.back()};
}

double wallMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

const char *verdict(double ms, double target)
{
    return ms <= target ? "PASS" : "MISS";
}

QString spanText(qint64 ns)
{
    if (ns >= 3600 * kSecond) return QStringLiteral("%1 h").arg(double(ns) / 3600e9, 0, 'f', 1);
    if (ns >= 60 * kSecond) return QStringLiteral("%1 min").arg(double(ns) / 60e9, 0, 'f', 1);
    if (ns >= kSecond) return QStringLiteral("%1 s").arg(double(ns) / 1e9, 0, 'f', 1);
    return QStringLiteral("%1 ms").arg(double(ns) / 1e6, 0, 'f', 0);
}

// Replot cost at each zoom level; returns the largest replot wall time.
double zoomLevels(TimelineWidget &w, qint64 span, bool print)
{
    double worst = 0;
    std::printf("  %-10s %10s %12s %14s %14s\n", "range", "lane pts", "load+replot", "replot wall",
                "replotTime()");
    for (qint64 range = span; range >= kMs; range /= 10) {
        const qint64 center = kT0 + span / 2;
        w.setVisibleRange(center - range / 2, center + range / 2);
        const double load = wallMs([&] { w.reloadNow(); });
        std::vector<double> replots;
        for (int i = 0; i < 5; ++i)
            replots.push_back(wallMs([&] { w.plot()->replot(); }));
        const double replot = stats(replots).median;
        worst = std::max(worst, replot);
        int points = 0;
        for (int i = 0; i < w.plot()->plottableCount(); ++i)
            if (auto *counter = qobject_cast<CounterPlottable *>(w.plot()->plottable(i)))
                points = std::max(points, int(counter->series().x.size()));
        if (print)
            std::printf("  %-10s %10d %9.1f ms %11.1f ms %11.1f ms\n", qPrintable(spanText(range)),
                        points, load, replot, w.plot()->replotTime());
    }
    return worst;
}

double medianReplot(TimelineWidget &w, int runs = 5)
{
    std::vector<double> replots;
    for (int k = 0; k < runs; ++k)
        replots.push_back(wallMs([&] { w.plot()->replot(); }));
    return stats(replots).median;
}

// Which lane costs what in the full view: the replot with all lanes minus
// the replot with that lane's plottables hidden (lanes keep their real size;
// showing one lane alone at the plot's full height overstates fills).
// "frame" is a replot with every plottable hidden: axes, ticks, grid, items.
void perLane(TimelineWidget &w, qint64 from, qint64 to)
{
    w.setVisibleRange(from, to);
    w.reloadNow();
    QCustomPlot *plot = w.plot();
    const double all = medianReplot(w);
    auto show = [&](QCPAxisRect *rect, bool visible) {
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (!rect || plot->plottable(i)->keyAxis()->axisRect() == rect)
                plot->plottable(i)->setVisible(visible);
    };
    const QList<LaneSpec> lanes = w.lanes().lanes;
    int visible = 0;
    for (const LaneSpec &lane : lanes) {
        if (lane.hidden) continue;
        auto *rect = qobject_cast<QCPAxisRect *>(plot->plotLayout()->element(visible++, 0));
        show(rect, false);
        const double without = medianReplot(w);
        show(rect, true);
        std::printf("  %-28s %5.1f ms\n", qPrintable(lane.title), all - without);
    }
    show(nullptr, false);
    std::printf("  %-28s %5.1f ms   (all: %.1f ms)\n", "frame (no plottables)", medianReplot(w),
                all);
    show(nullptr, true);
}

Stats steps(TimelineWidget &w, const std::function<void(int)> &step)
{
    std::vector<double> times;
    for (int i = 0; i < 20; ++i)
        times.push_back(wallMs([&] {
            step(i);
            w.reloadNow();
        }));
    return stats(times);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const qint64 samples = smoke ? 200'000 : 10'000'000;
    try {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bench.perfcase"));
        qint64 span = 0;
        const double buildMs = wallMs([&] {
            auto file = CaseFile::create(path.toStdString(), "bench", "bench");
            span = buildCase(*file, samples);
        });
        std::printf("timeline_bench: %lld counter samples in one lane + 7 lanes; case built in "
                    "%.1f s\n",
                    static_cast<long long>(samples), buildMs / 1e3);

        TimelineWidget w;
        w.resize(1600, 900);
        if (!w.setCase(path)) throw std::runtime_error("cannot open the bench case");
        w.show();
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
        std::printf("lanes: %d, plot %dx%d\n", int(w.lanes().lanes.size()), w.plot()->width(),
                    w.plot()->height());

        std::printf("\nwith levels (counter_levels, log_rates):\n");
        const double replot = zoomLevels(w, span, true);
        if (qEnvironmentVariableIsSet("TIMELINE_BENCH_LANES")) {
            std::printf("\nreplot cost per lane, full range:\n");
            perLane(w, kT0, kT0 + span);
        }
        w.setVisibleRange(kT0, kT0 + span);
        w.reloadNow();
        const Stats zoom = steps(w, [&](int) { w.zoomAround(kT0 + span / 3, 0.7); });
        w.setVisibleRange(kT0 + span / 4, kT0 + span / 4 + 60 * kSecond);
        const Stats pan = steps(w, [&](int) { w.pan(0.1); });
        std::printf("  zoom step (x0.7, 20 from the full range): median %.1f ms, max %.1f ms\n",
                    zoom.median, zoom.max);
        std::printf("  pan step (10%% of 1 min, 20 steps):       median %.1f ms, max %.1f ms\n",
                    pan.median, pan.max);

        std::printf("\nwithout downsampling (raw samples):\n");
        w.setDownsampling(false);
        const double rawReplot = zoomLevels(w, span, true);
        w.setVisibleRange(kT0 + span / 4, kT0 + span / 4 + 60 * kSecond);
        const Stats rawPan = steps(w, [&](int) { w.pan(0.1); });
        std::printf("  pan step (10%% of 1 min, 20 steps):       median %.1f ms, max %.1f ms\n",
                    rawPan.median, rawPan.max);
        w.setDownsampling(true);

        std::printf("\ntargets (with levels):\n");
        std::printf("  replot <= 16 ms        worst level %.1f ms  %s   (raw: %.1f ms)\n", replot,
                    verdict(replot, 16), rawReplot);
        std::printf("  zoom step <= 30 ms     median %.1f ms  %s (max %.1f ms)\n", zoom.median,
                    verdict(zoom.median, 30), zoom.max);
        std::printf("  pan step <= 30 ms      median %.1f ms  %s (max %.1f ms)\n", pan.median,
                    verdict(pan.median, 30), pan.max);
        if (smoke) std::printf("(smoke size: targets are printed, not enforced)\n");
    } catch (const std::exception &e) {
        std::fprintf(stderr, "timeline_bench: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
