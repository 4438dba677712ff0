#include "QueryExecutor.h"

#include "QueryRunner.h"
#include "sqlite/SqlError.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <exception>
#include <sqlite3.h>

namespace perfcase {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("perfcase::QueryExecutor", text);
}

QVariant value(const Statement &statement, int column)
{
    switch (statement.columnType(column)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(statement.int64(column)));
    case SQLITE_FLOAT:
        return QVariant(statement.real(column));
    case SQLITE_BLOB: {
        std::string_view bytes = statement.blob(column);
        return QVariant(QByteArray(bytes.data(), qsizetype(bytes.size())));
    }
    case SQLITE_NULL:
        return QVariant();
    default: {
        std::string_view text = statement.textView(column);
        return QVariant(QString::fromUtf8(text.data(), qsizetype(text.size())));
    }
    }
}

// SQLite calls this every kProgressSteps virtual machine instructions; a
// non-zero return interrupts the statement with SQLITE_INTERRUPT. Unlike
// sqlite3_interrupt() from the GUI thread, it cannot miss a cancel that
// arrives before the statement starts, nor touch a connection already closed.
int checkCancel(void *cancel)
{
    return static_cast<const std::atomic<bool> *>(cancel)->load(std::memory_order_relaxed) ? 1 : 0;
}

constexpr int kProgressSteps = 1000;

// Statement::step() appends ` in "<the SQL>"` to its errors, for logs; the
// console shows the SQL right above the message, so it only adds noise.
QString withoutSql(const std::string &message, const std::string &sql)
{
    const std::size_t at = message.rfind(" in \"");
    if (at != std::string::npos && message.size() >= at + 6 && message.back() == '"') {
        const std::string quoted = message.substr(at + 5, message.size() - at - 6);
        if (!quoted.empty() && sql.compare(0, quoted.size(), quoted) == 0)
            return QString::fromStdString(message.substr(0, at));
    }
    return QString::fromStdString(message);
}

} // namespace

QueryExecutor::Result QueryExecutor::run(const QString &casePath, const QString &sql,
                                         const Limits &limits, const std::atomic<bool> &cancel)
{
    Result result;
    const std::string sqlText = sql.toStdString();
    QElapsedTimer timer;
    timer.start();
    try {
        if (cancel.load()) {
            result.cancelled = true;
            return result;
        }
        QueryRunner runner(casePath.toStdString());
        Statement statement = runner.prepare(sqlText);
        sqlite3 *db = sqlite3_db_handle(statement.handle());
        sqlite3_progress_handler(db, kProgressSteps, checkCancel,
                                 const_cast<std::atomic<bool> *>(&cancel));
        const int columns = statement.columnCount();
        for (int column = 0; column < columns; ++column)
            result.columns << QString::fromStdString(statement.columnName(column));
        while (statement.step()) {
            if (result.totalRows < limits.keepRows) {
                QVariantList row;
                row.reserve(columns);
                for (int column = 0; column < columns; ++column)
                    row << value(statement, column);
                result.rows << std::move(row);
            }
            ++result.totalRows;
            if (result.totalRows >= limits.countRows) {
                // Counting every row of a huge result would keep the worker
                // busy for nothing: "M+" is enough to know it is big.
                result.totalIsLowerBound = statement.step();
                break;
            }
        }
        sqlite3_progress_handler(db, 0, nullptr, nullptr);
    } catch (const SqlError &error) {
        if (error.primaryCode() == SQLITE_INTERRUPT && cancel.load())
            result.cancelled = true;
        else
            result.error = withoutSql(error.what(), sqlText);
    } catch (const QueryError &error) {
        result.error = QString::fromStdString(error.what());
    } catch (const std::exception &error) {
        // CaseFileError (missing, locked, hostile ...) and anything else:
        // the console shows the message; nothing may escape the worker.
        result.error = QString::fromStdString(error.what());
    } catch (...) {
        result.error = tr("unexpected error while running the query");
    }
    if (cancel.load() && result.error.isEmpty()) result.cancelled = true;
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

} // namespace perfcase
