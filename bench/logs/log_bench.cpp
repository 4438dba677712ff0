// Log explorer benchmark: builds (or reuses) a case from bench/gen_log.py
// output, then measures on a freshly opened case what the user waits for:
// the first screen, a jump to a time, a search's first page, a template
// surge. Targets (DESIGN.md, issue 4): first screen <= 100 ms, jump <= 50 ms,
// FTS first page <= 100 ms.
//   log_bench [--rows N] [--smoke]     (BENCH_DIR, default /tmp/perfcase-bench-$UID)
#include "CaseFile.h"
#include "LogBlockIndex.h"
#include "LogExplorerModel.h"
#include "LogTemplateSurge.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <algorithm>
#include <cstdio>
#include <random>
#include <unistd.h>

using namespace perfcase;

namespace {

bool run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        std::fprintf(stderr, "log_bench: %s failed\n", qPrintable(program));
        return false;
    }
    return true;
}

QString ensureCase(qint64 rows)
{
    const QString dir =
        qEnvironmentVariable("BENCH_DIR", QStringLiteral("/tmp/perfcase-bench-%1").arg(::getuid()));
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/logs-%1.perfcase").arg(rows);
    if (QFileInfo::exists(path)) return path;
    const QString log = dir + QStringLiteral("/logs-%1.log").arg(rows);
    std::printf("building %s (%lld lines)...\n", qPrintable(path), rows);
    std::fflush(stdout);
    if (!QFileInfo::exists(log) &&
        !run(QStringLiteral("python3"),
             {QStringLiteral(PERFCASE_SOURCE_DIR "/bench/gen_log.py"), log, QString::number(rows)}))
        return {};
    const QString partial = path + QStringLiteral(".part");
    QFile::remove(partial);
    if (!run(QStringLiteral(PERFCASE_BINARY), {QStringLiteral("new"), partial}) ||
        !run(QStringLiteral(PERFCASE_BINARY), {QStringLiteral("import"), partial, log}))
        return {};
    QFile::rename(partial, path);
    return path;
}

// Reads what a screen shows: 50 rows, every column.
void readScreen(LogExplorerModel &model, int first)
{
    for (int row = first; row < std::min(first + 50, model.rowCount()); ++row)
        for (int column = 0; column < LogExplorerModel::ColumnCount; ++column)
            (void)model.data(model.index(row, column));
}

int g_failures = 0;

void report(const char *what, double ms, double target)
{
    const bool pass = target <= 0 || ms <= target;
    if (target > 0)
        std::printf("%-44s %9.1f ms   target <= %.0f ms   %s\n", what, ms, target,
                    pass ? "PASS" : "MISS");
    else
        std::printf("%-44s %9.1f ms\n", what, ms);
}

double search(const QString &path, const QString &text, int &rows, bool &complete)
{
    LogExplorerModel model;
    model.setCase(path); // not timed: the explorer is open when the user searches
    QObject::connect(&model, &LogExplorerModel::errorOccurred, [](const QString &message) {
        std::fprintf(stderr, "log_bench: %s\n", qPrintable(message));
        ++g_failures;
    });
    QElapsedTimer timer;
    timer.start();
    LogFilter filter;
    filter.search = LogSearchQuery::parse(text.toStdString());
    model.setFilter(filter);
    readScreen(model, 0);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    rows = model.rowCount();
    complete = model.isComplete();
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool smoke = args.contains(QStringLiteral("--smoke"));
    qint64 rows = smoke ? 100'000 : 10'000'000;
    const int at = int(args.indexOf(QStringLiteral("--rows")));
    if (at > 0 && at + 1 < args.size()) rows = args.at(at + 1).toLongLong();
    const QString path = ensureCase(rows);
    if (path.isEmpty()) return 1;

    try {
        // 1. First screen: open, count, the first 50 rows.
        QElapsedTimer timer;
        timer.start();
        LogExplorerModel model;
        model.setCase(path);
        const int total = model.rowCount();
        readScreen(model, 0);
        const double firstScreen = double(timer.nsecsElapsed()) / 1e6;
        std::printf("case %s: %d records\n", qPrintable(path), total);
        if (total <= 0) {
            std::fprintf(stderr, "log_bench: no records\n");
            return 1;
        }
        report("first screen (open + rowCount + 50 rows)", firstScreen, 100);

        // 2. Jump to random times: the row nearest, and its screen.
        const qint64 first = model.timeAt(0), last = model.timeAt(total - 1);
        std::mt19937_64 random(42);
        std::vector<double> jumps;
        for (int i = 0; i < 30; ++i) {
            const qint64 t =
                first + qint64(random() % std::uint64_t(std::max<qint64>(1, last - first)));
            timer.restart();
            const int row = model.rowForTime(t);
            readScreen(model, std::max(0, row - 25));
            jumps.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (row < 0) ++g_failures;
        }
        std::sort(jumps.begin(), jumps.end());
        report("jump to a time, median of 30", jumps[jumps.size() / 2], 50);
        report("jump to a time, max of 30", jumps.back(), 0);
        // Scrolling to the middle by row index (the scroll bar).
        timer.restart();
        readScreen(model, total / 2 + 17);
        report("scroll to the middle (50 rows by index)", double(timer.nsecsElapsed()) / 1e6, 50);

        // 3. Search: first page of a common and a rare word.
        for (const QString &word : {QStringLiteral("emitting"), QStringLiteral("column_id"),
                                    QStringLiteral("deadlock detected")}) {
            int found = 0;
            bool complete = false;
            const double ms = search(path, word, found, complete);
            const QByteArray label = QStringLiteral("FTS first page \"%1\" (%2%3 rows)")
                                         .arg(word)
                                         .arg(found)
                                         .arg(complete ? QString() : QStringLiteral("+"))
                                         .toUtf8();
            report(label.constData(), ms, 100);
            if (found == 0) ++g_failures;
        }

        // 4. Template surge: a 5-minute window in the middle vs. the 5 minutes before,
        // and a 1-minute window vs. everything before.
        auto file = CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly);
        timer.restart();
        LogBlockIndex index(file->db());
        const double indexMs = double(timer.nsecsElapsed()) / 1e6;
        report("block index load", indexMs, 0);
        const qint64 middle = first + (last - first) / 2;
        timer.restart();
        auto surge =
            LogTemplateSurge::surge(file->db(), index, middle, middle + 300'000'000'000 - 1,
                                    LogTemplateSurge::Baseline::SameLength);
        report("template surge, 5 min vs 5 min before", double(timer.nsecsElapsed()) / 1e6, 0);
        timer.restart();
        auto surgeAll =
            LogTemplateSurge::surge(file->db(), index, middle, middle + 60'000'000'000 - 1,
                                    LogTemplateSurge::Baseline::AllBefore);
        report("template surge, 1 min vs everything before", double(timer.nsecsElapsed()) / 1e6, 0);
        std::printf("templates in the 5-min window: %zu; top: %s\n", surge.size(),
                    surge.empty() ? "-" : surge.front().pattern.c_str());
        if (LogTemplateSurge::templates(file->db()).empty()) {
            std::fprintf(stderr, "log_bench: no templates\n");
            ++g_failures;
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "log_bench: %s\n", e.what());
        return 1;
    }
    return g_failures ? 1 : 0;
}
