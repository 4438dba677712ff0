#include "CaseInfo.h"

#include "CaseFile.h"
#include "CaseSchema.h"
#include "TimeUtil.h"
#include "UntrustedJson.h"

#include <QString>
#include <cstdio>
#include <sstream>

namespace perfcase::CaseInfo {

using nlohmann::json;

void putTime(json &object, const std::string &key, std::optional<std::int64_t> ns)
{
    object[key] = ns ? json(formatRfc3339(*ns)) : json(nullptr);
    object[key + "_ns"] = ns ? json(*ns) : json(nullptr);
}

namespace {

json optionalInt(const Statement &row, int column)
{
    auto value = row.optionalInt64(column);
    return value ? json(*value) : json(nullptr);
}

json parseLabels(std::string_view text)
{
    json labels = UntrustedJson::parse(text);
    return labels.is_object() ? labels : json::object();
}

} // namespace

json collect(CaseFile &file)
{
    Database &db = file.db();
    json info;
    info["schema_version"] = CaseSchema::kVersion;
    info["case_uuid"] = file.meta("case_uuid");
    info["title"] = file.meta("title");

    // The case's range covers wall-clock sources and aligned monotonic ones.
    Statement range = db.prepare("SELECT min(first_ts), max(last_ts) FROM v_sources "
                                 "WHERE clock_domain = 'wall' OR clock_origin != 'none'");
    range.step();
    putTime(info, "first_ts", range.optionalInt64(0));
    putTime(info, "last_ts", range.optionalInt64(1));

    json sources = json::array();
    Statement source = db.prepare(
        "SELECT id, name, kind, format, compression, records, rejected, ignored, bytes, state, "
        "first_ts, last_ts, tz, time_source, clock_domain, clock_offset_ns, clock_origin, "
        "clock_residual_ns, origin, sha256, imported_at, first_raw_ns, last_raw_ns "
        "FROM v_sources ORDER BY id");
    while (source.step()) {
        json s;
        s["id"] = source.int64(0);
        s["name"] = source.text(1);
        s["kind"] = source.text(2);
        s["format"] = source.text(3);
        s["compression"] = source.text(4);
        s["records"] = source.int64(5);
        s["rejected"] = source.int64(6);
        s["ignored"] = source.int64(7);
        s["bytes"] = source.int64(8);
        s["state"] = source.text(9);
        bool unaligned = source.text(14) == "monotonic" && source.text(16) == "none";
        putTime(s, "first_ts", unaligned ? std::nullopt : source.optionalInt64(10));
        putTime(s, "last_ts", unaligned ? std::nullopt : source.optionalInt64(11));
        if (unaligned) {
            s["first_raw_ns"] = optionalInt(source, 21);
            s["last_raw_ns"] = optionalInt(source, 22);
        }
        s["tz"] = source.text(12);
        s["time_source"] = source.text(13);
        s["clock_domain"] = source.text(14);
        s["clock_offset_ns"] = source.int64(15);
        s["clock_origin"] = source.text(16);
        s["clock_residual_ns"] = optionalInt(source, 17);
        s["origin"] = source.text(18);
        s["sha256"] = source.text(19);
        s["imported_at"] = formatRfc3339(source.int64(20));
        sources.push_back(std::move(s));
    }
    info["sources"] = std::move(sources);

    json tracks = json::array();
    Statement track = db.prepare(
        "SELECT id, source_id, kind, name, unit, labels, row_count FROM v_tracks ORDER BY id");
    while (track.step()) {
        tracks.push_back({{"id", track.int64(0)},
                          {"source_id", track.int64(1)},
                          {"kind", track.text(2)},
                          {"name", track.text(3)},
                          {"unit", track.isNull(4) ? json(nullptr) : json(track.text(4))},
                          {"labels", parseLabels(track.textView(5))},
                          {"count", track.int64(6)}});
    }
    info["tracks"] = std::move(tracks);

    json errors = json::array();
    Statement error = db.prepare(
        "SELECT source_id, line, byte, kind, message, excerpt FROM ("
        "  SELECT *, row_number() OVER (PARTITION BY source_id ORDER BY id) AS n "
        "  FROM v_import_errors) WHERE n <= 20 ORDER BY source_id, n");
    while (error.step()) {
        errors.push_back({{"source_id", error.int64(0)},
                          {"line", optionalInt(error, 1)},
                          {"byte", optionalInt(error, 2)},
                          {"kind", error.text(3)},
                          {"message", error.text(4)},
                          {"excerpt", error.isNull(5) ? json(nullptr) : json(error.text(5))}});
    }
    info["errors"] = std::move(errors);
    return info;
}

namespace {
std::string timeOrDash(const json &value)
{
    return value.is_string() ? value.get<std::string>() : std::string("-");
}
} // namespace

std::string toText(const json &info)
{
    std::ostringstream out;
    out << "Case:    " << info["title"].get<std::string>() << "  (" << info["case_uuid"].get<std::string>()
        << ", schema " << info["schema_version"].get<int>() << ")\n";
    out << "Range:   " << timeOrDash(info["first_ts"]) << " .. " << timeOrDash(info["last_ts"])
        << "\n";
    out << "Sources: " << info["sources"].size() << "\n";
    char line[512];
    for (const json &s : info["sources"]) {
        std::snprintf(line, sizeof line, "  #%-3lld %-8s %-16s %10lld records %6lld rejected  %-8s %s\n",
                      static_cast<long long>(s["id"].get<std::int64_t>()),
                      s["kind"].get<std::string>().c_str(), s["format"].get<std::string>().c_str(),
                      static_cast<long long>(s["records"].get<std::int64_t>()),
                      static_cast<long long>(s["rejected"].get<std::int64_t>()),
                      s["state"].get<std::string>().c_str(), s["name"].get<std::string>().c_str());
        out << line;
        out << "        " << timeOrDash(s["first_ts"]) << " .. " << timeOrDash(s["last_ts"])
            << "  (tz " << s["tz"].get<std::string>() << ", time from "
            << s["time_source"].get<std::string>() << ")\n";
        if (s["clock_domain"] != "wall" || s["clock_origin"] != "none") {
            std::snprintf(line, sizeof line, "        clock %s, offset %+.6f s (%s",
                          s["clock_domain"].get<std::string>().c_str(),
                          double(s["clock_offset_ns"].get<std::int64_t>()) / 1e9,
                          s["clock_origin"].get<std::string>().c_str());
            out << line;
            if (s["clock_residual_ns"].is_number())
                out << ", residual "
                    << double(s["clock_residual_ns"].get<std::int64_t>()) / 1e6 << " ms";
            out << ")\n";
        }
    }
    out << "Tracks:  " << info["tracks"].size() << "\n";
    for (const json &t : info["tracks"]) {
        std::snprintf(line, sizeof line, "  #%-3lld source %-3lld %-8s %-28s %10lld rows\n",
                      static_cast<long long>(t["id"].get<std::int64_t>()),
                      static_cast<long long>(t["source_id"].get<std::int64_t>()),
                      t["kind"].get<std::string>().c_str(), t["name"].get<std::string>().c_str(),
                      static_cast<long long>(t["count"].get<std::int64_t>()));
        out << line;
    }
    if (!info["errors"].empty()) {
        out << "Import errors (first 20 per source):\n";
        for (const json &e : info["errors"]) {
            out << "  source " << e["source_id"].get<std::int64_t>();
            if (e["line"].is_number())
                out << " line " << e["line"].get<std::int64_t>();
            else if (e["byte"].is_number())
                out << " byte " << e["byte"].get<std::int64_t>();
            out << " " << e["kind"].get<std::string>() << ": " << e["message"].get<std::string>();
            if (e["excerpt"].is_string() && !e["excerpt"].get<std::string>().empty())
                out << "  [" << e["excerpt"].get<std::string>() << "]";
            out << "\n";
        }
    }
    return out.str();
}

} // namespace perfcase::CaseInfo
