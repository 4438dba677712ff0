#pragma once
// Shared helpers of the importer tests (tst_formats, tst_badinput,
// tst_timeparsing). Expected times are written as RFC 3339 text in the
// tests and converted here with std::chrono, independently of the
// program's own TimeUtil.

#include "CaseFile.h"
#include "import/ImportBatch.h"
#include "import/ImporterRegistry.h"
#include "logs/LogFormatRegistry.h"
#include "sqlite/Database.h"

#include <QByteArray>

#include <bzlib.h>
#include <zlib.h>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace perfcase::testing {

inline QString corpus(const char *relative)
{
    return QStringLiteral(PERFCASE_CORPUS "/") + QString::fromUtf8(relative);
}

inline QString fixture(const char *relative)
{
    return QStringLiteral(PERFCASE_FIXTURES "/") + QString::fromUtf8(relative);
}

// "2026-10-25T00:30:00.123456789Z" or with +hh:mm -> ns since the epoch.
// Written for the tests only; does not use the program's parser.
inline std::int64_t ns(const char *rfc3339)
{
    const std::string text(rfc3339);
    auto num = [&](std::size_t pos, std::size_t len) { return std::stoi(text.substr(pos, len)); };
    using namespace std::chrono;
    const year_month_day date{year{num(0, 4)}, month{unsigned(num(5, 2))}, day{unsigned(num(8, 2))}};
    std::int64_t seconds = sys_days{date}.time_since_epoch().count() * 86400LL + num(11, 2) * 3600LL +
                           num(14, 2) * 60LL + num(17, 2);
    std::size_t pos = 19;
    std::int64_t fraction = 0;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        std::string digits;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
            digits += text[pos++];
        digits.resize(9, '0');
        fraction = std::stoll(digits);
    }
    if (pos < text.size() && text[pos] != 'Z') {
        int sign = text[pos] == '-' ? -1 : 1;
        seconds -= sign * (num(pos + 1, 2) * 3600LL + num(pos + 4, 2) * 60LL);
    }
    return seconds * 1'000'000'000LL + fraction;
}

// ns -> "YYYY-MM-DDTHH:MM:SS.fffffffffZ" (always 9 digits), for messages.
inline QString show(std::optional<std::int64_t> value)
{
    if (!value)
        return QStringLiteral("(none)");
    using namespace std::chrono;
    std::int64_t v = *value;
    std::int64_t secs = v >= 0 ? v / 1'000'000'000 : -((-v + 999'999'999) / 1'000'000'000);
    std::int64_t frac = v - secs * 1'000'000'000;
    sys_seconds tp{seconds{secs}};
    auto dp = floor<days>(tp);
    year_month_day ymd{dp};
    hh_mm_ss hms{tp - dp};
    return QString::asprintf("%04d-%02u-%02uT%02d:%02d:%02d.%09lldZ", int(ymd.year()),
                             unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                             int(hms.minutes().count()), int(hms.seconds().count()),
                             static_cast<long long>(frac));
}

inline const ImporterRegistry &importers()
{
    static const ImporterRegistry registry;
    return registry;
}

inline const LogFormatRegistry &registry()
{
    return importers().logFormats();
}

// A fresh case file in its own temporary folder.
class TempCase
{
public:
    TempCase()
    {
        QVERIFY2(m_dir.isValid(), "temporary folder");
        m_file = CaseFile::create(path(), "test", "tester");
    }
    std::string path() const { return m_dir.filePath(QStringLiteral("test.perfcase")).toStdString(); }
    QString dir() const { return m_dir.path(); }
    CaseFile &file() { return *m_file; }
    Database &db() { return m_file->db(); }

    // Imports through ImportBatch, like the command line; returns one
    // outcome per file considered.
    std::vector<ImportOutcome> run(const std::vector<std::string> &paths,
                                   const ImportOptions &options = {},
                                   ImportBatch::Summary *summary = nullptr)
    {
        std::vector<ImportOutcome> outcomes;
        CancelToken token;
        ImportBatch batch(*m_file, importers());
        auto s = batch.run(paths, options, token,
                           [&](const ImportOutcome &o) { outcomes.push_back(o); });
        if (summary)
            *summary = s;
        return outcomes;
    }
    ImportOutcome importOne(const QString &path, const ImportOptions &options = {})
    {
        auto outcomes = run({path.toStdString()}, options);
        if (outcomes.size() != 1) {
            ImportOutcome none;
            none.error = "expected exactly one outcome, got " + std::to_string(outcomes.size());
            return none;
        }
        return outcomes.front();
    }

    std::int64_t scalar(const std::string &sql, std::optional<std::int64_t> bind1 = {})
    {
        Statement st = db().prepare(sql);
        if (bind1)
            st.bind(1, *bind1);
        if (!st.step() || st.isNull(0))
            return -1;
        return st.int64(0);
    }
    std::optional<std::string> text(const std::string &sql, std::optional<std::int64_t> bind1 = {})
    {
        Statement st = db().prepare(sql);
        if (bind1)
            st.bind(1, *bind1);
        if (!st.step())
            return std::nullopt;
        return st.optionalText(0);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CaseFile> m_file;
};

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

inline const char *statusText(ImportOutcome::Status status)
{
    switch (status) {
    case ImportOutcome::Status::Imported: return "imported";
    case ImportOutcome::Status::Duplicate: return "duplicate";
    case ImportOutcome::Status::Skipped: return "skipped";
    case ImportOutcome::Status::Failed: return "failed";
    case ImportOutcome::Status::Cancelled: return "cancelled";
    }
    return "?";
}

inline QString describe(const ImportOutcome &o)
{
    QString text = QString::asprintf("status=%s format=%s records=%lld rejected=%lld partial=%d",
                                     statusText(o.status), o.format.c_str(),
                                     static_cast<long long>(o.records),
                                     static_cast<long long>(o.rejected), int(o.partial));
    text += QStringLiteral(" first=") + show(o.firstTs) + QStringLiteral(" last=") + show(o.lastTs);
    if (!o.error.empty())
        text += QStringLiteral(" error=\"") + QString::fromStdString(o.error) +
                QStringLiteral("\" line=") + QString::number(o.errorLine);
    for (const auto &w : o.warnings)
        text += QStringLiteral(" warning[") + QString::number(w.line) + QStringLiteral("]=\"") +
                QString::fromStdString(w.message) + QStringLiteral("\"");
    return text;
}

// "field[,field]:reason;;field:reason" -> the reason given for field, if any.
// Rows of a data table name the checks that fail because of a known bug.
inline QString xfailFor(const QString &xfail, const QString &field)
{
    const auto entries = xfail.split(QStringLiteral(";;"), Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        const int colon = int(entry.indexOf(QLatin1Char(':')));
        if (entry.left(colon).split(QLatin1Char(',')).contains(field))
            return entry.mid(colon + 1);
    }
    return {};
}

// Compressed copies of test input, made here so no fixture is needed.
inline QByteArray gzipBytes(const QByteArray &plain)
{
    QByteArray out(int(compressBound(uLong(plain.size())) + 64), '\0');
    z_stream stream{};
    deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(plain.constData()));
    stream.avail_in = uInt(plain.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(int(stream.total_out));
    deflateEnd(&stream);
    return out;
}

inline QByteArray bzip2Bytes(const QByteArray &plain, int blockSize100k)
{
    unsigned int size = unsigned(plain.size() + plain.size() / 100 + 4096);
    QByteArray out(int(size), '\0');
    BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char *>(plain.constData()),
                             unsigned(plain.size()), blockSize100k, 0, 30);
    out.resize(int(size));
    return out;
}

// Everything zlib can get out of a (possibly cut) gzip stream.
inline QByteArray gunzipPrefix(const QByteArray &packed)
{
    QByteArray out;
    z_stream stream{};
    inflateInit2(&stream, 15 + 16);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(packed.constData()));
    stream.avail_in = uInt(packed.size());
    char buffer[65536];
    for (;;) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        int rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, int(sizeof buffer - stream.avail_out));
        if (rc != Z_OK)
            break;
        if (stream.avail_in == 0 && stream.avail_out != 0)
            break;
    }
    inflateEnd(&stream);
    return out;
}

} // namespace perfcase::testing

// Runs check; if the row's "xfail" names field, the check is an expected
// failure (QEXPECT_FAIL ... Continue), so an XPASS shows when the bug is fixed.
#define CHECK_FIELD(field, check)                                                                 \
    do {                                                                                          \
        const QString reason_ = perfcase::testing::xfailFor(xfail, QStringLiteral(field));        \
        if (!reason_.isEmpty())                                                                   \
            QEXPECT_FAIL("", qPrintable(reason_), Continue);                                      \
        check;                                                                                    \
    } while (false)
