#!/usr/bin/env python3
"""Builds a large Chrome trace from a real one, for the trace import benchmark.

Usage: gen_trace.py OUTPUT [MEGABYTES] [--source TRACE]

Repeats the events of a corpus trace (default: Lighthouse's
lh_speedindex-1ms_8MB.json, a Chrome 100+ page load as DevTools records it)
until the output reaches MEGABYTES (default 400, 10^6 bytes). Copy k has every
"ts" shifted by k x (the source's span + 1 s), so the result reads as one long
recording of the same page: same processes and threads, time always moving on.
The output is the object form Chrome writes, one event per line:
{"traceEvents":[ ... ],"metadata":{"source":"gen_trace.py", ...}}, with the
metadata after the events (as DevTools' web-dev trace has it).

Events are re-serialised with json.dumps(separators=(",", ":")) in their
original key order; only "ts" changes. M (metadata) events keep ts 0 and are
written once, at the start. Deterministic: the same arguments give the same
bytes.
"""

import argparse
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, "..", "..", "shared", "corpus", "chrome_traces",
                              "lh_speedindex-1ms_8MB.json")


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        doc = json.load(f)
    return doc if isinstance(doc, list) else doc["traceEvents"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    parser.add_argument("megabytes", nargs="?", type=float, default=400.0)
    parser.add_argument("--source", default=DEFAULT_SOURCE)
    args = parser.parse_args()

    events = load(args.source)
    meta = [e for e in events if e.get("ph") == "M"]
    timed = [e for e in events if e.get("ph") != "M" and isinstance(e.get("ts"), int)]
    if not timed:
        sys.exit("gen_trace.py: no timed events in %s" % args.source)
    first = min(e["ts"] for e in timed)
    last = max(e["ts"] + (e.get("dur") or 0) for e in timed)
    step = last - first + 1_000_000  # µs: the span plus one second
    target = int(args.megabytes * 1e6)

    # Serialise once around a placeholder for ts, then join the parts per copy.
    templates = []
    for e in timed:
        shifted = dict(e)
        shifted["ts"] = "\x00"
        text = json.dumps(shifted, separators=(",", ":"), ensure_ascii=False)
        before, after = text.split('"\\u0000"')
        templates.append((before, e["ts"], after))

    tmp = args.output + ".partial"
    written = 0
    copies = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        def put(text):
            nonlocal written
            out.write(text)
            written += len(text.encode("utf-8"))
        put('{"traceEvents":[\n')
        for i, e in enumerate(meta):
            put(json.dumps(e, separators=(",", ":"), ensure_ascii=False) + ",\n")
        while written < target:
            shift = copies * step
            chunk = [before + str(ts + shift) + after for before, ts, after in templates]
            put(",\n".join(chunk))
            copies += 1
            put(",\n" if written < target else "\n")
        put('],\n"metadata":{"source":"gen_trace.py","copies":%d,"source-trace":%s}}\n'
            % (copies, json.dumps(os.path.basename(args.source))))
    os.replace(tmp, args.output)
    print("%s: %d copies of %d events (+%d metadata events), %d bytes"
          % (args.output, copies, len(timed), len(meta), written))


if __name__ == "__main__":
    main()
