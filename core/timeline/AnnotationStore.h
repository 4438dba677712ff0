#pragma once

#include "TimelineTypes.h"

#include <QList>
#include <QString>
#include <optional>

namespace perfcase {

class Database;

// Notes on the timeline (table annotations): at a time, or over a range.
// Annotation times are wall-clock ns, never shifted by a source's offset.
namespace AnnotationStore {

// Adds a note; author defaults to the current user. Returns it as stored.
Annotation add(Database &db, qint64 ts, std::optional<qint64> endTs, const QString &text,
               const QString &author = {});
// Notes that touch [from, to], by time.
QList<Annotation> list(Database &db, qint64 from, qint64 to);

} // namespace AnnotationStore
} // namespace perfcase
