#include "AnalysisFunctions.h"

#include "sqlite/Database.h"
#include "sqlite/SqlError.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <sqlite3.h>
#include <string>
#include <vector>

namespace perfcase::AnalysisFunctions {

namespace {

constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

// Aggregate state lives behind a pointer in SQLite's aggregate context; it is
// created on the first row and destroyed in the final step.
template<typename State> State *stateOf(sqlite3_context *context, bool create)
{
    auto **slot = static_cast<State **>(
        sqlite3_aggregate_context(context, create ? int(sizeof(State *)) : 0));
    if (!slot) return nullptr;
    if (!*slot && create) *slot = new State();
    return *slot;
}

template<typename State> State *takeState(sqlite3_context *context)
{
    auto **slot = static_cast<State **>(sqlite3_aggregate_context(context, 0));
    if (!slot) return nullptr;
    State *state = *slot;
    *slot = nullptr;
    return state;
}

bool isNumber(sqlite3_value *value)
{
    int type = sqlite3_value_numeric_type(value);
    return type == SQLITE_INTEGER || type == SQLITE_FLOAT;
}

struct Percentile
{
    std::vector<double> values;
    double p = -1;
};

void percentileStep(sqlite3_context *context, int, sqlite3_value **argv)
{
    auto *state = stateOf<Percentile>(context, true);
    if (!state) return sqlite3_result_error_nomem(context);
    if (!isNumber(argv[1]))
        return sqlite3_result_error(context, "percentile: p must be a number", -1);
    double p = sqlite3_value_double(argv[1]);
    if (p < 0 || p > 100) return sqlite3_result_error(context, "percentile: p is 0..100", -1);
    state->p = p;
    if (isNumber(argv[0])) state->values.push_back(sqlite3_value_double(argv[0]));
}

void percentileFinal(sqlite3_context *context)
{
    std::unique_ptr<Percentile> state(takeState<Percentile>(context));
    if (!state || state->values.empty()) return sqlite3_result_null(context);
    auto &values = state->values;
    std::sort(values.begin(), values.end());
    double rank = state->p / 100 * double(values.size() - 1);
    auto lower = std::size_t(std::floor(rank));
    auto upper = std::min(lower + 1, values.size() - 1);
    double fraction = rank - double(lower);
    sqlite3_result_double(context, values[lower] + (values[upper] - values[lower]) * fraction);
}

struct Correlation
{
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
};

void corrStep(sqlite3_context *context, int, sqlite3_value **argv)
{
    auto *state = stateOf<Correlation>(context, true);
    if (!state) return sqlite3_result_error_nomem(context);
    if (!isNumber(argv[0]) || !isNumber(argv[1])) return;
    double x = sqlite3_value_double(argv[0]), y = sqlite3_value_double(argv[1]);
    state->n += 1;
    state->sx += x;
    state->sy += y;
    state->sxx += x * x;
    state->syy += y * y;
    state->sxy += x * y;
}

void corrFinal(sqlite3_context *context)
{
    std::unique_ptr<Correlation> state(takeState<Correlation>(context));
    if (!state || state->n < 3) return sqlite3_result_null(context);
    double n = state->n;
    double cov = state->sxy - state->sx * state->sy / n;
    double vx = state->sxx - state->sx * state->sx / n;
    double vy = state->syy - state->sy * state->sy / n;
    if (vx <= 0 || vy <= 0) return sqlite3_result_null(context);
    sqlite3_result_double(context, std::clamp(cov / std::sqrt(vx * vy), -1.0, 1.0));
}

struct Rate
{
    std::vector<std::int64_t> times;
    std::int64_t window = 0;
};

void maxRateStep(sqlite3_context *context, int, sqlite3_value **argv)
{
    auto *state = stateOf<Rate>(context, true);
    if (!state) return sqlite3_result_error_nomem(context);
    std::int64_t window = sqlite3_value_int64(argv[1]);
    if (window <= 0) return sqlite3_result_error(context, "max_rate: the window is > 0 ns", -1);
    state->window = window;
    if (sqlite3_value_type(argv[0]) != SQLITE_NULL)
        state->times.push_back(sqlite3_value_int64(argv[0]));
}

void maxRateFinal(sqlite3_context *context)
{
    std::unique_ptr<Rate> state(takeState<Rate>(context));
    if (!state || state->times.empty()) return sqlite3_result_null(context);
    auto &times = state->times;
    std::sort(times.begin(), times.end());
    std::size_t best = 0, first = 0;
    for (std::size_t last = 0; last < times.size(); ++last) {
        while (times[last] - times[first] >= state->window)
            ++first;
        best = std::max(best, last - first + 1);
    }
    sqlite3_result_double(context, double(best) * 1e9 / double(state->window));
}

// A track's events, sorted, with the union of its slices for overlaps.
struct TrackIndex
{
    std::vector<std::int64_t> starts;
    std::vector<std::pair<std::int64_t, std::int64_t>> merged; // disjoint, sorted
    std::vector<std::int64_t> coveredBefore;                   // prefix sums of merged lengths

    std::int64_t count(std::int64_t from, std::int64_t to) const
    {
        if (to < from) return 0;
        return std::upper_bound(starts.begin(), starts.end(), to) -
               std::lower_bound(starts.begin(), starts.end(), from);
    }

    std::int64_t overlap(std::int64_t from, std::int64_t to) const
    {
        if (to <= from || merged.empty()) return 0;
        auto firstEnding = std::upper_bound(
            merged.begin(), merged.end(), from,
            [](std::int64_t value, const auto &span) { return value < span.second; });
        std::int64_t total = 0;
        for (auto it = firstEnding; it != merged.end() && it->first < to; ++it)
            total += std::min(to, it->second) - std::max(from, it->first);
        return total;
    }
};

TrackIndex *loadTrack(sqlite3_context *context, const std::string &track)
{
    sqlite3 *db = sqlite3_context_db_handle(context);
    const char *sql = "SELECT ts, end_ts FROM v_slices WHERE track = ?1 "
                      "UNION ALL SELECT ts, ts FROM v_instants WHERE track = ?1 "
                      "UNION ALL SELECT ts, ts FROM v_counters WHERE track = ?1 ORDER BY 1";
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement);
        return nullptr;
    }
    sqlite3_bind_text(statement, 1, track.data(), int(track.size()), SQLITE_TRANSIENT);
    auto *index = new TrackIndex();
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        std::int64_t start = sqlite3_column_int64(statement, 0);
        std::int64_t end = sqlite3_column_int64(statement, 1);
        index->starts.push_back(start);
        if (end > start) spans.emplace_back(start, end);
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
        delete index;
        return nullptr;
    }
    // spans arrive sorted by start (ORDER BY 1).
    for (const auto &span : spans) {
        if (!index->merged.empty() && span.first <= index->merged.back().second)
            index->merged.back().second = std::max(index->merged.back().second, span.second);
        else
            index->merged.push_back(span);
    }
    return index;
}

// The track named by argv[0] is loaded once per statement: kept as auxdata,
// which SQLite keeps while the argument is a constant. It is handed over only
// after use, since SQLite may free it inside sqlite3_set_auxdata.
template<bool Overlap> void trackFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL || sqlite3_value_type(argv[2]) == SQLITE_NULL)
        return sqlite3_result_null(context);
    auto *index = static_cast<TrackIndex *>(sqlite3_get_auxdata(context, 0));
    std::unique_ptr<TrackIndex> loaded;
    if (!index) {
        auto text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
        loaded.reset(loadTrack(context, text ? text : ""));
        if (!loaded) return sqlite3_result_error(context, "cannot read the track", -1);
        index = loaded.get();
    }
    std::int64_t from = sqlite3_value_int64(argv[1]), to = sqlite3_value_int64(argv[2]);
    sqlite3_result_int64(context, Overlap ? index->overlap(from, to) : index->count(from, to));
    if (loaded)
        sqlite3_set_auxdata(context, 0, loaded.release(),
                            [](void *p) { delete static_cast<TrackIndex *>(p); });
}

void addAggregate(Database &db, const char *name, int args,
                  void (*step)(sqlite3_context *, int, sqlite3_value **),
                  void (*final)(sqlite3_context *))
{
    int rc = sqlite3_create_function_v2(db.handle(), name, args, kFlags, nullptr, nullptr, step,
                                        final, nullptr);
    if (rc != SQLITE_OK) throw SqlError(rc, std::string("cannot register SQL function ") + name);
}

void addScalar(Database &db, const char *name, int args,
               void (*function)(sqlite3_context *, int, sqlite3_value **))
{
    // Not DETERMINISTIC: the answer depends on the case's data, not only the
    // arguments. INNOCUOUS: it only reads the public views.
    int rc = sqlite3_create_function_v2(db.handle(), name, args, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                        nullptr, function, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) throw SqlError(rc, std::string("cannot register SQL function ") + name);
}

} // namespace

void registerAll(Database &db)
{
    addAggregate(db, "percentile", 2, percentileStep, percentileFinal);
    addAggregate(db, "corr", 2, corrStep, corrFinal);
    addAggregate(db, "max_rate", 2, maxRateStep, maxRateFinal);
    addScalar(db, "track_count", 3, trackFunction<false>);
    addScalar(db, "track_overlap", 3, trackFunction<true>);
}

} // namespace perfcase::AnalysisFunctions
