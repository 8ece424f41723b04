"""``python -m civicat.cli``: the ``civicat`` command."""

from . import entry

entry()
