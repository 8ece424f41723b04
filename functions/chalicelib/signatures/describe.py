"""pyHanko's status of one signature → the plain, JSON-ready facts an official and a citizen need.

The problem codes are the package's (``__init__.py``); pyHanko's own AdES sub-indication and
message are kept beside them for the staff view ("which rule failed").
"""
from __future__ import annotations

import datetime as dt

CHANGES = {"NONE": "none", "LTA_UPDATES": "validation_data", "FORM_FILLING": "form_filling",
           "ANNOTATIONS": "annotations", "OTHER": "other"}
"""pyHanko's modification levels after signing, in our words."""
ALLOWED_CHANGES = ("none", "validation_data", "form_filling", "annotations")
"""Changes that leave the signed content alone (PAdES, ISO 32000: incremental updates that add
validation data, fill in fields or add comments); anything else refuses the signature."""
COVERAGE = {"ENTIRE_FILE": "entire_file", "ENTIRE_REVISION": "entire_revision"}
INDICATION_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": "untrusted", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE": "untrusted",
    "OUT_OF_BOUNDS_NO_POE": "expired", "EXPIRED": "expired",
    "OUT_OF_BOUNDS_NOT_REVOKED": "expired", "NOT_YET_VALID": "not_yet_valid",
    "REVOKED_NO_POE": "revoked", "REVOKED": "revoked", "REVOKED_CA_NO_POE": "revoked",
    "TRY_LATER": "revocation_unknown", "CHAIN_CONSTRAINTS_FAILURE": "chain",
    "SIG_CONSTRAINTS_FAILURE": "chain", "CERTIFICATE_CHAIN_GENERAL_FAILURE": "chain",
    "CRYPTO_CONSTRAINTS_FAILURE": "algorithm", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "algorithm",
}
QC_COMPLIANCE, QC_SSCD = "qc_compliance", "qc_sscd"


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _iso(value) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def _common_name(name) -> str:
    native = name.native
    return native.get("common_name") or native.get("organization_name") or name.human_friendly


def _person(cert) -> dict:
    return {"name": _common_name(cert.subject), "subject": cert.subject.human_friendly,
            "serial": format(cert.serial_number, "x")}


def _qc_statements(cert) -> set:
    try:
        from pyhanko.sign.ades.qualified_asn1 import get_qc_statements

        return {statement["statement_id"].native for statement in get_qc_statements(cert)}
    except Exception:  # noqa: BLE001 — a malformed extension claims nothing
        return set()


def signature(reader, embedded, status, trust, retried: bool) -> dict:
    cert = status.signing_cert
    statements = _qc_statements(cert)
    changes = CHANGES.get(getattr(status.modification_level, "name", ""), "other")
    coverage = COVERAGE.get(getattr(status.coverage, "name", ""), "partial")
    indication = status.trust_problem_indic
    stamp = status.timestamp_validity
    path = list(status.validation_path) if status.validation_path else []
    revocation = status.revocation_details
    facts = {
        "field": embedded.field_name,
        "signer": _person(cert),
        "issuer": {"name": _common_name(cert.issuer), "subject": cert.issuer.human_friendly},
        "certificate": {"valid_from": _iso(cert.not_valid_before),
                        "valid_until": _iso(cert.not_valid_after),
                        "qc_compliance": QC_COMPLIANCE in statements,
                        "qc_sscd": QC_SSCD in statements},
        "signing_time": _iso(status.signer_reported_dt),
        "timestamp": None if stamp is None else {
            "time": _iso(stamp.timestamp), "authority": _common_name(stamp.signing_cert.subject),
            "trusted": bool(stamp.intact and stamp.valid and stamp.trusted)},
        "judged_at": "timestamp" if retried else "now",
        "intact": bool(status.intact), "valid": bool(status.valid),
        "trusted": bool(status.trusted), "revoked": bool(status.revoked),
        "revocation": None if revocation is None else {
            "date": _iso(revocation.revocation_date),
            "reason": revocation.revocation_reason.native,
            "ca_revoked": revocation.ca_revoked},
        "coverage": coverage, "changes_after_signing": changes,
        "changed_fields": sorted(_changed_fields(status)),
        "added_fields": sorted(_added_fields(reader, embedded)),
        "docmdp_ok": status.docmdp_ok,
        "chain": [{"name": _common_name(c.subject), "subject": c.subject.human_friendly,
                   "valid_until": _iso(c.not_valid_after)} for c in reversed(path)],
        "anchor": _common_name(path[0].subject) if path else None,
        "indication": indication.name if indication is not None else None,
        "detail": None,
    }
    facts["problem"] = _problem(status, facts)
    facts["state"] = "valid" if facts["problem"] is None else "invalid"
    facts["level"], facts["level_source"] = _level(status, facts, trust)
    if facts["problem"]:
        facts["detail"] = _detail(status, facts)
    return facts


def broken(embedded, error: Exception) -> dict:
    """A signature pyHanko could not validate at all (malformed CMS, unknown algorithm …)."""
    try:
        signer = _person(embedded.signer_cert)
        issuer = {"name": _common_name(embedded.signer_cert.issuer),
                  "subject": embedded.signer_cert.issuer.human_friendly}
    except Exception:  # noqa: BLE001
        signer, issuer = None, None
    return {"field": getattr(embedded, "field_name", None), "signer": signer, "issuer": issuer,
            "state": "invalid", "problem": "integrity", "level": None, "level_source": None,
            "indication": None, "detail": f"{type(error).__name__}: {error}"[:300],
            "chain": [], "anchor": None, "timestamp": None, "signing_time": None}


def _problem(status, facts: dict) -> str | None:
    if not (status.intact and status.valid):
        return "integrity"
    if facts["coverage"] == "partial":
        return "coverage"
    if facts["changes_after_signing"] not in ALLOWED_CHANGES or status.docmdp_ok is False:
        return "modified"
    if status.revoked:
        return "revoked"
    if not status.trusted:
        name = facts["indication"]
        return INDICATION_PROBLEMS.get(name, "untrusted") if name else "untrusted"
    if status.seed_value_ok is False:
        return "chain"
    return None


def _level(status, facts: dict, trust) -> tuple[str | None, str | None]:
    """``qualified`` when the trusted list says the certificate is a qualified one on a
    qualified device (QSCD) for signatures or seals; without a trusted list, when the certificate
    itself states QcCompliance and QcSSCD under one of the municipality's own anchors; else
    ``advanced`` — for a valid signature only."""
    if facts["problem"] is not None:
        return None, None
    if trust.registry is not None and status.validation_path is not None:
        from pyhanko.sign.validation.qualified.assess import QualificationAssessor

        try:
            verdict = QualificationAssessor(trust.registry).check_entity_cert_qualified(
                status.validation_path, moment=None)
            qualified = verdict.status
            if (qualified.qualified and qualified.qc_type.name in ("QC_ESIGN", "QC_ESEAL")
                    and qualified.qc_key_security.name.startswith("QSCD")):
                return "qualified", "trusted_list"
        except Exception:  # noqa: BLE001 — not on the list in a way we can assess
            pass
        return "advanced", "trusted_list"
    if facts["certificate"]["qc_compliance"] and facts["certificate"]["qc_sscd"]:
        return "qualified", "certificate"
    return "advanced", "certificate"


def _detail(status, facts: dict) -> str:
    """One technical sentence for the staff view: the rule that failed, in pyHanko's terms."""
    parts = []
    if facts["indication"]:
        parts.append(f"AdES: {facts['indication']}")
    if not status.intact:
        parts.append("the document digest does not match the signed digest")
    elif not status.valid:
        parts.append("the cryptographic signature does not verify")
    if facts["problem"] == "modified":
        allowed = facts["changes_after_signing"] in ALLOWED_CHANGES
        parts.append(f"changes after signing: {facts['changes_after_signing']}"
                     + ("; the certification signature forbids them" if allowed else ""))
    if facts["revocation"]:
        parts.append(f"revoked {facts['revocation']['date']} ({facts['revocation']['reason']})")
    if facts["problem"] == "untrusted":
        parts.append(f"no path from {facts['issuer']['subject']} to a trust anchor")
    return "; ".join(parts) or facts["problem"]


def _changed_fields(status) -> set:
    diff = status.diff_result
    return set(getattr(diff, "changed_form_fields", None) or ())


def _added_fields(reader, embedded) -> set:
    """Form fields that exist now but did not when this signature was made."""
    try:
        signed = _field_names(reader.get_historical_root(embedded.signed_revision))
        current = _field_names(reader.root)
    except Exception:  # noqa: BLE001 — a structure we cannot walk: report nothing rather than guess
        return set()
    return current - signed


def _field_names(root) -> set:
    names: set = set()
    form = root.get("/AcroForm")
    if form is None:
        return names
    stack = [(field, "") for field in form.get_object().get("/Fields", [])]
    while stack and len(names) < 1000:
        field, prefix = stack.pop()
        field = field.get_object()
        title = field.get("/T")
        name = f"{prefix}.{title}" if prefix and title else (str(title) if title else prefix)
        kids = field.get("/Kids")
        if kids:
            stack.extend((kid, name) for kid in kids)
        elif name:
            names.add(name)
    return names


def document(results: list) -> dict:
    """The whole PDF: valid when every signature is; the decisive signature is the first failing
    one, else the first; the level is the best one among the (then all valid) signatures."""
    failing = [r for r in results if r["state"] != "valid"]
    decisive = (failing or results)[0]
    levels = [r.get("level") for r in results if r.get("level")]
    return {"state": "invalid" if failing else "valid",
            "problem": decisive["problem"] if failing else None,
            "level": None if failing else ("qualified" if "qualified" in levels else "advanced"),
            "signer": (decisive.get("signer") or {}).get("name"),
            "issuer": (decisive.get("issuer") or {}).get("name"),
            "signed_at": (decisive.get("timestamp") or {}).get("time") or decisive.get("signing_time"),
            "signatures": results}
