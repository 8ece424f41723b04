"""Keep the local default's processes running, and never leave one behind.

The local server starts a mail delivery process beside itself, and ``civicat serve`` starts the
server (and its own delivery process) beside the site build. A child that dies — a crash, the
out-of-memory killer, a stray ``kill -9`` — must come back without anybody restarting anything
by hand, and the terminal must say why it ended. A parent that dies, even by SIGKILL, must take
its children along: an orphaned API would keep the port and the old staff token.

Standard library only: ``civicat serve`` uses this module too, and the functions never import
civicat.
"""
import os
import signal
import subprocess
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this process with SIGTERM (a clean stop) when ``parent`` ends, however it ends.

    On Linux the kernel sends it (``prctl(PR_SET_PDEATHSIG)``; the signal follows the *thread*
    that started us, which is why ``Supervised`` starts and waits in one long-lived thread).
    Everywhere, and as a backstop, a thread looks each second whether we were handed to another
    parent. Install the SIGTERM handler before calling this.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watching thread below still notices
    if os.getppid() != parent:  # the parent ended before we could ask to follow it
        os.kill(os.getpid(), signal.SIGTERM)
        return

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def describe(returncode) -> str:
    """How a process ended, in words: the exit code, or the signal that ended it."""
    if returncode is None:
        return "could not be started"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"was killed by {name}"
    return "ended" if returncode == 0 else f"exited with code {returncode}"


class Supervised:
    """One child process, started again whenever it ends until ``stop()``.

    Pauses before a restart grow (``first_pause``, doubled up to ``max_pause``) so that a child
    failing at start does not spin; a child that ran ``stable`` seconds starts again after the
    first pause. Every end is logged with its cause. ``stop()`` sends SIGTERM and, after
    ``grace`` seconds, SIGKILL.
    """

    def __init__(self, name: str, argv: list, env: dict | None = None, pass_fds=(),
                 log=None, first_pause: float = 0.5, max_pause: float = 30.0,
                 stable: float = 60.0, grace: float = 10.0):
        self.name, self.argv, self.env, self.pass_fds = name, list(argv), env, tuple(pass_fds)
        self.log = log or (lambda text: print(text, file=sys.stderr, flush=True))
        self.first_pause, self.max_pause, self.stable, self.grace = (
            first_pause, max_pause, stable, grace)
        self.process = None
        self.starts = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"supervise {name}", daemon=True)

    def start(self) -> "Supervised":
        self._thread.start()
        self._started.wait(10)  # the first Popen has returned (or failed): .process is set
        return self

    @property
    def pid(self) -> int | None:
        process = self.process
        return process.pid if process is not None else None

    def _run(self) -> None:
        pause = self.first_pause
        while not self._stop.is_set():
            began = time.monotonic()
            with self._lock:
                if self._stop.is_set():
                    break
                try:
                    self.process = subprocess.Popen(self.argv, env=self.env,
                                                    pass_fds=self.pass_fds)
                    self.starts += 1
                except OSError as error:
                    self.process = None
                    self.log(f"{self.name} could not be started: {error}")
            self._started.set()
            process = self.process
            returncode = process.wait() if process is not None else None
            if self._stop.is_set():
                break
            if time.monotonic() - began >= self.stable:
                pause = self.first_pause
            pid = f" (pid {process.pid})" if process is not None else ""
            self.log(f"{self.name}{pid} {describe(returncode)}; starting it again in {pause:g} s")
            if self._stop.wait(pause):
                break
            pause = min(pause * 2, self.max_pause)

    def stop(self) -> None:
        """End the child and stop restarting it; returns when it has ended."""
        self._stop.set()
        with self._lock:
            process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=self.grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=self.grace + 5)
