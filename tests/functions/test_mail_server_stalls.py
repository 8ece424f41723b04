"""A mail server that accepts a connection and then says nothing (or one byte at a time) must
not hold the other mails, and must not hold its own for longer than the configured time."""
import socket
import sqlite3
import threading
import time
from contextlib import closing

import pytest
from aiosmtpd.controller import Controller

from .servers import LocalServer, server_env
from .support import free_port, kontakt
from .test_local_server_load import Submitter
from .test_smtp import Inbox

pytestmark = pytest.mark.slow


class StallingFront:
    """A TCP port in front of a real SMTP server: the first ``stall`` connections are accepted
    and never answered (held open until ``close``); every later one is relayed to ``target``."""

    def __init__(self, target_port: int, stall: int = 1, trickle: bool = False):
        self.target_port, self.stall, self.trickle = target_port, stall, trickle
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        self.accepted = 0
        self.closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted += 1
            if self.accepted <= self.stall:
                self.held.append(conn)
                if self.trickle:
                    threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()
            else:
                threading.Thread(target=self._relay, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        """A greeting that never ends: a byte every 0.2 s keeps any per-read timeout happy."""
        while not self.closed.wait(0.2):
            try:
                conn.sendall(b"2")
            except OSError:
                return

    def _relay(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.target_port))

        def pipe(source, sink):
            try:
                while data := source.recv(65536):
                    sink.sendall(data)
            except OSError:
                pass
            finally:
                for end in (source, sink):
                    try:
                        end.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        back = threading.Thread(target=pipe, args=(upstream, client), daemon=True)
        back.start()
        pipe(client, upstream)
        back.join(10)
        client.close()
        upstream.close()

    def still_held(self) -> bool:
        """True while every stalled connection is still open from the client's side."""
        for conn in self.held:
            conn.setblocking(False)
            try:
                if conn.recv(1, socket.MSG_PEEK) == b"":
                    return False  # the client closed it
            except BlockingIOError:
                pass
            except OSError:
                return False
        return bool(self.held)

    def close(self) -> None:
        self.closed.set()
        self.listener.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def inbox():
    received = Inbox()
    controller = Controller(received, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield received, controller.port
    controller.stop()


def wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_a_silent_mail_server_connection_does_not_hold_the_other_mails(functions_env, inbox):
    received, smtp_port = inbox
    front = StallingFront(smtp_port, stall=1)
    env = server_env(functions_env, CIVICAT_NOTIFIER="smtp", CIVICAT_SMTP_HOST="127.0.0.1",
                     CIVICAT_SMTP_PORT=str(front.port), CIVICAT_SMTP_TIMEOUT="120",
                     CIVICAT_DELIVERY="worker")
    try:
        with LocalServer(env) as server:
            submit = Submitter(server.base_url)
            results = [submit(number) for number in range(4)]  # office mails only (no e-mail)
            submit.close()
            assert [status for status, _ in results] == [201] * 4
            # The first mail's connection hangs (for up to 120 s); the three others go out now.
            assert wait_until(lambda: len(received.messages) == 3, 60)
            assert front.still_held()  # not by waiting the stalled one out: it is still open
    finally:
        front.close()
    with closing(sqlite3.connect(functions_env["db"])) as db:
        states = [row[0] for row in db.execute("SELECT notifications FROM submissions")]
    assert sum('"state": "sent"' in state for state in states) == 3


@pytest.mark.parametrize("trickle", [False, True], ids=["silent", "one byte at a time"])
def test_one_mail_gets_its_configured_time_in_all_then_stays_pending(trickle):
    from chalicelib.notify.base import NotifyError
    from chalicelib.notify.smtp import SmtpNotifier
    from email.message import EmailMessage

    front = StallingFront(free_port(), stall=1, trickle=trickle)
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "x"
    message.set_content("Hallo")
    try:
        with pytest.raises(NotifyError, match="no complete answer within 1 s"):
            SmtpNotifier("127.0.0.1", front.port, timeout=1).send(message)
    finally:
        front.close()
