"""The function's own words, in every language the contract declares.

They live in the site's string table (the ``functions:`` section of civicat/i18n/<lang>.yaml, and
a few words shared with the form page) and reach the function compiled into the contract as
``strings[lang]`` (``civicat forms``): the function reads no YAML. Field messages are the
contract's too (each field's ``messages``); these are the words the contract cannot attach to a
field (fill time, unknown fields, rate limit, location, attachments …), the pages the function
renders itself and the mails. A key missing in a language falls back to the default language
(a test keeps every declared language complete).
"""
from . import contract

PLURAL_LETTERS = {"z": "zero", "o": "one", "t": "two", "f": "few", "m": "many", "x": "other"}


def t(key: str, lang: str, **values) -> str:
    """The text for ``key`` in ``lang`` with ``{placeholders}`` filled; a text with plural forms
    takes the form for its one whole-number value (``count``, ``minutes`` …)."""
    loaded = contract.load()
    template = _lookup(loaded, key, lang)
    if isinstance(template, dict):
        number = next((v for v in values.values() if isinstance(v, int) and not isinstance(v, bool)),
                      None)
        template = template.get(plural(loaded, lang, number)) or template["other"]
    return template.format(**values) if values else template


def words(key: str, lang: str):
    """A word list or any other value of the table as it is (``months``)."""
    return _lookup(contract.load(), key, lang)


def _lookup(loaded, key: str, lang: str):
    default = loaded.site.default_language
    for candidate in (lang, default):
        found = (loaded.strings.get(candidate) or {}).get(key)
        if found is not None:
            return found
    raise KeyError(f"{key}: not among the contract's strings — compile it again with `civicat forms`")


def plural(loaded, lang: str, number) -> str:
    """CLDR's plural category of a whole ``number`` in ``lang``, from the table the contract
    carries (``site.plurals``: 0 … 199; 100 + n % 100 stands for larger numbers)."""
    if number is None:
        return "other"
    table = loaded.site.plurals.get(lang) or ""
    number = abs(number)
    index = number if number < 200 else 100 + number % 100
    if index < len(table):
        return PLURAL_LETTERS.get(table[index], "other")
    return "one" if number == 1 else "other"


def date(value, lang: str) -> str:
    """A date as people write it in ``lang`` (``4. Dezember 2026``, ``4 декември 2026 г.``), with
    the site's own format and month names; digits stay Western in every language, as on the site.
    A moment (a stored UTC time) is the day it was in the site's time zone."""
    if getattr(value, "tzinfo", None) is not None:
        from zoneinfo import ZoneInfo

        value = value.astimezone(ZoneInfo(contract.load().site.timezone))
    months = words("months", lang)
    return t("date", lang, day=value.day, month=months[value.month - 1], year=value.year)


def choose(requested, languages, default: str) -> str:
    """The submission's ``lang`` if the site has it, else the default language."""
    if isinstance(requested, str):
        requested = requested.strip().lower()
        if requested in languages:
            return requested
        base = requested.split("-")[0]
        if base in languages:
            return base
    return default


def from_accept_language(header: str | None, languages, default: str) -> str:
    """Best site language from ``Accept-Language`` (for errors before the body is read)."""
    best, best_q = default, -1.0
    for position, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        lang = tag.strip().lower().split("-")[0]
        # Earlier entries win ties, as browsers list languages in order of preference.
        if lang in languages and q > best_q:
            best, best_q = lang, q - position * 1e-6
    return best


def human_size(size: int, lang: str) -> str:
    """``10 MB`` / ``1,5 MB``: the language's decimal sign, as the site's form page writes it."""
    if size >= 1024 * 1024:
        number, unit = size / (1024 * 1024), "MB"
    else:
        number, unit = size / 1024, "KB"
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', words('decimal', lang))} {unit}"


def type_names(types) -> str:
    """``PDF, JPEG, PNG`` from MIME types."""
    names = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
    return ", ".join(names.get(t, t) for t in types)
