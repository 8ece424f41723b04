"""The one notifier interface: send one ``email.message.Message`` or raise NotifyError."""
from typing import Protocol


class NotifyError(RuntimeError):
    """Sending failed; the message stays pending and is retried later."""


class Notifier(Protocol):
    def send(self, message) -> None:
        """Deliver ``message`` (a MIME message with From, To and Subject set)."""
