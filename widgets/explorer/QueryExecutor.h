#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QVector>
#include <atomic>

namespace perfcase {

// Runs one console query to completion on the calling thread (the console
// calls it through QtConcurrent). Each run opens its own read-only
// connection through QueryRunner, so the restrictions of `perfcase query`
// apply unchanged (read-only, public v_* views only, one statement), and a
// slow query never holds a connection the GUI thread uses.
class QueryExecutor
{
public:
    struct Limits
    {
        int keepRows = 10'000;        // rows kept for the table
        qint64 countRows = 1'000'000; // rows counted before "M+" is shown
    };

    struct Result
    {
        QStringList columns;
        QVector<QVariantList> rows;     // qint64, double, QString, QByteArray or null
        qint64 totalRows = 0;           // rows produced (rows.size() <= totalRows)
        bool totalIsLowerBound = false; // stopped counting at Limits::countRows
        bool cancelled = false;
        QString error; // empty on success
        double seconds = 0;
        bool ok() const { return error.isEmpty() && !cancelled; }
    };

    // `cancel` is polled by an SQLite progress handler while the statement
    // runs, so setting it from another thread stops even a statement that
    // has not produced its first row; it is also checked before opening.
    static Result run(const QString &casePath, const QString &sql, const Limits &limits,
                      const std::atomic<bool> &cancel);
};

} // namespace perfcase

Q_DECLARE_METATYPE(perfcase::QueryExecutor::Result)
