"""What the municipality trusts: a folder of anchor certificates and CRLs, an optional EU trusted
list read from disk. Loaded once per configuration and file state, never fetched.

``CIVICAT_TRUST_ANCHORS`` — a folder; every ``*.pem``, ``*.crt``, ``*.cer`` or ``*.der`` file in it
holds one or more certificates a signature's chain may end in, every ``*.crl`` a certificate
revocation list (PEM or DER) honoured offline, like revocation information embedded in a PDF.

``CIVICAT_TRUSTED_LIST`` — an ETSI TS 119 612 trusted list (XML). Its granted CA/QC services are
anchors too, and decide whether a signature is *qualified* (pyHanko's qualification assessor).
With ``CIVICAT_TRUSTED_LIST_SIGNERS`` (PEM of the scheme operator) its XML signature is checked
first; without, the file is taken as the municipality put it there, like the anchors folder.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from .. import settings

CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


class TrustConfigError(ValueError):
    """The trust configuration cannot be read; the message names the file and what to do."""


@dataclass
class Trust:
    anchors: list = field(default_factory=list)       # asn1crypto certificates
    crls: list = field(default_factory=list)          # asn1crypto CertificateLists
    registry: object | None = None                    # pyHanko TSPRegistry from the trusted list
    trusted_list: str | None = None                   # its file name, for the staff view
    fetching: bool = False
    revocation: str = "soft"

    def summary(self) -> dict:
        return {"anchors": len(self.anchors), "crls": len(self.crls),
                "trusted_list": os.path.basename(self.trusted_list) if self.trusted_list else None,
                "fetching": self.fetching, "revocation": self.revocation}

    def trust_manager(self):
        from pyhanko_certvalidator.registry import SimpleTrustManager

        simple = SimpleTrustManager.build(trust_roots=self.anchors)
        if self.registry is None:
            return simple
        return _combined(self.registry, simple)


def _combined(registry, simple):
    """A trust manager that knows the trusted list (so that pyHanko assesses qualification) and
    also the folder's anchors."""
    from pyhanko.sign.validation.qualified.tsp import TSPTrustManager

    class Combined(TSPTrustManager):
        def is_root(self, cert):
            return simple.is_root(cert) or super().is_root(cert)

        def as_trust_anchor(self, authority):
            return super().as_trust_anchor(authority) or simple.as_trust_anchor(authority)

        def find_potential_issuers(self, cert):
            yield from super().find_potential_issuers(cert)
            yield from simple.find_potential_issuers(cert)

    return Combined(registry)


_cache: dict = {}
_lock = threading.Lock()


def load() -> Trust:
    """The current configuration (read again when a variable or a file in it changes)."""
    key = (settings.trust_anchors(), settings.trusted_list(), settings.trusted_list_signers(),
           settings.signature_fetching(), settings.revocation_policy())
    stamp = _stamp(key[0], key[1], key[2])
    with _lock:
        cached = _cache.get(key)
        if cached is None or cached[0] != stamp:
            cached = _cache[key] = (stamp, _read(*key))
        return cached[1]


def _stamp(*paths) -> tuple:
    found = []
    for path in paths:
        if not path:
            continue
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                found.append((full, os.stat(full).st_mtime_ns))
        elif os.path.exists(path):
            found.append((path, os.stat(path).st_mtime_ns))
    return tuple(found)


def _read(anchors_dir: str, tl_path: str, tl_signers: str, fetching: bool, revocation: str) -> Trust:
    trust = Trust(fetching=fetching, revocation=revocation)
    if anchors_dir:
        if not os.path.isdir(anchors_dir):
            raise TrustConfigError(f"CIVICAT_TRUST_ANCHORS: {anchors_dir} is not a folder — "
                                   "point it at the folder of the trusted root certificates")
        for name in sorted(os.listdir(anchors_dir)):
            path = os.path.join(anchors_dir, name)
            lower = name.lower()
            if lower.endswith(CERT_SUFFIXES):
                trust.anchors.extend(_certs(path))
            elif lower.endswith(".crl"):
                trust.crls.append(_crl(path))
    if tl_path:
        trust.registry = _trusted_list(tl_path, tl_signers)
        trust.trusted_list = tl_path
    return trust


def _certs(path: str) -> list:
    from pyhanko.keys import load_certs_from_pemder

    try:
        return list(load_certs_from_pemder([path]))
    except Exception as error:  # noqa: BLE001 — any parse failure is the same advice
        raise TrustConfigError(f"{path}: not a certificate in PEM or DER ({error}) — "
                               "remove the file or replace it with the CA's certificate") from None


def _crl(path: str):
    from asn1crypto import crl, pem

    with open(path, "rb") as handle:
        data = handle.read()
    try:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        revocation_list = crl.CertificateList.load(data)
        revocation_list.native  # parse now, so a broken file is reported here
        return revocation_list
    except Exception as error:  # noqa: BLE001
        raise TrustConfigError(f"{path}: not a CRL in PEM or DER ({error}) — "
                               "remove the file or download the CRL again") from None


def _trusted_list(path: str, signers_path: str):
    try:
        from pyhanko.sign.validation.qualified import eutl_parse
    except ImportError:  # pragma: no cover — the extra is part of the local and test installs
        raise TrustConfigError("CIVICAT_TRUSTED_LIST needs pyHanko's trusted-list support: "
                               "pip install 'pyhanko[etsi]'") from None
    try:
        with open(path, encoding="utf-8") as handle:
            xml = handle.read()
    except OSError as error:
        raise TrustConfigError(f"CIVICAT_TRUSTED_LIST: {path}: {error.strerror} — "
                               "point it at the trusted list's XML file") from None
    try:
        if signers_path:
            registry, _errors = eutl_parse.trust_list_to_registry(
                xml, tlso_certs=_certs(signers_path))
        else:
            registry, _errors = eutl_parse.trust_list_to_registry_unsafe(xml)
    except TrustConfigError:
        raise
    except Exception as error:  # noqa: BLE001
        raise TrustConfigError(f"CIVICAT_TRUSTED_LIST: {path}: not a trusted list this verifier "
                               f"can read ({error}) — use the ETSI TS 119 612 XML as published") from None
    return registry
