"""Local default notifier: every mail becomes an ``.eml`` file in a folder.

Open the files with any mail client to see exactly what the office and the citizen would get.
Each file is written under a temporary name and renamed, so a reader never sees half a mail.
"""
import os
import uuid

from .base import NotifyError


class OutboxNotifier:
    def __init__(self, directory: str):
        self.directory = directory

    def send(self, message) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            reference = str(message.get("X-Civicat-Reference", "mail"))
            kind = str(message.get("X-Civicat-Kind", "mail"))
            name = f"{reference}-{kind}-{uuid.uuid4().hex[:8]}.eml"
            temporary = os.path.join(self.directory, "." + name + ".tmp")
            with open(temporary, "wb") as handle:
                handle.write(message.as_bytes())
            os.replace(temporary, os.path.join(self.directory, name))
        except OSError as error:
            raise NotifyError(f"outbox: {error.strerror or error}") from error

    def forget(self, reference: str) -> int:
        """Delete the copies of a submission's mails (erasure on request); returns how many."""
        removed = 0
        try:
            names = os.listdir(self.directory)
        except FileNotFoundError:
            return 0
        for name in names:
            if name.startswith(f"{reference}-") and name.endswith(".eml"):
                os.remove(os.path.join(self.directory, name))
                removed += 1
        return removed
