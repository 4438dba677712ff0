#!/usr/bin/env python3
"""Writes the bundled sample logs (our own, synthetic): a 10-minute window of
the flagship incident — a 10k-row CSV import into the table UI — as seen by the
API pod (kubectl logs --timestamps), the ingress (combined access log),
PostgreSQL (stderr with log_min_duration_statement) and a Celery worker.
Deterministic: the same files every run."""
import datetime as dt
import random

rng = random.Random(20261120)
start = dt.datetime(2026, 11, 20, 10, 0, 0, tzinfo=dt.timezone.utc)


def rfc3339(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond:06d}000Z"


def api_pod():
    lines = []
    t = start
    for i in range(600):
        t += dt.timedelta(milliseconds=rng.randint(200, 1800))
        phase_import = dt.timedelta(minutes=2) < t - start < dt.timedelta(minutes=6)
        r = rng.random()
        if phase_import and r < 0.35:
            event = rng.choice(["cells_update_batch", "cell_update", "column_run_progress", "credits_update"])
            lines.append(f'{rfc3339(t)} emitting event "{event}" to room table:42 [/]')
        elif r < 0.7:
            status, path = (200, f"/api/tables/42/rows?offset={rng.randint(0, 99) * 100}&limit=100")
            if phase_import and rng.random() < 0.1:
                status = 504
            phrase = {200: "OK", 504: "Gateway Timeout"}[status]
            lines.append(f'{rfc3339(t)} INFO:     10.244.1.{rng.randint(2, 250)}:{rng.randint(30000, 60000)} - "GET {path} HTTP/1.1" {status} {phrase}')
        elif r < 0.8 and phase_import:
            lines.append(f"{rfc3339(t)} WARNING:  readiness probe slow: /healthz took {rng.randint(900, 3000)} ms")
        elif r < 0.83 and phase_import:
            lines.append(f"{rfc3339(t)} ERROR:    Exception in ASGI application")
            for frame in ["Traceback (most recent call last):",
                          '  File "/app/api/rows.py", line 88, in fetch_rows',
                          "    rows = await session.execute(query)",
                          "asyncpg.exceptions.QueryCanceledError: canceling statement due to statement timeout"]:
                lines.append(f"{rfc3339(t)} {frame}")
        else:
            ms = rng.uniform(5, 900 if phase_import else 60)
            lines.append(f"{rfc3339(t)} {t.strftime('%Y-%m-%d %H:%M:%S')},{t.microsecond // 1000:03d} - app.api.rows - INFO - fetched 100 rows in {ms:.1f} ms table_id=42")
    return lines


def ingress():
    lines = []
    t = start
    for i in range(400):
        t += dt.timedelta(milliseconds=rng.randint(500, 2500))
        status = 200 if rng.random() > 0.05 else rng.choice([499, 502, 504])
        path = rng.choice(["/api/tables/42/rows?offset=0&limit=100", "/api/imports/7/preview", "/socket.io/?EIO=4&transport=websocket", "/healthz"])
        lines.append(f'10.0.{rng.randint(0, 3)}.{rng.randint(2, 250)} - - [{t.strftime("%d/%b/%Y:%H:%M:%S +0000")}] "GET {path} HTTP/1.1" {status} {rng.randint(200, 90000)} "https://app.example.test/tables/42" "Mozilla/5.0 (X11; Linux x86_64)"')
    return lines


def postgres():
    lines = []
    t = start
    for i in range(300):
        t += dt.timedelta(milliseconds=rng.randint(500, 3500))
        ms = rng.uniform(1, 40) if rng.random() > 0.15 else rng.uniform(800, 9000)
        pid = rng.randint(1000, 1100)
        stamp = t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d} UTC"
        lines.append(f"{stamp} [{pid}] LOG:  duration: {ms:.3f} ms  statement: SELECT * FROM cells WHERE table_id = 42 ORDER BY row_index OFFSET {rng.randint(0, 99) * 100} LIMIT 100")
        if rng.random() < 0.03:
            lines.append(f"{stamp} [{pid}] ERROR:  canceling statement due to statement timeout")
            lines.append(f"{stamp} [{pid}] STATEMENT:  UPDATE cells SET value = $1")
            lines.append("\tWHERE table_id = 42 AND row_index = $2")
    return lines


def celery():
    lines = []
    t = start + dt.timedelta(minutes=2)
    for i in range(120):
        t += dt.timedelta(milliseconds=rng.randint(500, 4000))
        stamp = t.strftime("%Y-%m-%d %H:%M:%S,") + f"{t.microsecond // 1000:03d}"
        task = f"{rng.getrandbits(64):016x}"
        lines.append(f"[{stamp}: INFO/MainProcess] Task imports.process_chunk[{task}] received")
        lines.append(f"[{stamp}: INFO/ForkPoolWorker-{rng.randint(1, 4)}] Task imports.process_chunk[{task}] succeeded in {rng.uniform(0.2, 6):.4f}s: None")
    return lines


import os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples"))
for name, lines in [("api-pod.log", api_pod()), ("ingress-access.log", ingress()),
                    ("postgres.log", postgres()), ("celery-worker.log", celery())]:
    with open(name, "w") as out:
        out.write("\n".join(lines) + "\n")
