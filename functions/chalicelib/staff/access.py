"""Who sees what. A person sees the submissions of the forms whose offices they work for (the
contract's ``offices`` of a form: its recipient, and for a service application the service's
responsible office); an admin sees every form. Everything else answers 404, exactly like something
that does not exist, so that nobody learns which references exist."""


def visible_forms(session: dict, contract) -> dict:
    """form id → Form for the forms this person may work."""
    if session.get("admin"):
        return dict(contract.forms)
    mine = set(session.get("offices") or ())
    return {form_id: form for form_id, form in contract.forms.items()
            if mine.intersection(form.offices)}


def visible_offices(session: dict, contract) -> list:
    """The offices a person can filter the inbox by (in the order of the contract)."""
    forms = visible_forms(session, contract).values()
    seen = []
    for form in forms:
        for office in form.offices:
            if office not in seen and (session.get("admin") or office in session["offices"]):
                seen.append(office)
    return seen


def submission(store, session: dict, contract, reference: str):
    """The submission if it exists and this person may see it, else None."""
    from .. import references

    normalized = references.normalize(reference or "")
    found = store.get_submission(normalized) if normalized else None
    if found is None or found.form_id not in visible_forms(session, contract):
        return None
    return found
