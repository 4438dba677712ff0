#include "TimelineQuery.h"

#include "QueryRunner.h"

#include <QSet>

namespace perfcase::TimelineQuery {

namespace {

// The user's statement as a subquery: no trailing ';', and a newline before
// the closing parenthesis so a trailing "-- comment" cannot swallow it.
QString inner(const QString &sql)
{
    QString text = sql.trimmed();
    while (text.endsWith(QLatin1Char(';')))
        text = text.chopped(1).trimmed();
    return text;
}

QSet<QString> columnNames(QueryRunner &runner, const QString &sql)
{
    Statement statement = runner.prepare(inner(sql).toStdString());
    QSet<QString> names;
    for (int i = 0; i < statement.columnCount(); ++i)
        names.insert(QString::fromStdString(statement.columnName(i)).toLower());
    if (!names.contains(QStringLiteral("ts")))
        throw QueryError("the query needs a ts column (corrected ns, as in the v_* views)");
    return names;
}

} // namespace

void check(const QString &casePath, const QString &sql)
{
    QueryRunner runner(casePath.toStdString());
    columnNames(runner, sql);
}

QueryRows fetch(const QString &casePath, const QString &sql, qint64 origin, qint64 from, qint64 to,
                int cap)
{
    QueryRunner runner(casePath.toStdString());
    const QSet<QString> names = columnNames(runner, sql);
    QueryRows rows;
    rows.hasDur = names.contains(QStringLiteral("dur"));
    rows.hasValue = names.contains(QStringLiteral("value"));
    rows.hasName = names.contains(QStringLiteral("name"));
    const QString select =
        QStringLiteral("SELECT ts, %1, %2, %3 FROM (\n%4\n) WHERE ts BETWEEN ?1 AND ?2 "
                       "ORDER BY ts LIMIT ?3")
            .arg(rows.hasDur ? QStringLiteral("dur") : QStringLiteral("NULL"),
                 rows.hasValue ? QStringLiteral("value") : QStringLiteral("NULL"),
                 rows.hasName ? QStringLiteral("name") : QStringLiteral("NULL"), inner(sql));
    Statement statement = runner.prepare(select.toStdString());
    statement.bind(1, from).bind(2, to).bind(3, cap + 1);
    while (statement.step()) {
        if (rows.x.size() == cap) {
            rows.capped = true;
            break;
        }
        rows.x << double(statement.int64(0) - origin) / 1e9;
        rows.dur << double(statement.optionalInt64(1).value_or(0)) / 1e9;
        rows.value << statement.real(2);
        rows.names << QString::fromStdString(statement.optionalText(3).value_or(std::string()));
    }
    return rows;
}

} // namespace perfcase::TimelineQuery
