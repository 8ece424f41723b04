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
    #: Name of the staff member working on it (None: nobody yet).
    assignee: str | None = None
    #: Counts every change of the mutable part; writes are conditional on it (``Conflict``), so a
    #: staff change and the delivery worker never overwrite each other's work.
    version: int = 0
    #: SHA-256 of the JSON request as sent (``submissions.request_digest``): a retry with the same
    #: key must be the same request. None for form posts (their key is made from their content)
    #: and for records stored before it was kept. Part of the immutable record in both stores.
    request_digest: str | None = None

    IMMUTABLE = ("reference", "submission_key", "form_id", "status_token", "lang", "created_at",
                 "expires_at", "data", "location", "attachments", "request_digest")

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


class UploadTaken(StoreError):
    """An upload to be attached is not (or no longer) free: pending, or used by another submission."""


class Conflict(StoreError):
    """A conditional write found another version than expected: read again and redo the change."""


#: Mutable fields ``update_submission`` may change.
MUTABLE = ("status", "message", "updated_at", "notifications", "retry_at", "assignee")


@dataclass
class InboxQuery:
    """One page of the staff inbox, answered from indexes only (never a scan of a whole form).

    ``forms`` maps each visible form id to its *overdue boundary*: with ``overdue`` only
    submissions created before that instant (and not answered) are listed; forms without a target
    time have None there and never have overdue submissions.
    """

    forms: dict
    status: str | None = None
    assignee: str | None = None
    overdue: bool = False
    newest_first: bool = True
    #: (created_at, reference) of the last row of the previous page.
    after: tuple | None = None
    limit: int = 25


class Store(ABC):
    """What the rest of the app needs from storage; see the module docstring."""

    @abstractmethod
    def insert_submission(self, submission: Submission,
                          new_reference: Callable[[], str]) -> tuple[Submission, bool]:
        """Store ``submission`` once per ``submission_key``.

        Returns ``(stored, True)`` for a new submission, whose reference was drawn from
        ``new_reference`` until unique, or ``(existing, False)`` if the key was stored before —
        also when two requests with the same key race.

        The uploads in ``submission.attachments`` are attached in the same transaction (they take
        its reference and retention), and only if each is ``uploaded``: an upload that is pending
        or already attached to another submission raises ``UploadTaken`` and nothing is stored.
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
    def update_submission(self, reference: str, expected_version: int,
                          **changes) -> Submission | None:
        """Change mutable fields (``MUTABLE``) if the stored version is ``expected_version``;
        the version goes up by one. None if the submission does not exist (or expired);
        ``Conflict`` if someone changed it in between."""

    @abstractmethod
    def inbox(self, query: InboxQuery) -> list[Submission]:
        """Up to ``query.limit + 1`` submissions after the cursor, in the asked order
        (created_at, then reference); the extra one tells the caller that a next page exists."""

    @abstractmethod
    def count_by_status(self, form_ids) -> dict:
        """status → number of live submissions of these forms."""

    @abstractmethod
    def erase_submission(self, reference: str) -> list:
        """Delete a submission with its key item and events; returns its upload ids (answer
        documents included) so that their files can be deleted too."""

    # --- events: a submission's history (status, notes, assignments, answers) ------------------

    @abstractmethod
    def add_event(self, reference: str, event: dict, expires_at: int) -> None:
        """Append ``event`` (``at``, ``id``, ``kind``, ``actor`` …) to a submission's history."""

    @abstractmethod
    def list_events(self, reference: str) -> list[dict]:
        """The history of a submission, oldest first."""

    # --- audit log: append-only, newest first --------------------------------------------------

    @abstractmethod
    def append_audit(self, entry: dict, expires_at: int) -> None:
        """Add one audit entry (``at``, ``id``, ``actor``, ``action``, ``reference`` …); never
        changed afterwards, removed only when its retention ends."""

    @abstractmethod
    def list_audit(self, before: str | None, limit: int) -> list[dict]:
        """Up to ``limit + 1`` entries older than the cursor ``before`` (``at#id``), newest first."""

    # --- small records: staff members, sessions, sign-in states --------------------------------

    @abstractmethod
    def put_record(self, kind: str, key: str, record: dict, expires_at: int,
                   only_new: bool = False) -> bool:
        """Store a record; with ``only_new`` only if none lives under that key (False if one does)."""

    @abstractmethod
    def get_record(self, kind: str, key: str) -> dict | None:
        """The live record, or None."""

    @abstractmethod
    def delete_record(self, kind: str, key: str) -> None: ...

    @abstractmethod
    def list_records(self, kind: str) -> list[dict]:
        """Every live record of a kind (for small kinds only: the staff list)."""

    @abstractmethod
    def pending_retries(self, due_before: str | None, limit: int = 100) -> list[Submission]:
        """Submissions with a pending notification due at or before ``due_before`` (None: all)."""

    @abstractmethod
    def hit_rate(self, key: str, expires_at: int) -> int:
        """Count one hit against a rate-limit window key; returns the count including this one."""

    def insert_counted(self, submission: Submission, new_reference: Callable[[], str],
                       window) -> tuple[Submission | None, bool]:
        """``insert_submission``, counted first against the client's rate-limit ``window``
        (``ratelimit.Window``; None: no limit). Over the limit, nothing is stored: the answer is
        the submission already stored under the key (a retry of one that got through:
        ``(existing, False)``), else ``(None, False)``. The SQLite store does all of it in one
        transaction."""
        if window is not None and self.hit_rate(window.key, window.expires_at) > window.limit:
            return self.get_by_key(submission.submission_key), False
        return self.insert_submission(submission, new_reference)

    @abstractmethod
    def put_upload(self, upload: Upload) -> None: ...

    @abstractmethod
    def get_upload(self, upload_id: str) -> Upload | None: ...

    @abstractmethod
    def delete_upload(self, upload_id: str) -> None:
        """Forget an upload record (its file is deleted by the storage)."""

    @abstractmethod
    def mark_uploaded(self, upload_id: str, size: int) -> bool:
        """``pending`` → ``uploaded``; False if the upload is not pending (sent twice)."""

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
