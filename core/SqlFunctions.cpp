#include "SqlFunctions.h"

#include "AnalysisFunctions.h"
#include "TimeUtil.h"
#include "sqlite/Database.h"
#include "sqlite/SqlError.h"

#include <QRegularExpression>

#include <sqlite3.h>

namespace perfcase::SqlFunctions {

namespace {

// X REGEXP Y, i.e. regexp(pattern, text): the compiled pattern is cached per
// statement with sqlite3_set_auxdata.
void regexpFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return sqlite3_result_null(context);
    auto *regex = static_cast<QRegularExpression *>(sqlite3_get_auxdata(context, 0));
    if (!regex) {
        auto pattern = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
        regex = new QRegularExpression(QString::fromUtf8(pattern),
                                       QRegularExpression::UseUnicodePropertiesOption);
        if (!regex->isValid()) {
            std::string message = "invalid regular expression: " +
                                  regex->errorString().toStdString();
            delete regex;
            return sqlite3_result_error(context, message.c_str(), -1);
        }
        sqlite3_set_auxdata(context, 0, regex,
                            [](void *p) { delete static_cast<QRegularExpression *>(p); });
        regex = static_cast<QRegularExpression *>(sqlite3_get_auxdata(context, 0));
        if (!regex)
            return sqlite3_result_error_nomem(context);
    }
    auto text = reinterpret_cast<const char *>(sqlite3_value_text(argv[1]));
    int bytes = sqlite3_value_bytes(argv[1]);
    sqlite3_result_int(context, regex->match(QString::fromUtf8(text, bytes)).hasMatch());
}

// rfc3339(ns): the CLI's time format, for readable query output.
void rfc3339Function(sqlite3_context *context, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return sqlite3_result_null(context);
    std::string text = formatRfc3339(sqlite3_value_int64(argv[0]));
    sqlite3_result_text(context, text.c_str(), int(text.size()), SQLITE_TRANSIENT);
}

void add(Database &db, const char *name, int args, void (*function)(sqlite3_context *, int,
                                                                      sqlite3_value **))
{
    int rc = sqlite3_create_function_v2(db.handle(), name, args,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                        nullptr, function, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        throw SqlError(rc, std::string("cannot register SQL function ") + name);
}

} // namespace

void registerAll(Database &db)
{
    add(db, "regexp", 2, regexpFunction);
    add(db, "rfc3339", 1, rfc3339Function);
    AnalysisFunctions::registerAll(db);
}

} // namespace perfcase::SqlFunctions
