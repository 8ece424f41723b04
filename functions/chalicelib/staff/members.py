"""The local staff list, kept beside the submissions in the store (records of kind ``staff``).

A member has a name, the offices they work for, whether they are an admin (sees every office, the
audit log, may erase) and an Argon2id password hash. A new member gets no password: they get a
one-time link (72 hours) and choose it themselves; only the link's hash is stored.
"""
import hashlib
import secrets

from .. import clock

KIND = "staff"
SETUP_KIND = "staff-setup"
SETUP_SECONDS = 72 * 3600
FOREVER = 4102444800  # 2100-01-01: members do not expire
MIN_PASSWORD = 12


def _hasher():
    from argon2 import PasswordHasher  # the staff Lambda's own dependency

    return PasswordHasher()  # Argon2id with the library's current recommended parameters


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get(store, name: str) -> dict | None:
    return store.get_record(KIND, name)


def everyone(store) -> list[dict]:
    return store.list_records(KIND)


def add(store, name: str, offices: list, admin: bool = False, display: str | None = None) -> str:
    """Add or update a member; returns a one-time token for setting the password."""
    member = get(store, name) or {"name": name, "password": None}
    member.update(offices=sorted(set(offices)), admin=bool(admin), display=display or name)
    store.put_record(KIND, name, member, FOREVER)
    token = secrets.token_urlsafe(24)
    store.put_record(SETUP_KIND, _digest(token), {"name": name},
                     clock.epoch(clock.now()) + SETUP_SECONDS)
    return token


def set_password(store, name: str, password: str) -> None:
    member = get(store, name)
    member["password"] = _hasher().hash(password)
    store.put_record(KIND, name, member, FOREVER)


def redeem(store, token: str) -> str | None:
    """The member name a setup token is for (the token stays valid until used)."""
    record = store.get_record(SETUP_KIND, _digest(token or ""))
    return record["name"] if record and get(store, record["name"]) else None


def use_up(store, token: str) -> None:
    store.delete_record(SETUP_KIND, _digest(token))


def check(store, name: str, password: str) -> dict | None:
    """The member if the password is right, else None (the same work either way)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    member = get(store, name)
    stored = (member or {}).get("password")
    hasher = _hasher()
    try:
        if not stored:
            hasher.verify(_DUMMY, password)  # spend the same time as for a real member
            return None
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if hasher.check_needs_rehash(stored):
        set_password(store, name, password)
    return member


# A hash of a random password: verifying against it costs what verifying a real one costs, so
# the time of an answer does not tell whether a name is on the list.
_DUMMY = "$argon2id$v=19$m=65536,t=3,p=4$B+4jN1NQGU9b4gMxgfr6ww$" \
         "TTbznFT6P+xJlyx9VvDxhQrnX14BXFwxJlOzOJQ+x1o"
