"""Which form of a count a language uses (CLDR plural rules, for the site's languages): "1
Ergebnis", "3 Ergebnisse"; "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجة"; "2 zadetka", "5
zadetkov". The browser asks ``Intl.PluralRules`` the same question; ``tests/search/
test_plural.py`` checks that both answer alike for 0 to 300. The forms themselves are the site's
strings (``civicat/i18n``, ``search.results``), carried in the index's ``meta.json``."""


def category(lang: str, n: int) -> str:
    """The CLDR plural category of the whole number ``n`` in ``lang``."""
    if lang == "ar":
        if n in (0, 1, 2):
            return ("zero", "one", "two")[n]
        if 3 <= n % 100 <= 10:
            return "few"
        if 11 <= n % 100 <= 99:
            return "many"
        return "other"
    if lang == "sl":
        return {1: "one", 2: "two", 3: "few", 4: "few"}.get(n % 100, "other")
    return "one" if n == 1 else "other"  # de, en, bg and most others


def categories(lang: str) -> set:
    """Every category ``lang`` has."""
    return {category(lang, n) for n in range(0, 201)}


def count(forms: dict, lang: str, n: int) -> str:
    """``forms`` (category → text with ``{count}``) for ``n``."""
    text = forms.get(category(lang, n)) or forms["other"]
    return text.replace("{count}", str(n))
