#include "LogRecordReader.h"

#include "Utf8.h"
#include "sqlite/Database.h"

namespace perfcase {

std::vector<LogRecord> LogRecordReader::read(Database &db, const std::vector<LogRef> &refs)
{
    std::vector<LogRecord> records;
    records.reserve(refs.size());
    Statement select =
        db.prepare("SELECT level, substr(message, 1, ?2), length(message) > ?2, template_id "
                   "FROM main.logs WHERE id = ?1");
    for (const LogRef &ref : refs) {
        select.reset();
        select.bind(1, ref.key.id).bind(2, std::int64_t(kMaxChars));
        LogRecord record;
        record.ref = ref;
        if (select.step()) {
            record.level = select.isNull(0) ? -1 : int(select.int64(0));
            std::string_view text = select.textView(1);
            const std::size_t newline = text.find('\n');
            record.shortened = newline != std::string_view::npos || select.int64(2) != 0;
            record.firstLine = std::string(utf8Prefix(text.substr(0, newline), kMaxChars));
            record.templateId = select.optionalInt64(3);
        }
        records.push_back(std::move(record));
    }
    return records;
}

std::string LogRecordReader::message(Database &db, std::int64_t id, std::size_t maxBytes)
{
    Statement select = db.prepare("SELECT substr(message, 1, ?2) FROM main.logs WHERE id = ?1");
    select.bind(1, id).bind(2, std::int64_t(maxBytes));
    return select.step() ? select.text(0) : std::string();
}

} // namespace perfcase
