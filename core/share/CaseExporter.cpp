#include "CaseExporter.h"

#include "CaseFile.h"
#include "Gzip.h"
#include "Redactor.h"
#include "UntrustedJson.h"
#include "sqlite/Database.h"
#include "sqlite/Statement.h"
#include "sqlite/Transaction.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>

namespace perfcase {

namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxBlobBytes = std::size_t(1) << 30;
constexpr std::size_t kSamples = 20;

// The plain text columns of the schema that can hold what people typed or
// systems printed. Keys (uuids, ids, formats) are left as they are.
struct Column
{
    const char *table, *column;
    bool isJson;
};
constexpr Column kColumns[] = {
    {"logs", "message", false},
    {"log_templates", "pattern", false},
    {"import_errors", "message", false},
    {"import_errors", "excerpt", false},
    {"slices", "name", false},
    {"slices", "args", true},
    {"instants", "name", false},
    {"instants", "args", true},
    {"tracks", "name", false},
    {"tracks", "labels", true},
    {"objects", "json", true},
    {"objects", "name", false},
    {"sources", "origin", false},
    {"sources", "name", false},
    {"sources", "options", true},
    {"annotations", "text", false},
    {"notes", "text", false},
    {"checklist", "justification", false},
    {"checklist", "evidence", true},
    {"findings", "title", false},
    {"findings", "detail", false},
    {"findings", "evidence", true},
    {"clock_changes", "origin", false},
    {"meta", "value", false},
};

// Redacts with the export's key, re-keys the markers already there, and
// counts and remembers what it did.
class ShareRedactor
{
public:
    explicit ShareRedactor(ExportSummary &summary)
        : m_redactor(Redactor::randomKey()), m_summary(summary)
    {}

    std::string text(std::string_view value)
    {
        std::vector<Redactor::Finding> found;
        const std::string redacted = m_redactor.redact(value, &found);
        std::set<std::string> fresh;
        for (const auto &finding : found) {
            ++m_summary.redacted[finding.rule];
            m_mapping[finding.marker] = finding.secret;
            fresh.insert(finding.marker);
        }
        return rekey(redacted, fresh);
    }

    // A JSON document: every string value as text; Kubernetes Secret data
    // and container env values whole. Not JSON (or nested too deep):
    // redacted as text.
    std::string document(std::string_view value)
    {
        json parsed = UntrustedJson::parse(value);
        if (parsed.is_discarded()) return text(value);
        const json original = parsed;
        walk(parsed, false);
        // Unchanged: the bytes as they were, not re-serialised (keys sorted,
        // spacing), which would count and show every document as redacted.
        if (parsed == original) return std::string(value);
        return parsed.dump(-1, ' ', false, json::error_handler_t::replace);
    }

    const std::map<std::string, std::string> &mapping() const { return m_mapping; }

private:
    void walk(json &node, bool whole)
    {
        if (node.is_string()) {
            node = whole ? secret("k8s-secret", node.get<std::string>())
                         : text(node.get_ref<const std::string &>());
            return;
        }
        if (node.is_array()) {
            for (json &item : node)
                walk(item, whole);
            return;
        }
        if (!node.is_object()) return;
        const bool isSecret = node.value("kind", std::string()) == "Secret";
        for (auto it = node.begin(); it != node.end(); ++it) {
            const bool secretData = isSecret && (it.key() == "data" || it.key() == "stringData");
            if (it.key() == "env" && it->is_array()) {
                for (json &variable : *it) {
                    if (variable.is_object() && variable.contains("value") &&
                        variable["value"].is_string())
                        variable["value"] = secret("k8s-env", variable["value"].get<std::string>());
                }
                continue;
            }
            walk(*it, whole || secretData);
        }
    }

    std::string secret(const std::string &rule, const std::string &value)
    {
        if (value.empty()) return value;
        const std::string marker = m_redactor.marker(rule, value);
        ++m_summary.redacted[rule];
        m_mapping[marker] = value;
        return marker;
    }

    // ⟦REDACTED:rule:hex⟧ made with the case's key becomes the marker of
    // hex under the export's key: equal values still match each other.
    std::string rekey(const std::string &value, const std::set<std::string> &fresh)
    {
        static const QRegularExpression marker(
            QStringLiteral("\u27E6REDACTED:([a-z0-9-]+):([0-9a-f]{8})\u27E7"));
        if (value.find("\xE2\x9F\xA6REDACTED:") == std::string::npos) return value;
        const QString subject = QString::fromStdString(value);
        QString out;
        qsizetype done = 0;
        for (auto it = marker.globalMatch(subject); it.hasNext();) {
            const auto match = it.next();
            if (fresh.count(match.captured(0).toStdString())) continue; // made just now
            out += QStringView(subject).mid(done, match.capturedStart() - done);
            out += QString::fromStdString(m_redactor.marker(match.captured(1).toStdString(),
                                                            match.captured(2).toStdString()));
            done = match.capturedEnd();
            ++m_summary.rekeyed;
        }
        if (done == 0) return value;
        out += QStringView(subject).mid(done);
        return out.toStdString();
    }

    Redactor m_redactor;
    ExportSummary &m_summary;
    std::map<std::string, std::string> m_mapping;
};

void check(const std::function<bool()> &cancelled)
{
    if (cancelled && cancelled()) throw CaseExporter::Cancelled{};
}

void redactColumn(Database &db, const Column &column, ShareRedactor &redactor,
                  ExportSummary &summary, const std::function<bool()> &cancelled)
{
    const std::string table = column.table, name = column.column;
    const bool isLog = table == "logs";
    Statement read =
        db.prepare("SELECT rowid, " + name + " FROM " + table + " WHERE " + name + " IS NOT NULL");
    Statement write = db.prepare("UPDATE " + table + " SET " + name + " = ? WHERE rowid = ?");
    std::optional<Statement> ready, unindex, index;
    if (isLog) {
        // Only ready sources have index entries.
        ready.emplace(db.prepare("SELECT s.ready FROM logs l JOIN tracks t ON t.id = l.track_id "
                                 "JOIN sources s ON s.id = t.source_id WHERE l.id = ?"));
        unindex.emplace(
            db.prepare("INSERT INTO logs_fts(logs_fts, rowid, message) VALUES('delete', ?, ?)"));
        index.emplace(db.prepare("INSERT INTO logs_fts(rowid, message) VALUES(?, ?)"));
    }
    std::int64_t rows = 0;
    while (read.step()) {
        if (++rows % 4096 == 0) check(cancelled);
        const std::string_view before = read.textView(1);
        const std::string after = column.isJson ? redactor.document(before) : redactor.text(before);
        if (after == before) continue;
        const std::int64_t rowid = read.int64(0);
        // The index is external-content: withdraw the old words first.
        bool indexed = false;
        if (isLog) {
            ready->reset();
            indexed = ready->bindInt64(1, rowid).step() && ready->int64(0) == 1;
        }
        if (indexed) {
            unindex->bindInt64(1, rowid).bind(2, before).run();
            index->bindInt64(1, rowid).bind(2, after).run();
        }
        write.bind(1, after).bindInt64(2, rowid).run();
        ++summary.cellsChanged;
        if (summary.samples.size() < kSamples)
            summary.samples.push_back({table + "." + name + " #" + std::to_string(rowid), after});
    }
}

void redactBlobs(Database &db, ShareRedactor &redactor, ExportSummary &summary,
                 const std::function<bool()> &cancelled)
{
    Statement read = db.prepare("SELECT id, compression, data FROM blobs");
    Statement write =
        db.prepare("UPDATE blobs SET data = ?, compression = ?, sha256 = ? WHERE id = ?");
    while (read.step()) {
        check(cancelled);
        std::string compression = read.text(1);
        std::string text;
        bool dropped = false;
        try {
            if (compression == "gzip")
                text = gzipDecompress(read.blob(2), kMaxBlobBytes);
            else if (compression == "none")
                text = std::string(read.blob(2));
            else
                throw std::runtime_error("unknown compression " + compression);
            const std::string redacted = redactor.text(text);
            if (redacted == text) continue;
            text = redacted;
        } catch (const std::exception &error) {
            // What cannot be read cannot be checked: it does not go out.
            text = "[dropped by export --share: " + std::string(error.what()) + "]";
            dropped = true;
        }
        if (dropped) compression = "none";
        const std::string stored = compression == "gzip" ? gzipCompress(text) : text;
        const QByteArray hash = QCryptographicHash::hash(
            QByteArrayView(text.data(), qsizetype(text.size())), QCryptographicHash::Sha256);
        write.bindBlob(1, stored.data(), stored.size())
            .bind(2, compression)
            .bind(3, hash.toHex().toStdString())
            .bindInt64(4, read.int64(0))
            .run();
        ++summary.cellsChanged;
    }
}

std::string writeMapping(const std::string &dir, const std::string &caseUuid,
                         const std::string &outPath,
                         const std::map<std::string, std::string> &mapping)
{
    if (dir.empty() || mapping.empty()) return {};
    QDir().mkpath(QString::fromStdString(dir));
    QFile::setPermissions(QString::fromStdString(dir),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString path =
        QString::fromStdString(dir) + QStringLiteral("/%1-%2.json")
                                          .arg(QString::fromStdString(caseUuid))
                                          .arg(QDateTime::currentMSecsSinceEpoch());
    QFile file(path);
    // Created readable by the sender alone, before a byte goes in.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        throw std::runtime_error("cannot write the redaction map " + path.toStdString());
    const json document{
        {"case_uuid", caseUuid},
        {"exported_to", outPath},
        {"created_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString()},
        {"markers", mapping}};
    const std::string text = document.dump(2, ' ', false, json::error_handler_t::replace);
    file.write(text.data(), qint64(text.size()));
    return path.toStdString();
}

void vacuumInto(Database &db, const std::string &path)
{
    QFile::remove(QString::fromStdString(path));
    db.prepare("VACUUM INTO ?").bind(1, path).run();
}

} // namespace

std::string CaseExporter::defaultMappingDir()
{
    return QString(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                   QStringLiteral("/shares"))
        .toStdString();
}

ExportSummary CaseExporter::run(const std::string &casePath, const std::string &outPath,
                                const Options &options, const std::function<bool()> &cancelled)
{
    const QFileInfo in(QString::fromStdString(casePath)), out(QString::fromStdString(outPath));
    if (out.exists() && in.canonicalFilePath() == out.canonicalFilePath())
        throw std::runtime_error("the export cannot replace the case itself: " + outPath);
    auto source = CaseFile::open(casePath, CaseFile::Access::ReadOnly);
    const std::string uuid = source->meta("case_uuid");
    const std::string partial = outPath + ".partial";
    const std::string redacting = outPath + ".redacting";
    auto cleanup = [&] {
        for (const std::string &path : {partial, redacting})
            for (const char *suffix : {"", "-wal", "-shm", "-journal"})
                QFile::remove(QString::fromStdString(path + suffix));
    };
    ExportSummary summary;
    try {
        if (!options.share) {
            vacuumInto(source->db(), partial);
        } else {
            vacuumInto(source->db(), redacting);
            source.reset();
            std::map<std::string, std::string> mapping;
            {
                auto copy = CaseFile::open(redacting, CaseFile::Access::ReadWrite);
                Database &db = copy->db();
                db.exec("PRAGMA secure_delete=ON");
                ShareRedactor redactor(summary);
                {
                    Transaction transaction(db);
                    for (const Column &column : kColumns)
                        redactColumn(db, column, redactor, summary, cancelled);
                    redactBlobs(db, redactor, summary, cancelled);
                    transaction.commit();
                }
                mapping = redactor.mapping();
                check(cancelled);
                // Compacted again: no replaced text stays in free pages or
                // in the full-text index's old segments.
                db.exec("INSERT INTO logs_fts(logs_fts) VALUES('optimize')");
                vacuumInto(db, partial);
            }
            summary.mappingPath =
                writeMapping(options.mappingDir, uuid,
                             options.sharedAs.empty() ? outPath : options.sharedAs, mapping);
        }
        check(cancelled);
        // rename(2) replaces OUT in one step: a kill never leaves neither.
        if (std::rename(partial.c_str(), outPath.c_str()) != 0)
            throw std::runtime_error("cannot write " + outPath + ": " + std::strerror(errno));
    } catch (...) {
        cleanup();
        throw;
    }
    cleanup();
    summary.bytes = QFileInfo(QString::fromStdString(outPath)).size();
    return summary;
}

} // namespace perfcase
