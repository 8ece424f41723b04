"""SMTP notifier (``smtplib``): host, port, STARTTLS or implicit TLS, optional login."""
import smtplib
import socket

from .base import NotifyError


class SmtpNotifier:
    def __init__(self, host: str, port: int, starttls: bool = False, ssl: bool = False,
                 user: str = "", password: str = "", timeout: float = 10.0):
        self.host, self.port = host, port
        self.starttls, self.ssl = starttls, ssl
        self.user, self.password = user, password
        self.timeout = timeout

    def send(self, message) -> None:
        try:
            if self.ssl:
                connection = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout)
            else:
                connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with connection as smtp:
                if self.starttls and not self.ssl:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError, socket.timeout) as error:
            raise NotifyError(f"smtp {self.host}:{self.port}: {error}") from error
