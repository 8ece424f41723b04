"""The words of the mails. The office reads the site's default language; citizens their own.

They are the ``mail.`` keys of the function's words (``i18n``: the ``functions: mail:`` section
of civicat/i18n/<lang>.yaml, compiled into the contract).
"""
from .. import i18n


def w(key: str, lang: str, **values) -> str:
    return i18n.t(f"mail.{key}", lang, **values)
