"""The audit log: who did what and when, append-only, kept as long as the submission it is about.

Every staff view, download, export, status change, note, assignment, answer, erasure and sign-in
is recorded here. An entry names the actor, the action, the submission's reference and form and a
short detail that never holds what the citizen or the office wrote (a status name, an upload id,
a number of rows), so that an erased submission leaves only the fact that it existed and was
worked on, not its content.
"""
import secrets

from . import clock

#: Retention of entries that belong to no submission (sign-ins, exports): two years.
DEFAULT_DAYS = 730


def record(store, actor: str, action: str, reference: str | None = None,
           form_id: str | None = None, detail: str | None = None,
           expires_at: int | None = None) -> dict:
    now = clock.now()
    entry = {"at": clock.iso(now), "id": secrets.token_hex(6), "actor": actor, "action": action,
             "reference": reference, "form": form_id, "detail": detail}
    store.append_audit(entry, expires_at or clock.epoch(now) + DEFAULT_DAYS * 86400)
    return entry
