"""SMTP notifier (``smtplib``): host, port, STARTTLS or implicit TLS, optional login.

``timeout`` bounds one whole message, not each read: ``smtplib``'s own timeout restarts with
every byte, so a server that accepts and never answers, or answers a byte at a time, would hold
the mail (and the delivery thread) for as long as it likes. A timer cuts the connection when the
message's time is up; the mail stays pending and is tried again later.
"""
import smtplib
import socket
import threading

from .base import NotifyError


class SmtpNotifier:
    def __init__(self, host: str, port: int, starttls: bool = False, ssl: bool = False,
                 user: str = "", password: str = "", timeout: float = 10.0):
        self.host, self.port = host, port
        self.starttls, self.ssl = starttls, ssl
        self.user, self.password = user, password
        self.timeout = timeout

    def send(self, message) -> None:
        connection = (smtplib.SMTP_SSL if self.ssl else smtplib.SMTP)(timeout=self.timeout)
        deadline = _Deadline(connection, self.timeout)
        try:
            connection.connect(self.host, self.port)
            with connection as smtp:
                if self.starttls and not self.ssl:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError, ValueError) as error:
            if deadline.expired:
                raise NotifyError(f"smtp {self.host}:{self.port}: no complete answer within "
                                  f"{self.timeout:g} s") from error
            raise NotifyError(f"smtp {self.host}:{self.port}: {error}") from error
        finally:
            deadline.cancel()
            connection.close()


class _Deadline:
    """Shut the connection's socket down after ``seconds``; a read blocked on it returns."""

    def __init__(self, connection, seconds: float):
        self.connection, self.expired = connection, False
        self.timer = threading.Timer(seconds, self._cut)
        self.timer.daemon = True
        self.timer.start()

    def _cut(self) -> None:
        self.expired = True
        sock = getattr(self.connection, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self.timer.cancel()
