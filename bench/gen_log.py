#!/usr/bin/env python3
"""Deterministic generator of a mixed API-pod log, as `kubectl logs --timestamps` prints it.

Every physical line starts with an RFC 3339 nano timestamp (strictly increasing)
followed by one of:

  * a uvicorn access line
        INFO:     10.244.1.17:53122 - "GET /api/tables/42/rows?offset=1000&limit=100 HTTP/1.1" 200 OK
  * a Python logging line (format "%(asctime)s - %(name)s - %(levelname)s - %(message)s")
        2026-11-20 10:00:00,123 - app.api.rows - INFO - fetched 100 rows in 12.3 ms table_id=42
  * a python-socketio emission line (its default logger prints the bare message)
        emitting event "cells_update_batch" to room table:42 [/]
  * now and then an uvicorn "Exception in ASGI application" followed by a
    multi-line Python traceback; kubectl prefixes each traceback line with its
    own timestamp, so each of them is a separate timestamped line.

Usage: gen_log.py OUTPUT [LINES] [--seed N]

LINES counts physical lines (default 1,000,000, about 100 MB). The output
depends only on LINES and the seed: the same arguments give the same bytes on
any Python 3 (only random.Random.random() is used, whose sequence is stable).
"""

import argparse
import calendar
import random
import sys

DEFAULT_LINES = 1_000_000
DEFAULT_SEED = 20261120
START = calendar.timegm((2026, 11, 20, 10, 0, 0, 0, 0, 0))  # 2026-11-20T10:00:00Z
NS = 1_000_000_000


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.ts_ns = START * NS
        self.day_cache_key = None
        self.day_cache = ""

    # --- randomness built on random() only, so the stream never depends on
    # the Python version's randrange/choice algorithms.
    def below(self, n):
        return int(self.rng.random() * n)

    def between(self, lo, hi):  # inclusive
        return lo + self.below(hi - lo + 1)

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, table):
        """table: list of (weight, value) with weights summing to 1000."""
        r = self.below(1000)
        for weight, value in table:
            if r < weight:
                return value
            r -= weight
        return table[-1][1]

    # --- time
    def advance(self, lo_ns, hi_ns):
        self.ts_ns += self.between(lo_ns, hi_ns)

    def stamp(self):
        sec, frac = divmod(self.ts_ns, NS)
        day, rem = divmod(sec, 86400)
        if day != self.day_cache_key:
            y, mo, d = _civil(day)
            self.day_cache_key = day
            self.day_cache = "%04d-%02d-%02d" % (y, mo, d)
        h, rem = divmod(rem, 3600)
        m, s = divmod(rem, 60)
        return "%sT%02d:%02d:%02d.%09dZ " % (self.day_cache, h, m, s, frac)

    def py_asctime(self):
        """The app's own clock: a little before kubectl saw the line, millisecond precision."""
        t = self.ts_ns - self.between(50_000, 900_000)
        sec, frac = divmod(t, NS)
        day, rem = divmod(sec, 86400)
        y, mo, d = _civil(day)
        h, rem = divmod(rem, 3600)
        m, s = divmod(rem, 60)
        return "%04d-%02d-%02d %02d:%02d:%02d,%03d" % (y, mo, d, h, m, s, frac // 1_000_000)


def _civil(days):
    """Days since 1970-01-01 -> (year, month, day), proleptic Gregorian."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


CLIENTS = ["10.244.1.%d" % i for i in (3, 17, 22, 41, 58, 97, 130, 201)] + ["10.244.0.1"]
STATUS_TEXT = {200: "OK", 201: "Created", 204: "No Content", 304: "Not Modified",
               400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
               409: "Conflict", 422: "Unprocessable Entity", 429: "Too Many Requests",
               500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
ROOMS_EVENTS = ["cells_update_batch", "cells_update_batch", "cells_update_batch",
                "row_inserted", "presence", "cursor_moved", "import_progress", "table_saved"]
LOGGERS = ["app.api.rows", "app.api.tables", "app.api.import", "app.services.cells",
           "app.db.session", "app.ws.events", "sqlalchemy.engine.Engine", "app.auth"]


def access_line(g):
    table = g.between(1, 120)
    kind = g.weighted([(420, "rows"), (120, "table"), (90, "cells"), (80, "health"),
                       (60, "metrics"), (80, "import"), (60, "columns"), (50, "sio"),
                       (60, "search")])
    method = "GET"
    if kind == "rows":
        path = "/api/tables/%d/rows?offset=%d&limit=100" % (table, g.below(100) * 100)
    elif kind == "table":
        path = "/api/tables/%d" % table
    elif kind == "cells":
        method = "PATCH"
        path = "/api/tables/%d/cells" % table
    elif kind == "health":
        path = "/healthz"
    elif kind == "metrics":
        path = "/metrics"
    elif kind == "import":
        method = "POST"
        path = "/api/tables/%d/import" % table
    elif kind == "columns":
        path = "/api/tables/%d/columns" % table
    elif kind == "sio":
        path = "/socket.io/?EIO=4&transport=polling&t=%s" % "".join(
            g.pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(7))
    else:
        path = "/api/tables/%d/search?q=%s" % (table, g.pick(["acme", "total", "q3", "paris", "id%3D7"]))
    status = g.weighted([(900, 200), (20, 201), (10, 204), (15, 304), (10, 400), (5, 401),
                         (15, 404), (5, 409), (5, 422), (5, 429), (7, 500), (2, 502), (1, 503)])
    if method == "POST" and status == 200:
        status = 201
    elif method != "POST" and status == 201:
        status = 200
    return 'INFO:     %s:%d - "%s %s HTTP/1.1" %d %s' % (
        g.pick(CLIENTS), g.between(32768, 60999), method, path, status, STATUS_TEXT[status])


def app_line(g):
    level = g.weighted([(900, "INFO"), (70, "WARNING"), (25, "ERROR"), (5, "DEBUG")])
    table = g.between(1, 120)
    logger = g.pick(LOGGERS)
    if level == "INFO" or level == "DEBUG":
        msg = g.weighted([
            (400, lambda: "fetched %d rows in %.1f ms table_id=%d" % (
                g.pick([50, 100, 100, 100, 200]), g.between(8, 900) / 10, table)),
            (200, lambda: "updated %d cells table_id=%d user=u%d" % (
                g.between(1, 400), table, g.between(1, 40))),
            (150, lambda: "import progress %d%% table_id=%d" % (g.below(101), table)),
            (150, lambda: "GET /api/tables/%d/rows status=200 time=%.2fms" % (
                table, g.between(100, 40000) / 100)),
            (100, lambda: "pool checkout conn=%d in_use=%d/20" % (g.below(20), g.between(1, 20))),
        ])()
    elif level == "WARNING":
        msg = g.weighted([
            (400, lambda: "slow query %.1f ms table_id=%d: SELECT * FROM cells WHERE table_id=%d" % (
                g.between(5000, 90000) / 10, table, table)),
            (300, lambda: "emit queue backlog %d events room table:%d" % (g.between(500, 9000), table)),
            (300, lambda: "QueuePool limit of size 20 overflow 10 reached, wait %.1fs" % (
                g.between(1, 300) / 10)),
        ])()
    else:
        msg = g.weighted([
            (500, lambda: "request failed table_id=%d: TimeoutError after 30.0s" % table),
            (500, lambda: "could not save cells table_id=%d: deadlock detected" % table),
        ])()
    return "%s - %s - %s - %s" % (g.py_asctime(), logger, level, msg)


def socketio_line(g):
    if g.below(10) < 8:
        return 'emitting event "%s" to room table:%d [/]' % (g.pick(ROOMS_EVENTS), g.between(1, 120))
    return 'received event "%s" from %s [/]' % (
        g.pick(["scroll", "select_cells", "edit_cell", "join_table"]),
        "".join(g.pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
                for _ in range(20)))


SITE = "/usr/local/lib/python3.11/site-packages"
TRACEBACK_FRAMES = [
    ('%s/uvicorn/protocols/http/httptools_impl.py' % SITE, 426, "run_asgi",
     "result = await app(  # type: ignore[func-returns-value]"),
    ('%s/uvicorn/middleware/proxy_headers.py' % SITE, 84, "__call__",
     "return await self.app(scope, receive, send)"),
    ('%s/starlette/routing.py' % SITE, 677, "app",
     "await route.handle(scope, receive, send)"),
    ('%s/fastapi/routing.py' % SITE, 278, "app",
     "raw_response = await run_endpoint_function("),
    ("/app/app/api/rows.py", 57, "get_rows",
     "rows = await service.fetch_rows(table_id, offset, limit)"),
    ("/app/app/services/cells.py", 131, "fetch_rows",
     "result = await session.execute(stmt)"),
    ('%s/sqlalchemy/ext/asyncio/session.py' % SITE, 461, "execute",
     "result = await greenlet_spawn("),
]
EXCEPTIONS = [
    "sqlalchemy.exc.TimeoutError: QueuePool limit of size 20 overflow 10 reached, "
    "connection timed out, timeout 30.00",
    "asyncpg.exceptions.QueryCanceledError: canceling statement due to statement timeout",
    "KeyError: 'column_id'",
]


def traceback_lines(g):
    frames = TRACEBACK_FRAMES[:g.between(4, len(TRACEBACK_FRAMES))]
    lines = ["ERROR:    Exception in ASGI application", "Traceback (most recent call last):"]
    for path, line, func, code in frames:
        lines.append('  File "%s", line %d, in %s' % (path, line, func))
        lines.append("    " + code)
    lines.append(g.pick(EXCEPTIONS))
    return lines


def generate(out, total, seed):
    g = Gen(seed)
    written = 0
    chunk = []
    while written < total:
        kind = g.weighted([(430, "sio"), (300, "access"), (268, "app"), (2, "traceback")])
        if kind == "traceback":
            lines = traceback_lines(g)[:total - written]
            for i, text in enumerate(lines):
                # Each traceback line is printed a few microseconds after the previous one.
                g.advance(1_000, 40_000) if i else g.advance(100_000, 20_000_000)
                chunk.append(g.stamp() + text + "\n")
            written += len(lines)
        else:
            # ~1M lines spread over about three hours of a busy pod.
            g.advance(1, 22_000_000)
            if kind == "sio":
                text = socketio_line(g)
            elif kind == "access":
                text = access_line(g)
            else:
                text = app_line(g)
            chunk.append(g.stamp() + text + "\n")
            written += 1
        if len(chunk) >= 20000:
            out.write("".join(chunk))
            chunk.clear()
    out.write("".join(chunk))
    return written


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="file to write (overwritten)")
    parser.add_argument("lines", nargs="?", type=int, default=DEFAULT_LINES,
                        help="number of lines (default %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.lines <= 0:
        parser.error("LINES must be positive")
    with open(args.output, "w", encoding="ascii", newline="\n") as out:
        generate(out, args.lines, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
