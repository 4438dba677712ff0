#include "CaseSchema.h"

#include "CaseFileError.h"
#include "sqlite/Database.h"

#include <map>
#include <string>
#include <tuple>

namespace perfcase::CaseSchema {

std::string_view tablesSql()
{
    return R"SQL(
CREATE TABLE meta(
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT
);
CREATE TABLE sources(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  origin TEXT NOT NULL,
  format TEXT NOT NULL,
  compression TEXT NOT NULL DEFAULT 'none',
  sha256 TEXT,
  dedup_key TEXT,
  options TEXT NOT NULL DEFAULT '{}',
  imported_at INTEGER NOT NULL,
  bytes INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  ignored INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'importing',
  ready INTEGER NOT NULL DEFAULT 0,
  importer_pid INTEGER,
  first_raw_ns INTEGER,
  last_raw_ns INTEGER,
  tz TEXT NOT NULL DEFAULT 'UTC',
  time_source TEXT NOT NULL DEFAULT 'data',
  clock_domain TEXT NOT NULL DEFAULT 'wall',
  clock_offset_ns INTEGER NOT NULL DEFAULT 0,
  clock_origin TEXT NOT NULL DEFAULT 'none',
  clock_residual_ns INTEGER,
  rows_seconds REAL,
  seconds REAL
);
CREATE INDEX sources_dedup ON sources(dedup_key);
CREATE TABLE clock_changes(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  source_id INTEGER NOT NULL,
  offset_ns INTEGER NOT NULL,
  origin TEXT NOT NULL,
  residual_ns INTEGER,
  author TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE import_errors(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  line INTEGER,
  byte INTEGER,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  excerpt TEXT
);
CREATE INDEX import_errors_source ON import_errors(source_id);
CREATE TABLE tracks(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT,
  labels TEXT NOT NULL DEFAULT '{}',
  row_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tracks_source ON tracks(source_id);
CREATE TABLE counters(
  track_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  value REAL NOT NULL
);
CREATE INDEX counters_track_ts ON counters(track_id, ts);
CREATE TABLE counter_levels(
  track_id INTEGER NOT NULL,
  width INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  sum REAL NOT NULL,
  count INTEGER NOT NULL,
  first REAL NOT NULL,
  last REAL NOT NULL
);
CREATE INDEX counter_levels_track ON counter_levels(track_id, width, ts);
CREATE TABLE slices(
  id INTEGER PRIMARY KEY,
  track_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  dur INTEGER NOT NULL,
  name TEXT NOT NULL,
  category TEXT,
  depth INTEGER NOT NULL DEFAULT 0,
  args TEXT
);
CREATE INDEX slices_track_ts ON slices(track_id, ts);
CREATE TABLE instants(
  id INTEGER PRIMARY KEY,
  track_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  name TEXT NOT NULL,
  severity INTEGER,
  args TEXT
);
CREATE INDEX instants_track_ts ON instants(track_id, ts);
CREATE TABLE logs(
  id INTEGER PRIMARY KEY,
  track_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  level INTEGER,
  message TEXT NOT NULL,
  line INTEGER,
  template_id INTEGER
);
CREATE TABLE log_blocks(
  track_id INTEGER NOT NULL,
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  rows INTEGER NOT NULL
);
CREATE INDEX log_blocks_track_ts ON log_blocks(track_id, first_ts);
CREATE TABLE log_rates(
  track_id INTEGER NOT NULL,
  width INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  level INTEGER NOT NULL,
  count INTEGER NOT NULL
);
CREATE INDEX log_rates_width_ts ON log_rates(width, ts);
CREATE TABLE log_templates(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  pattern TEXT NOT NULL,
  count INTEGER NOT NULL
);
CREATE INDEX log_templates_source ON log_templates(source_id);
CREATE VIRTUAL TABLE logs_fts USING fts5(message, content='logs', content_rowid='id', columnsize=0);
CREATE TABLE objects(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT,
  name TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX objects_source ON objects(source_id);
CREATE TABLE annotations(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  ts INTEGER NOT NULL,
  end_ts INTEGER,
  text TEXT NOT NULL,
  author TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE checklist(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  playbook TEXT NOT NULL,
  step TEXT NOT NULL,
  auto_verdict TEXT,
  user_verdict TEXT,
  justification TEXT,
  author TEXT,
  decided_at INTEGER,
  evidence TEXT
);
CREATE INDEX checklist_step ON checklist(playbook, step);
CREATE TABLE findings(
  id INTEGER PRIMARY KEY,
  playbook TEXT NOT NULL,
  step TEXT,
  severity TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT,
  ts INTEGER,
  end_ts INTEGER,
  evidence TEXT
);
CREATE TABLE notes(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  playbook TEXT NOT NULL,
  step TEXT NOT NULL,
  author TEXT,
  created_at INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE blobs(
  id INTEGER PRIMARY KEY,
  source_id INTEGER,
  name TEXT NOT NULL,
  compression TEXT NOT NULL DEFAULT 'none',
  sha256 TEXT,
  data BLOB NOT NULL
);
CREATE TABLE layout(
  id INTEGER PRIMARY KEY,
  json TEXT NOT NULL
);
)SQL";
}

std::string_view viewsSql()
{
    return R"SQL(
CREATE TEMP VIEW v_sources AS
  SELECT id, uuid, kind, name, origin, format, compression, sha256, imported_at, bytes, records,
         rejected, ignored, state, first_raw_ns + clock_offset_ns AS first_ts,
         last_raw_ns + clock_offset_ns AS last_ts, first_raw_ns, last_raw_ns, tz, time_source,
         clock_domain, clock_offset_ns, clock_origin, clock_residual_ns
  FROM main.sources WHERE ready = 1;
CREATE TEMP VIEW v_tracks AS
  SELECT t.id, t.source_id, t.kind, t.name, t.unit, t.labels, t.row_count
  FROM main.tracks t JOIN main.sources s ON s.id = t.source_id AND s.ready = 1;
CREATE TEMP VIEW v_import_errors AS
  SELECT e.id, e.source_id, e.line, e.byte, e.kind, e.message, e.excerpt
  FROM main.import_errors e JOIN main.sources s ON s.id = e.source_id AND s.ready = 1;
CREATE TEMP VIEW v_logs AS
  SELECT l.id, l.ts + s.clock_offset_ns AS ts, l.ts AS raw_ts, s.id AS source_id,
         l.track_id, s.name AS source,
         CASE l.level WHEN 0 THEN 'trace' WHEN 1 THEN 'debug' WHEN 2 THEN 'info'
           WHEN 3 THEN 'notice' WHEN 4 THEN 'warning' WHEN 5 THEN 'error'
           WHEN 6 THEN 'critical' END AS level,
         l.level AS level_num, l.message, l.line,
         json_extract(t.labels, '$.pod') AS pod, json_extract(t.labels, '$.container') AS container,
         l.template_id
  FROM main.logs l JOIN main.tracks t ON t.id = l.track_id
       JOIN main.sources s ON s.id = t.source_id AND s.ready = 1;
CREATE TEMP VIEW v_log_blocks AS
  SELECT b.track_id, s.id AS source_id, b.first_id, b.last_id,
         b.first_ts + s.clock_offset_ns AS first_ts, b.last_ts + s.clock_offset_ns AS last_ts, b.rows
  FROM main.log_blocks b JOIN main.tracks t ON t.id = b.track_id
       JOIN main.sources s ON s.id = t.source_id AND s.ready = 1;
CREATE TEMP VIEW v_log_search AS
  SELECT rowid AS id, message FROM main.logs_fts;
CREATE TEMP VIEW v_counters AS
  SELECT c.track_id, t.name AS track, c.ts + s.clock_offset_ns AS ts, c.ts AS raw_ts, c.value,
         t.unit, t.labels, s.id AS source_id
  FROM main.counters c JOIN main.tracks t ON t.id = c.track_id
       JOIN main.sources s ON s.id = t.source_id AND s.ready = 1;
CREATE TEMP VIEW v_counter_levels AS
  SELECT c.track_id, c.width, c.ts + s.clock_offset_ns AS ts, c.ts AS raw_ts, c.min, c.max, c.sum,
         c.count, c.first, c.last, s.id AS source_id
  FROM main.counter_levels c JOIN main.tracks t ON t.id = c.track_id
       JOIN main.sources s ON s.id = t.source_id AND s.ready = 1;
CREATE TEMP VIEW v_log_rates AS
  SELECT r.track_id, r.width, r.ts + s.clock_offset_ns AS ts, r.ts AS raw_ts, r.level AS level_num,
         r.count, s.id AS source_id
  FROM main.log_rates r JOIN main.tracks t ON t.id = r.track_id
       JOIN main.sources s ON s.id = t.source_id AND s.ready = 1;
CREATE TEMP VIEW v_log_templates AS
  SELECT p.id, p.source_id, p.pattern, p.count
  FROM main.log_templates p JOIN main.sources s ON s.id = p.source_id AND s.ready = 1;
CREATE TEMP VIEW v_slices AS
  SELECT x.id, x.track_id, t.name AS track, x.ts + s.clock_offset_ns AS ts, x.ts AS raw_ts, x.dur,
         x.ts + s.clock_offset_ns + x.dur AS end_ts, x.name, x.category, x.depth, x.args,
         t.labels, s.id AS source_id
  FROM main.slices x JOIN main.tracks t ON t.id = x.track_id
       JOIN main.sources s ON s.id = t.source_id AND s.ready = 1;
CREATE TEMP VIEW v_instants AS
  SELECT i.id, i.track_id, t.name AS track, i.ts + s.clock_offset_ns AS ts, i.ts AS raw_ts, i.name,
         CASE i.severity WHEN 0 THEN 'trace' WHEN 1 THEN 'debug' WHEN 2 THEN 'info'
           WHEN 3 THEN 'notice' WHEN 4 THEN 'warning' WHEN 5 THEN 'error'
           WHEN 6 THEN 'critical' END AS severity,
         i.args, t.labels, s.id AS source_id
  FROM main.instants i JOIN main.tracks t ON t.id = i.track_id
       JOIN main.sources s ON s.id = t.source_id AND s.ready = 1;
CREATE TEMP VIEW v_objects AS
  SELECT o.id, o.source_id, o.ts + s.clock_offset_ns AS ts, o.kind, o.namespace, o.name, o.json
  FROM main.objects o JOIN main.sources s ON s.id = o.source_id AND s.ready = 1;
CREATE TEMP VIEW v_annotations AS
  SELECT id, uuid, ts, end_ts, text, author, created_at FROM main.annotations;
CREATE TEMP VIEW v_checklist AS
  SELECT id, uuid, playbook, step, auto_verdict, user_verdict, justification, author, decided_at,
         evidence FROM main.checklist;
CREATE TEMP VIEW v_findings AS
  SELECT id, playbook, step, severity, title, detail, ts, end_ts, evidence FROM main.findings;
CREATE TEMP VIEW v_notes AS
  SELECT id, uuid, playbook, step, author, created_at, text FROM main.notes;
CREATE TEMP VIEW v_meta AS SELECT key, value FROM main.meta;
CREATE TEMP VIEW v_lag_windows AS
  WITH lagging AS (
    SELECT ts, end_ts, dur FROM temp.v_slices
    WHERE track IN ('browser.long_frames', 'browser.long_tasks')),
  marked AS (
    SELECT ts, end_ts, dur,
           CASE WHEN ts - max(end_ts) OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING
                                                          AND 1 PRECEDING) <= 1000000000
                THEN 0 ELSE 1 END AS opens
    FROM lagging),
  numbered AS (
    SELECT *, sum(opens) OVER (ORDER BY ts ROWS UNBOUNDED PRECEDING) AS window_id FROM marked)
  SELECT window_id AS id, min(ts) AS ts, max(end_ts) AS end_ts, max(end_ts) - min(ts) AS dur,
         count(*) AS slices, sum(dur) AS busy_ns, max(dur) AS worst_ns
  FROM numbered GROUP BY window_id HAVING count(*) >= 2;
)SQL";
}

void create(Database &db)
{
    db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version=" + std::to_string(kVersion));
    db.exec(tablesSql());
}

void createViews(Database &db)
{
    db.exec(viewsSql());
}

namespace {

using SchemaEntry = std::tuple<std::string, std::string, std::string>; // type, tbl_name, sql

std::map<std::string, SchemaEntry> readSchema(Database &db)
{
    std::map<std::string, SchemaEntry> entries;
    Statement statement = db.prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_schema");
    while (statement.step()) {
        entries[statement.text(1)] =
            SchemaEntry{statement.text(0), statement.text(2), statement.text(3)};
    }
    return entries;
}

const std::map<std::string, SchemaEntry> &expectedSchema()
{
    static const std::map<std::string, SchemaEntry> expected = [] {
        Database reference(":memory:", Database::Mode::Memory);
        create(reference);
        return readSchema(reference);
    }();
    return expected;
}

} // namespace

void verify(Database &db)
{
    const auto actual = readSchema(db);
    const auto &expected = expectedSchema();
    for (const auto &[name, entry] : actual) {
        auto found = expected.find(name);
        if (found == expected.end())
            throw CaseFileError(CaseFileError::Hostile, "unexpected " + std::get<0>(entry) + " \"" +
                                                            name + "\" in the schema");
        if (found->second != entry)
            throw CaseFileError(CaseFileError::Hostile, "the definition of \"" + name +
                                                            "\" differs from schema version " +
                                                            std::to_string(kVersion));
    }
    for (const auto &[name, entry] : expected) {
        if (!actual.count(name))
            throw CaseFileError(CaseFileError::Corrupt, "the schema lacks \"" + name + "\"");
    }
}

} // namespace perfcase::CaseSchema
