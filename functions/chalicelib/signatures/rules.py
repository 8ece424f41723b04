"""Does a checked PDF satisfy the form's signature rule? Plain Python: the routes import this.

A form's rule (``contract.SignatureRule``) is ``required`` or ``optional`` with a lowest level.
``optional`` never refuses: the citizen and the office see the result, unsigned PDFs are welcome.
``required`` accepts a PDF only when every signature in it is valid and at least one reaches the
level; a result still ``checking`` is neither accepted nor refused (the caller checks it first).
"""

LEVELS = ("advanced", "qualified")  # lowest first
PDF = "application/pdf"


def applies(form, content_type: str) -> bool:
    """Whether uploads of this type to this form get a signature check."""
    rule = form.attachments.signature if form.attachments else None
    return rule is not None and content_type == PDF


def pending(result) -> bool:
    return not result or result.get("state") == "checking"


def problem(result: dict, rule) -> str | None:
    """Why ``result`` does not satisfy ``rule`` (a problem code, see the package docstring, or
    ``level`` when a valid signature is below the level), or None when it does."""
    if rule is None or not rule.required or pending(result):
        return None
    if result.get("state") != "valid":
        return result.get("problem") or result.get("state") or "error"
    if LEVELS.index(result.get("level") or "advanced") < LEVELS.index(rule.level):
        return "level"
    return None


def accepted(result: dict, rule) -> bool | None:
    """True or False once checked (optional rules: always True), None while checking."""
    if pending(result):
        return None
    return problem(result, rule) is None
