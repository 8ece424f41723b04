"""Start the local forms server as a real process for tests over HTTP."""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

from .support import FORMS, FUNCTIONS_DIR, REPO


class LocalServer:
    """``python functions/local_server.py --port 0`` with the given environment.

    The server prints its address first; we read the port from there (no race for a free port).
    """

    def __init__(self, env: dict, startup_timeout: float = 20.0):
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        self.startup_timeout = startup_timeout
        self.process = None
        self.base_url = None
        self.lines: list[str] = []
        self._drain = None

    def start(self) -> "LocalServer":
        self.process = subprocess.Popen(
            [sys.executable, str(FUNCTIONS_DIR / "local_server.py"), "--port", "0",
             "--public-api-url", ""],
            cwd=REPO, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            self.lines.append(line)
            if "http://127.0.0.1:" in line:
                self.base_url = line.strip().split()[-1]
                break
            if self.process.poll() is not None:
                raise RuntimeError(f"local server exited: {line}{self.process.stdout.read()}")
        else:
            self.stop()
            raise RuntimeError("local server did not start in time")
        # Keep reading its output so a full pipe never blocks the server; keep it for tests.
        import threading

        def drain():
            for text in self.process.stdout:
                self.lines.append(text)

        self._drain = threading.Thread(target=drain, daemon=True)
        self._drain.start()
        return self

    def output(self) -> str:
        """Everything the server printed so far (its address, then its log lines)."""
        return "".join(self.lines)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.stop()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._drain is not None:
            self._drain.join(timeout=5)  # the pipe ends with the process; read it to the end
        if self.process and self.process.stdout and not self.process.stdout.closed:
            try:
                self.process.stdout.close()
            except (OSError, ValueError):
                pass  # the reader thread may hold it at this moment

    def get_json(self, path: str, headers: dict | None = None):
        request = urllib.request.Request(self.base_url + path, headers=headers or {})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def server_env(paths: dict, **extra) -> dict:
    env = {"CIVICAT_STORE": f"sqlite:///{paths['db']}", "CIVICAT_NOTIFIER": "outbox",
           "CIVICAT_OUTBOX_DIR": str(paths["outbox"]),
           "CIVICAT_UPLOADS": f"file:///{paths['uploads']}",
           "CIVICAT_STAFF_TOKEN": "staff-secret-token", "CIVICAT_RATE_LIMIT": "off",
           "CIVICAT_HOUSEKEEPING_SECONDS": "3600", "CIVICAT_FORMS": str(FORMS)}
    env.update(extra)
    return env
