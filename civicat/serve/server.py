"""``civicat serve``: the embedded default — the built site and the forms API on one port.

This process builds the site, watches the catalogue and keeps two processes running beside it
(``functions/local_supervise.py``: each started again when it ends, after growing pauses, with
the cause logged; each ends when this process ends, even by ``kill -9``):

- ``civicat.serve.web``: one waitress server for the site, under ``/api`` the functions' app
  (Chalice, SQLite store, outbox folder) and under ``/staff`` the office's staff pages (the
  second Chalice app, functions/staff/, on the same store). This process opens the port and hands it over, so
  the port stays bound while that process restarts; the functions stay independent of civicat.
- the functions' mail delivery worker (``local_server.py --deliver``), so that mails keep going
  out while the server restarts and no answer waits for a mail server.

Builds run here, in another process than the requests: a rebuild never takes the interpreter
from the API. The catalogue folder is watched: an edited service is written again on its own in
a fraction of a second, any other change rebuilds the site (``civicat.serve.preview``); a failed
check keeps the last good site and prints the errors. The API reads the forms contract again
when the build rewrites it.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import shutil
import signal
import socket
import stat
import sys
import threading
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FUNCTIONS = REPO / "functions"


def _supervise_module():
    """``functions/local_supervise.py`` (standard library only), loaded by path: this process
    builds the site and must not put the functions' modules on its import path."""
    name = "civicat_local_supervise"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, FUNCTIONS / "local_supervise.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


def _say(text: str) -> None:
    print(f"civicat serve: {text}", file=sys.stderr, flush=True)


def api_environment(var: Path, staff_token: str, contract: Path) -> dict:
    """The functions' settings for the local default: SQLite store, outbox and uploads under
    ``var``, the contract the build writes, mail sent by the delivery worker."""
    var.mkdir(parents=True, exist_ok=True)
    secret_file = var / "secret"
    if not secret_file.exists():  # salts the pseudonymised client addresses of the rate limiter
        secret_file.write_text(secrets.token_hex(16), encoding="utf-8")
    return {
        **os.environ,
        "CIVICAT_STORE": os.environ.get("CIVICAT_STORE", f"sqlite:///{(var / 'submissions.db').resolve()}"),
        "CIVICAT_NOTIFIER": os.environ.get("CIVICAT_NOTIFIER", "outbox"),
        "CIVICAT_OUTBOX_DIR": str((var / "outbox").resolve()),
        "CIVICAT_UPLOADS": f"file:///{(var / 'uploads').resolve()}",
        "CIVICAT_FORMS": str(contract.resolve()),
        "CIVICAT_STAFF_TOKEN": staff_token,
        "CIVICAT_SECRET": secret_file.read_text(encoding="utf-8").strip(),
        "CIVICAT_PUBLIC_API_URL": os.environ.get("CIVICAT_PUBLIC_API_URL", "/api"),
        "CIVICAT_DELIVERY": "worker",
        "CIVICAT_LOG_LEVEL": os.environ.get("CIVICAT_LOG_LEVEL", "warning"),  # problems, not every request
    }


class Served:
    """The port and the two supervised processes behind it (see the module docstring)."""

    def __init__(self, site: Path, var: Path, staff_token: str, contract: Path,
                 host: str = "127.0.0.1", port: int = 0, log=_say):
        supervise = _supervise_module()
        env = api_environment(var, staff_token, contract)
        self.listener = socket.create_server((host, port), backlog=1024)
        fd = self.listener.fileno()
        parent = str(os.getpid())
        self.host, self.port = host, self.listener.getsockname()[1]
        env.setdefault("CIVICAT_STAFF_URL", f"{self.url}/staff")  # links in the mails to staff
        env.setdefault("CIVICAT_SEARCH_SITE", str(Path(site).resolve()))  # the results page reads the served index
        # Recordings for devices without a voice: espeak-ng reads the pages this process serves.
        env.setdefault("CIVICAT_SPEECH", "espeak" if shutil.which("espeak-ng") else "off")
        env.setdefault("CIVICAT_SPEECH_PAGES", f"file:///{Path(site).resolve()}")
        env.setdefault("CIVICAT_SPEECH_CACHE", f"file:///{(var / 'speech').resolve()}")
        self.web = supervise.Supervised(
            "the site and forms API",
            [sys.executable, "-m", "civicat.serve.web", "--fd", str(fd), "--site", str(Path(site).resolve()),
             "--parent", parent], env=env, pass_fds=(fd,), log=log)
        self.mail = supervise.Supervised(
            "the mail delivery worker", [sys.executable, str(FUNCTIONS / "local_server.py"), "--deliver", parent],
            env=env, log=log, grace=30)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "Served":
        self.web.start()
        self.mail.start()
        return self

    def wait_ready(self, seconds: float = 30) -> None:
        """Until the API answers (it imports the app first); raises TimeoutError."""
        import time

        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/api/health", timeout=5) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the forms API did not answer on {self.url}/api/health")
            time.sleep(0.1)

    def stop(self) -> None:
        """End both processes (each finishes what it has in hand) and free the port."""
        self.web.stop()
        self.mail.stop()
        self.listener.close()


def demo_sign_in(var: Path) -> str:
    """A demo admin with a fresh password on every start, so the printed sign-in always works;
    empty when the staff list could not be written."""
    from ..cli.staff import run_admin

    password = secrets.token_urlsafe(12)
    done = run_admin(["demo", "demo", "--admin", "--display=Demo", f"--password={password}"], var)
    return password if done.returncode == 0 else ""


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's modification time and size (a save within one clock tick still changes the size)."""
    found = {}
    for path in folder.rglob("*"):
        try:
            info = path.stat()
        except FileNotFoundError:  # deleted while we looked
            continue
        if stat.S_ISREG(info.st_mode):
            found[str(path)] = (info.st_mtime_ns, info.st_size)
    return found


def watch(catalogue: Path, rebuild, stop: threading.Event, interval: float = 0.3, idle=None) -> None:
    """Poll the catalogue's files (works on every OS and editor save strategy) and rebuild on change.
    Between looks, ``idle(seconds)`` may do deferred work for about that long; it says whether
    more is left (then the next look comes at once)."""
    before = _snapshot(catalogue)
    more = False
    while not stop.wait(0 if more else interval):
        now = _snapshot(catalogue)
        if now != before:
            changed = sorted({k for k in now if now.get(k) != before.get(k)} | (before.keys() - now.keys()))
            before = now
            rebuild(changed)
        more = bool(idle and idle(interval))


def serve(catalogue: Path, out: Path, host: str, port: int, var: Path) -> int:
    from .preview import Preview

    preview = Preview(catalogue, out, var / "forms.json")
    if not preview.build():
        return 1
    token = os.environ.get("CIVICAT_STAFF_TOKEN") or secrets.token_urlsafe(24)
    password = demo_sign_in(var)  # before the servers start: everything they run is theirs
    try:
        served = Served(out, var, token, preview.contract, host, port)
    except OSError as error:
        _say(f"cannot listen on {host}:{port}: {error.strerror or error} — "
             "is another server running there? Choose another port with --port.")
        return 1
    served.start()
    stop = threading.Event()
    threading.Thread(target=watch, args=(catalogue, preview.changed, stop), kwargs={"idle": preview.idle},
                     daemon=True).start()
    print(f"civicat serve: site on {served.url}/  ·  forms API on {served.url}/api/\n"
          f"  submissions: {var / 'submissions.db'}  ·  mails: {var / 'outbox'}/\n"
          f"  staff pages: {served.url}/staff/  ·  demo sign-in: name demo, password {password}\n"
          f"  staff token: {token}  (Authorization: Bearer …)\n"
          f"  editing {catalogue}/ rebuilds the site. Ctrl+C stops.", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        served.stop()
    return 0


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt  # SIGTERM stops as Ctrl+C does, and ends the processes beside us
