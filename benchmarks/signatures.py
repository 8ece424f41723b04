"""What checking a signature would cost the upload route if it ran there (behind a lazy import),
measured in fresh processes. A benchmark: prints, asserts nothing.

    .venv/bin/python benchmarks/signatures.py [--runs 7]

In each fresh process: import the verifier module, then verify one timestamped, signed PDF
(made at run time with the tests' PKI) twice. The first verification pays pyHanko's imports —
what the first upload of a Lambda instance would pay on top of the route; the second is the
steady cost per PDF. The upload route does neither (docs/decisions.md, "Signatures"):
``benchmarks/coldstart.py --upload-form widerspruch`` measures the route as it is.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CODE = r'''
import sys, time
sys.path.insert(0, "functions")
t0 = time.perf_counter()
from chalicelib.signatures.verify import verify_pdf
t1 = time.perf_counter()
data = open(sys.argv[1], "rb").read()
state = verify_pdf(data)["state"]
t2 = time.perf_counter()
verify_pdf(data)
t3 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t2) * 1000, state)
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--work", help="unused; accepted from benchmarks/run.py")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.functions.signatures import pki as P

    pki = P.make_pki()
    with tempfile.TemporaryDirectory() as folder:
        anchors = pki.write_anchors(Path(folder) / "anchors")
        pdf = Path(folder) / "signed.pdf"
        pdf.write_bytes(P.sign(P.minimal_pdf(), pki.signer, pki, timestamp=True))
        rows = []
        for _ in range(2 if args.quick else args.runs):
            out = subprocess.run([sys.executable, "-c", CODE, str(pdf)], cwd=REPO, check=True,
                                 capture_output=True, text=True,
                                 env={**os.environ, "CIVICAT_TRUST_ANCHORS": str(anchors)})
            *times, state = out.stdout.split()
            assert state == "valid", out.stdout
            rows.append([float(t) for t in times])
    labels = ("import the verifier module", "first verification (pyHanko's imports included)",
              "second verification")
    if args.markdown:
        print("## Signature check cost (not in the upload route)\n")
        print(f"`benchmarks/signatures.py`: {len(rows)} fresh processes, one signed and "
              "timestamped PDF.\n\n| step | median |\n|---|---|")
    for index, label in enumerate(labels):
        values = [row[index] for row in rows]
        if args.markdown:
            print(f"| {label} | {statistics.median(values):.0f} ms |")
        else:
            print(f"{label:50s} median {statistics.median(values):6.0f} ms "
                  f"(min {min(values):.0f}, max {max(values):.0f})")


if __name__ == "__main__":
    main()
