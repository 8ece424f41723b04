#!/usr/bin/env python3
"""Forms API under load on this machine: p50/p99 latency and throughput of ``POST /forms/{id}``.

    .venv/bin/python benchmarks/forms_api.py [--seconds 10] [--connections 4] [--markdown --work DIR]

Starts ``functions/local_server.py`` (what ``civicat serve`` runs behind /api) on 127.0.0.1 and
drives it with a bounded load generator: N threads, each a keep-alive HTTP/1.1 connection posting
JSON contact-form submissions for a fixed time. Stores: SQLite (the local default) and DynamoDB on
moto's server (an emulator in Python, itself far slower than DynamoDB: its figure bounds the
emulator, not our code). Every answer must be 201 and every submission stored:
the figures are for work actually done. A benchmark: it prints, it asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FUNCTIONS = REPO / "functions"
FORMS = REPO / "tests" / "functions" / "fixtures" / "forms.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def body() -> bytes:
    return json.dumps({
        "lang": "de", "submission_key": uuid.uuid4().hex, "started_at": int(time.time() * 1000) - 60_000,
        "website": "", "name": "Erika Mustermann", "email": "erika@example.org",
        "topic": "allgemein", "message": "Wann hat das Bürgerbüro am Donnerstag geöffnet?",
    }).encode()


def load(port: int, seconds: float, connections: int, peer: bool = False) -> dict:
    """``connections`` keep-alive clients posting submissions for ``seconds``; with ``peer`` they ask
    ``GET /health`` instead: the same server and framework doing no work, the ceiling to compare with."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < stop_at:
            payload = None if peer else body()
            started = time.perf_counter()
            if peer:
                conn.request("GET", "/health")
            else:
                conn.request("POST", "/forms/kontakt", body=payload, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            latencies[index].append(time.perf_counter() - started)
            with lock:
                statuses[response.status] = statuses.get(response.status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    flat = sorted(x for per in latencies for x in per)
    return {"requests": len(flat), "rps": len(flat) / elapsed, "p50": statistics.median(flat) * 1000,
            "p99": flat[int(len(flat) * 0.99) - 1] * 1000, "statuses": statuses}


def mail_lag(outbox: Path, expected: int, limit: float = 120) -> float:
    """Seconds after the load ended until the background worker had written every mail."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if outbox.exists() and sum(1 for _ in outbox.glob("*.eml")) >= expected:
            break
        time.sleep(0.1)
    return time.perf_counter() - started


def server(env: dict, port: int, log: Path) -> subprocess.Popen:
    """The local server; what it prints goes to ``log`` (a 500 during the load is explained there)."""
    with open(log, "wb") as handle:
        process = subprocess.Popen([sys.executable, str(FUNCTIONS / "local_server.py"), "--port", str(port)],
                                   env=env, stdout=handle, stderr=subprocess.STDOUT)
    wait_for(port)
    return process


def base_env(folder: Path) -> dict:
    return {**os.environ, "CIVICAT_FORMS": str(FORMS), "CIVICAT_NOTIFIER": "outbox",
            "CIVICAT_OUTBOX_DIR": str(folder / "outbox"), "CIVICAT_UPLOADS": f"file:///{folder / 'uploads'}",
            "CIVICAT_STAFF_TOKEN": "bench", "CIVICAT_MIN_FILL_SECONDS": "3",
            # One client sends everything here: a limit it never reaches keeps the limiter's work in.
            "CIVICAT_RATE_LIMIT": "100000000/600", "CIVICAT_HOUSEKEEPING_SECONDS": "3600"}


def run_sqlite(folder: Path, seconds: float, connections: int) -> dict:
    db = folder / "submissions.db"
    env = {**base_env(folder), "CIVICAT_STORE": f"sqlite:///{db}"}
    port = free_port()
    process = server(env, port, folder / "server-sqlite.log")
    try:
        result = load(port, seconds, connections)
        result["mail_lag"] = mail_lag(folder / "outbox", result["statuses"].get(201, 0) * 2)
        result["peer"] = load(port, seconds, connections, peer=True)
    finally:
        process.terminate()
        process.wait(timeout=120)
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        table = "submissions" if "submissions" in tables else tables[0]
        result["stored"] = conn.execute(f"select count(*) from {table}").fetchone()[0]
    result["mails"] = len(list((folder / "outbox").glob("*.eml")))
    return result


def dynamo_emulator(folder: Path) -> tuple[subprocess.Popen, int, str]:
    """moto's server. dynalite (npm, ~10x faster) cannot be used: it has no TransactWriteItems,
    which the store needs to write a submission and its idempotency key atomically."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port)
    return process, port, "moto server"


def run_dynamodb(folder: Path, seconds: float, connections: int) -> dict:
    emulator, emulator_port, name = dynamo_emulator(folder)
    aws = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "eu-central-1",
           "AWS_REGION": "eu-central-1"}
    endpoint = f"http://127.0.0.1:{emulator_port}"
    try:
        sys.path.insert(0, str(REPO / "tests" / "functions"))
        os.environ.update(aws)
        import boto3

        resources = json.loads((FUNCTIONS / "resources.json").read_text())["Resources"]
        table = next(r["Properties"] for r in resources.values() if r.get("Type") == "AWS::DynamoDB::Table")
        spec = {k: v for k, v in table.items() if k in ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode")}
        client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="eu-central-1")
        client.create_table(TableName="bench", **spec)
        client.get_waiter("table_exists").wait(TableName="bench")
        env = {**base_env(folder), **aws, "CIVICAT_STORE": "dynamodb://bench", "CIVICAT_AWS_ENDPOINT": endpoint}
        port = free_port()
        process = server(env, port, folder / "server-dynamodb.log")
        try:
            result = load(port, seconds, connections)
        finally:
            process.terminate()
            process.wait(timeout=120)
        result["stored"] = sum(page["Count"] for page in client.get_paginator("scan").paginate(
            TableName="bench", FilterExpression="begins_with(pk, :p)", ExpressionAttributeValues={":p": {"S": "SUB#"}},
            Select="COUNT"))
        result["mails"] = len(list((folder / "outbox").glob("*.eml")))
        result["emulator"] = name
        return result
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    seconds = 3 if args.quick else args.seconds
    rows = []
    with tempfile.TemporaryDirectory(prefix="civicat-api-") as tmp:
        base = Path(args.work) / "forms-api" if args.work else Path(tmp)  # --work keeps the servers' logs
        shutil.rmtree(base / "SQLite", ignore_errors=True)
        shutil.rmtree(base / "DynamoDB", ignore_errors=True)
        for name, fn in (("SQLite", run_sqlite), ("DynamoDB", run_dynamodb)):
            folder = base / name
            folder.mkdir(parents=True)
            try:
                rows.append((name, fn(folder, seconds, args.connections)))
            except Exception as error:  # report, don't hide: a missing emulator shows in the table
                rows.append((name, {"error": f"{type(error).__name__}: {error}"}))
    if not args.markdown:
        for name, result in rows:
            print(name, result)
        return
    print("## Forms API\n")
    print(f"`benchmarks/forms_api.py`: `functions/local_server.py` on 127.0.0.1, {args.connections} keep-alive "
          f"connections posting JSON contact submissions for {seconds:.0f} s (Python load generator in a second "
          "process; rate limiter on with a limit the single client never reaches).\n")
    print("| store | requests | throughput | p50 | p99 | answers | stored | mails | all mails out after |\n|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        if "error" in r:
            print(f"| {name} | failed: {r['error']} | | | | | | |")
            continue
        label = f"{name} ({r['emulator']})" if "emulator" in r else name
        answers = ", ".join(f"{k}×{v}" for k, v in sorted(r["statuses"].items()))
        print(f"| {label} | {r['requests']} | {r['rps']:.0f}/s | {r['p50']:.1f} ms | {r['p99']:.1f} ms | {answers} | "
              f"{r['stored']} | {r['mails']} | {'%.1f s' % r['mail_lag'] if 'mail_lag' in r else '–'} |")
    peer = dict(rows)["SQLite"].get("peer")
    if peer:
        print(f"\nPeer, in the same run: the same server answering `GET /health` (routing and HTTP only, no work) "
              f"at {args.connections} connections for {seconds:.0f} s: {peer['rps']:.0f}/s, p50 {peer['p50']:.1f} ms, "
              f"p99 {peer['p99']:.1f} ms.")
    for name, r in rows:
        failed = {k: v for k, v in r.get("statuses", {}).items() if k >= 500}
        if failed:
            log = base / name / f"server-{name.lower()}.log"
            lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()] if log.exists() else []
            print(f"\n{name}: {sum(failed.values())} answer(s) ≥ 500; the server's log ends:\n\n```\n"
                  + "\n".join(lines[-15:]) + "\n```")
    print("\n<!-- targets -->")
    sqlite = dict(rows)["SQLite"]
    if "error" not in sqlite:
        print(f"forms API locally p99 ≤ 20 ms (SQLite)\t{sqlite['p99']:.1f} ms\t{'yes' if sqlite['p99'] <= 20 else 'no'}")
        print(f"forms API locally ≥ 500 requests/s at 4 connections (SQLite)\t{sqlite['rps']:.0f}/s\t{'yes' if sqlite['rps'] >= 500 else 'no'}")


if __name__ == "__main__":
    main()
