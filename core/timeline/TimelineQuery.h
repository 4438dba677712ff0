#pragma once

#include "TimelineTypes.h"

#include <QString>

namespace perfcase {

// A "debug track": a read-only query over the public views, run through
// QueryRunner (so it can read nothing else), that returns a `ts` column and
// optionally `dur`, `value` and `name`. Each call opens its own connection,
// so fetch() may run on a worker thread.
namespace TimelineQuery {

// Throws QueryError when the SQL is not allowed or has no ts column.
void check(const QString &casePath, const QString &sql);
// The rows with ts in [from, to] (corrected ns), at most cap, by time; x
// relative to origin. Throws QueryError / CaseFileError / SqlError.
QueryRows fetch(const QString &casePath, const QString &sql, qint64 origin, qint64 from, qint64 to,
                int cap);

} // namespace TimelineQuery
} // namespace perfcase
