"""Choose the notifier from ``CIVICAT_NOTIFIER`` (``outbox`` | ``ses`` | ``smtp``) on first use."""
from .. import settings
from .base import Notifier, NotifyError

_notifiers: dict = {}


def get_notifier() -> Notifier:
    kind = settings.notifier()
    if kind == "outbox":
        key = (kind, settings.outbox_dir())
    elif kind == "smtp":
        key = (kind, tuple(sorted(settings.smtp().items())))
    elif kind == "ses":
        key = (kind, settings.aws_endpoint(), settings.aws_region())
    else:
        raise ValueError(f"CIVICAT_NOTIFIER: expected outbox, ses or smtp, got {kind!r}")
    if key not in _notifiers:
        _notifiers[key] = _build(kind)
    return _notifiers[key]


def reset_cache() -> None:
    """Forget the notifiers built so far (tests switch ``CIVICAT_NOTIFIER`` between cases)."""
    _notifiers.clear()


def _build(kind: str) -> Notifier:
    if kind == "outbox":
        from .outbox import OutboxNotifier

        return OutboxNotifier(settings.outbox_dir())
    if kind == "smtp":
        from .smtp import SmtpNotifier

        return SmtpNotifier(**settings.smtp())
    from .ses import SesNotifier

    return SesNotifier()

__all__ = ["Notifier", "NotifyError", "get_notifier", "reset_cache"]
