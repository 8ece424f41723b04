"""The one storage interface, and the records it stores.

Two implementations: ``sqlite.SqliteStore`` (local default) and ``dynamodb.DynamoStore`` (AWS).
Both keep the immutable part of a submission (what the citizen sent) apart from the few fields
that change later (status, office message, notification state), so that updates never rewrite
what the citizen wrote. Both hide records whose retention has ended (``expires_at`` in the past)
on every read, because neither SQLite nor DynamoDB's lazy TTL removes them on time.
"""
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterator

STATUSES = ("received", "in_progress", "answered")


@dataclass
class Submission:
    """One stored submission."""

    reference: str
    #: Idempotency key, scoped by form: ``<form_id>:<client key>``.
    submission_key: str
    form_id: str
    #: Secret in the citizen's status link. Stored as is (not hashed) because an idempotent
    #: replay must answer with the same link; it grants read access to this record's status only.
    status_token: str
    lang: str
    created_at: str
    #: Epoch seconds when retention ends (DynamoDB TTL attribute).
    expires_at: int
    #: Field values as validated: str, int/float, bool or list of str.
    data: dict
    location: dict | None = None
    attachments: list = field(default_factory=list)
    status: str = "received"
    message: str | None = None
    updated_at: str | None = None
    #: kind (office | citizen | answer) → {state, attempts, next_try, last_error, sent_at}
    notifications: dict = field(default_factory=dict)
    #: Earliest time a pending notification is due; None when nothing is pending.
    retry_at: str | None = None

    IMMUTABLE = ("reference", "submission_key", "form_id", "status_token", "lang", "created_at",
                 "expires_at", "data", "location", "attachments")

    def frozen_part(self) -> dict:
        return {name: getattr(self, name) for name in self.IMMUTABLE}

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Upload:
    """A file a citizen announced (``pending``), sent (``uploaded``) and used (``attached``)."""

    upload_id: str
    form_id: str
    content_type: str
    filename: str
    max_size: int
    created_at: str
    expires_at: int
    state: str = "pending"
    size: int | None = None
    reference: str | None = None
    #: Electronic signature check of a PDF whose form asks for one: None (not checked),
    #: ``{"state": "checking"}`` while it waits, else the verifier's result (see
    #: ``chalicelib/signatures/__init__.py``).
    signature: dict | None = None

    def to_dict(self) -> dict:
        return asdict(self)


class StoreError(RuntimeError):
    """The store could not complete an operation (after its own retries)."""


class Store(ABC):
    """What the rest of the app needs from storage; see the module docstring."""

    @abstractmethod
    def insert_submission(self, submission: Submission,
                          new_reference: Callable[[], str]) -> tuple[Submission, bool]:
        """Store ``submission`` once per ``submission_key``.

        Returns ``(stored, True)`` for a new submission, whose reference was drawn from
        ``new_reference`` until unique, or ``(existing, False)`` if the key was stored before —
        also when two requests with the same key race.
        """

    @abstractmethod
    def get_submission(self, reference: str) -> Submission | None:
        """The submission, or None if unknown or past retention."""

    @abstractmethod
    def get_by_key(self, submission_key: str) -> Submission | None:
        """The submission stored with this idempotency key, if any (and not expired)."""

    @abstractmethod
    def list_submissions(self, form_id: str, status: str | None = None,
                         limit: int = 100) -> list[Submission]:
        """Newest first, for one form, optionally with one status."""

    @abstractmethod
    def iter_form(self, form_id: str) -> Iterator[Submission]:
        """Every live submission of a form, oldest first (CSV export)."""

    @abstractmethod
    def update_status(self, reference: str, status: str, message: str | None,
                      updated_at: str) -> Submission | None:
        """Set status and office message; None if the submission does not exist."""

    @abstractmethod
    def save_notifications(self, reference: str, notifications: dict,
                           retry_at: str | None) -> None:
        """Replace the notification state and the retry time (None: nothing pending)."""

    @abstractmethod
    def claim_retry(self, reference: str, expected_retry_at: str, lease_until: str) -> bool:
        """Move ``retry_at`` from the expected value to ``lease_until``; False if someone else
        changed it first (so two retry runs never send the same mail twice at once)."""

    @abstractmethod
    def pending_retries(self, due_before: str | None, limit: int = 100) -> list[Submission]:
        """Submissions with a pending notification due at or before ``due_before`` (None: all)."""

    @abstractmethod
    def hit_rate(self, key: str, expires_at: int) -> int:
        """Count one hit against a rate-limit window key; returns the count including this one."""

    @abstractmethod
    def put_upload(self, upload: Upload) -> None: ...

    @abstractmethod
    def get_upload(self, upload_id: str) -> Upload | None: ...

    @abstractmethod
    def mark_uploaded(self, upload_id: str, size: int) -> bool:
        """``pending`` → ``uploaded``; False if the upload is not pending (sent twice)."""

    @abstractmethod
    def attach_uploads(self, upload_ids: list, reference: str, expires_at: int) -> None:
        """Mark uploads as used by a submission and give them its retention."""

    @abstractmethod
    def queue_signature_check(self, upload_id: str, queued_at: str) -> None:
        """Ask for the signature check of an uploaded PDF (the checker takes it from the queue)."""

    @abstractmethod
    def signature_checks_due(self, limit: int = 20) -> list[Upload]:
        """Uploads waiting for their signature check, oldest first."""

    @abstractmethod
    def save_signature(self, upload_id: str, result: dict) -> None:
        """Keep the check's result with the upload and take it off the queue."""

    # --- publication: which ideas-and-complaints texts staff approved for Open311 ---------------

    @abstractmethod
    def set_published(self, reference: str, published: bool, at: str, expires_at: int) -> None:
        """Record whether staff approved a submission's free text (description, address, photo
        link) for the public Open311 output; kept beside the submission, never inside what the
        citizen sent, and gone with its retention."""

    @abstractmethod
    def published(self, references: list) -> set:
        """Those of ``references`` whose text staff approved for publication."""

    def purge_expired(self, now_epoch: int) -> int:
        """Delete records past retention where the backend has no TTL; returns how many."""
        return 0
