#include "AnnotationStore.h"

#include "TimeUtil.h"
#include "UserIdentity.h"
#include "sqlite/Database.h"

#include <QDateTime>
#include <QUuid>
#include <algorithm>

namespace perfcase::AnnotationStore {

Annotation add(Database &db, qint64 ts, std::optional<qint64> endTs, const QString &text,
               const QString &author)
{
    Annotation a;
    a.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.ts = endTs ? std::min(ts, *endTs) : ts;
    if (endTs) a.endTs = std::max(ts, *endTs);
    a.text = text;
    a.author = author.isEmpty() ? QString::fromStdString(currentUserName()) : author;
    a.createdAt = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    db.prepare("INSERT INTO annotations(uuid, ts, end_ts, text, author, created_at) "
               "VALUES(?, ?, ?, ?, ?, ?)")
        .bind(1, a.uuid.toStdString())
        .bind(2, a.ts)
        .bind(3, a.endTs)
        .bind(4, a.text.toStdString())
        .bind(5, a.author.toStdString())
        .bind(6, a.createdAt)
        .run();
    a.id = db.lastInsertRowId();
    return a;
}

QList<Annotation> list(Database &db, qint64 from, qint64 to)
{
    QList<Annotation> result;
    Statement select = db.prepare(
        "SELECT id, uuid, ts, end_ts, text, ifnull(author, ''), created_at FROM v_annotations "
        "WHERE ts <= ?2 AND ifnull(end_ts, ts) >= ?1 ORDER BY ts, id");
    select.bind(1, from).bind(2, to);
    while (select.step()) {
        Annotation a;
        a.id = select.int64(0);
        a.uuid = QString::fromStdString(select.text(1));
        a.ts = select.int64(2);
        a.endTs = select.optionalInt64(3);
        a.text = QString::fromStdString(select.text(4));
        a.author = QString::fromStdString(select.text(5));
        a.createdAt = select.int64(6);
        result << a;
    }
    return result;
}

} // namespace perfcase::AnnotationStore
