"""Cold start of the forms Lambda, measured in fresh processes. A benchmark: prints, asserts
nothing.

    .venv/bin/python benchmarks/coldstart.py [--runs 5]

1. ``python -X importtime -c "import app"`` in ``functions/``: the cumulative import time of the
   app module (what Lambda pays before the first request; boto3 is not imported at all), with the
   heaviest modules underneath. Budget: 40 ms.
2. In another fresh process: import the app, then call it the way Lambda does (an API Gateway
   proxy event) — ``GET /health``, a first and a second ``POST /forms/kontakt`` — against a
   throw-away SQLite file and outbox folder, with the tests' fixture contract.
3. In the same process, the upload route of an application form: the first announce
   (``POST /forms/{id}/uploads``) and receive (``POST /uploads/{id}``) of a small PDF, then the
   median (p50) of 50 more of each. That form checks electronic signatures: the route must stay
   as cheap as before, the check itself runs elsewhere (docs/decisions.md, "Signatures").
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parents[1] / "functions"
# The submissions below fit the tests' fixture contract (the bundled one follows the catalogue).
FORMS = Path(__file__).resolve().parents[1] / "tests" / "functions" / "fixtures" / "forms.json"

FIRST_REQUESTS = r'''
import json, os, sys, time
started = time.perf_counter()
from app import app
imported = time.perf_counter()

def event(method, path, body=None):
    return {"resource": path, "path": path, "httpMethod": method,
            "headers": {"content-type": "application/json", "accept": "application/json"},
            "multiValueHeaders": {}, "queryStringParameters": None,
            "multiValueQueryStringParameters": None, "pathParameters": None,
            "stageVariables": None, "body": body, "isBase64Encoded": False,
            "requestContext": {"resourcePath": path if body is None else "/forms/{form_id}",
                               "httpMethod": method, "path": path,
                               "identity": {"sourceIp": "203.0.113.9"}}}

def submission(n):
    return json.dumps({"lang": "de", "submission_key": f"benchmark-key-{n:08d}",
                       "started_at": int(time.time() * 1000) - 60000, "website": "",
                       "name": "Erika Mustermann", "email": "erika@example.org",
                       "topic": "termin", "message": "Ich brauche einen Termin, bitte."})

def call(method, path, body=None, params=None, resource=None, content_type=None):
    e = event(method, path, body)
    e["pathParameters"] = params
    if resource:
        e["resource"] = e["requestContext"]["resourcePath"] = resource
    if content_type:
        e["headers"]["content-type"] = content_type
    t = time.perf_counter()
    response = app(e, None)
    assert response["statusCode"] in (200, 201, 204), response
    return (time.perf_counter() - t) * 1000, response

health = call("GET", "/health")[0]
first = call("POST", "/forms/kontakt", submission(1), {"form_id": "kontakt"})[0]
second = call("POST", "/forms/kontakt", submission(2), {"form_id": "kontakt"})[0]

PDF = b"%PDF-1.7\n" + b"0" * 20000 + b"\n%%EOF\n"
FORM = os.environ.get("BENCH_UPLOAD_FORM", "antrag-bewohnerparken")

def upload():
    spent, answer = call("POST", f"/forms/{FORM}/uploads",
                         json.dumps({"filename": "antrag.pdf", "content_type": "application/pdf",
                                     "size": len(PDF)}),
                         {"form_id": FORM}, "/forms/{form_id}/uploads")
    upload_id = json.loads(answer["body"])["upload_id"]
    e = event("POST", f"/uploads/{upload_id}")
    e["pathParameters"] = {"upload_id": upload_id}
    e["resource"] = e["requestContext"]["resourcePath"] = "/uploads/{upload_id}"
    e["headers"]["content-type"] = "application/pdf"
    e["body"], e["isBase64Encoded"] = base64.b64encode(PDF).decode(), True
    t = time.perf_counter()
    response = app(e, None)
    assert response["statusCode"] == 204, response
    return spent, (time.perf_counter() - t) * 1000

import base64, statistics
first_announce, first_receive = upload()
rest = [upload() for _ in range(50)]
print(json.dumps({"import_ms": (imported - started) * 1000, "health_ms": health,
                  "first_submit_ms": first, "second_submit_ms": second,
                  "first_announce_ms": first_announce, "first_receive_ms": first_receive,
                  "announce_p50_ms": statistics.median(a for a, _ in rest),
                  "receive_p50_ms": statistics.median(r for _, r in rest),
                  "boto3_loaded": "boto3" in sys.modules,
                  "pyhanko_loaded": any(m.startswith("pyhanko") for m in sys.modules)}))
'''


PEER_APP = '''from chalice import Chalice

app = Chalice(app_name="hello")


@app.route("/")
def index():
    return {"hello": "world"}
'''
"""The peer: Chalice's own quick-start app, which does nothing but answer."""


def peer_import_time() -> float:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "app.py").write_text(PEER_APP, encoding="utf-8")
        return import_time(Path(folder))[0]


def import_time(where: Path = FUNCTIONS) -> tuple[float, list]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", "import app"],
                            cwd=where, capture_output=True, text=True, check=True)
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        if self_us.strip().isdigit():
            rows.append((int(cumulative_us), name[1:]))  # nested modules keep their indent
    # -X importtime lists children before their parent; app's direct children are the rows
    # indented once that come after the previous top-level module and before "app".
    end = next(i for i, (_, name) in enumerate(rows) if name == "app")
    start = max((i for i, (_, name) in enumerate(rows[:end]) if not name.startswith(" ")),
                default=-1) + 1
    children = sorted(((us, name) for us, name in rows[start:end]
                       if name.startswith("  ") and not name.startswith("    ")), reverse=True)
    return rows[end][0] / 1000, children[:8]


def first_requests(upload_form: str = "antrag-bewohnerparken") -> dict:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BENCH_UPLOAD_FORM": upload_form, "CIVICAT_STORE": f"sqlite:///{folder}/s.db",
               "CIVICAT_NOTIFIER": "outbox", "CIVICAT_OUTBOX_DIR": f"{folder}/outbox",
               "CIVICAT_RATE_LIMIT": "off", "CIVICAT_FORMS": str(FORMS),
               "CIVICAT_UPLOADS": f"file:///{folder}/uploads"}
        result = subprocess.run([sys.executable, "-c", FIRST_REQUESTS], cwd=FUNCTIONS, env=env,
                                capture_output=True, text=True, check=True)
        return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="Cold start of the forms Lambda")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print a BENCHMARKS.md section")
    parser.add_argument("--work", help="unused; accepted from benchmarks/run.py")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--upload-form", default="antrag-bewohnerparken",
                        help="the form whose upload route is measured (widerspruch requires a "
                             "signature, antrag-bewohnerparken checks one optionally)")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs

    imports = [import_time() for _ in range(runs)]
    totals = [total for total, _ in imports]
    staff = [import_time(FUNCTIONS / "staff")[0] for _ in range(runs)]
    if args.markdown:
        peers = [peer_import_time() for _ in range(runs)]
        return markdown(runs, totals, imports[-1][1],
                        [first_requests(args.upload_form) for _ in range(runs)], peers, staff)
    print(f"import app (python -X importtime, cumulative), {runs} fresh processes:")
    print(f"  median {statistics.median(totals):.1f} ms, min {min(totals):.1f} ms, "
          f"max {max(totals):.1f} ms   (budget 40 ms, without boto3)")
    print(f"  staff app (functions/staff, its own Lambda): median {statistics.median(staff):.1f} ms")
    print("  heaviest imports of the last run (cumulative):")
    for microseconds, name in imports[-1][1]:
        print(f"    {microseconds / 1000:6.1f} ms  {name.strip()}")

    measured = [first_requests(args.upload_form) for _ in range(runs)]
    print(f"first requests in a fresh process (Lambda-style call, SQLite + outbox), {runs} runs; "
          f"uploads to {args.upload_form}:")
    for key, label in ROWS:
        values = [m[key] for m in measured]
        print(f"  {label:34s} median {statistics.median(values):6.1f} ms "
              f"(min {min(values):.1f}, max {max(values):.1f})")
    print(f"  boto3 imported: {any(m['boto3_loaded'] for m in measured)}; "
          f"pyHanko imported: {any(m['pyhanko_loaded'] for m in measured)}")


ROWS = (("import_ms", "import app"), ("health_ms", "GET /health"),
        ("first_submit_ms", "first POST /forms/kontakt"),
        ("second_submit_ms", "second POST /forms/kontakt"),
        ("first_announce_ms", "first announce of a PDF"),
        ("first_receive_ms", "first receive of a PDF (20 KB)"),
        ("announce_p50_ms", "announce p50 (50 more)"),
        ("receive_p50_ms", "receive p50 (50 more)"))


def markdown(runs: int, totals: list, heaviest: list, measured: list, peers: list,
             staff: list) -> None:
    median = statistics.median(totals)
    print("## Cold start of the forms Lambda\n")
    print(f"`benchmarks/coldstart.py`: {runs} fresh processes each. `python -X importtime -c \"import app\"` "
          f"in `functions/`: median **{median:.1f} ms** (min {min(totals):.1f}, max {max(totals):.1f}); boto3 is "
          "not imported. Heaviest imports: " + ", ".join(f"{name.strip()} {us / 1000:.1f} ms" for us, name in heaviest[:4]) + ". "
          f"Peer, measured the same way: Chalice's quick-start app (one route, no work) {statistics.median(peers):.1f} ms "
          f"(min {min(peers):.1f}, max {max(peers):.1f}). The staff app (`functions/staff`, its own Lambda "
          f"with argon2-cffi and joserfc, imported only by the routes that sign in): median "
          f"{statistics.median(staff):.1f} ms.\n")
    print("| first requests in a fresh process (Lambda-style call, SQLite + outbox) | median |\n|---|---|")
    for key, label in ROWS:
        print(f"| {label} | {statistics.median(m[key] for m in measured):.1f} ms |")
    print(f"\npyHanko imported by these routes: {any(m['pyhanko_loaded'] for m in measured)}.")
    print("\n<!-- targets -->")
    print(f"Lambda app import ≤ 40 ms without boto3\t{median:.1f} ms\t{'yes' if median <= 40 else 'no'}")
    staff_median = statistics.median(staff)
    print(f"staff Lambda app import ≤ 40 ms\t{staff_median:.1f} ms\t{'yes' if staff_median <= 40 else 'no'}")


if __name__ == "__main__":
    main()
