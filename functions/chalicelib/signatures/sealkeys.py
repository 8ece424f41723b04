"""Where an office's sealing key and certificate come from: files locally, Secrets Manager on AWS.

``CIVICAT_SEALS`` is either

- the path of a JSON file (locally)::

      {"buergerbuero-hainbach": {"key": "seals/buergerbuero.key.pem",
                                 "cert": "seals/buergerbuero.cert.pem",
                                 "chain": ["seals/ca.pem"],
                                 "password_env": "BUERGERBUERO_SEAL_PASSWORD"}}

  paths relative to the JSON file; the key's password, if any, in the named environment variable
  (never in the file);
- or ``secretsmanager:<prefix>`` (AWS): the secret ``<prefix><office id>`` holds
  ``{"key": "-----BEGIN PRIVATE KEY…", "cert": "…", "chain": ["…"], "password": "…"}``, read
  through boto3 (the Lambda runtime has it) and kept for five minutes.

An office that is not listed simply has no seal: sealing is optional, per office.
"""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field

from .. import settings

SECRET_SECONDS = 300


class SealConfigError(ValueError):
    """The configuration names the office but cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class SealKeys:
    key_pem: bytes
    cert_pem: bytes
    chain_pem: tuple = field(default_factory=tuple)
    password: bytes | None = None


_secrets: dict = {}
_lock = threading.Lock()


def load(office_id: str) -> SealKeys | None:
    """The office's sealing credentials, or None when the office has no seal configured."""
    config = settings.seal_config()
    if not config:
        return None
    if config.startswith("secretsmanager:"):
        return _from_secret(config[len("secretsmanager:"):] + office_id)
    return _from_file(config, office_id)


def _from_file(path: str, office_id: str) -> SealKeys | None:
    try:
        with open(path, encoding="utf-8") as handle:
            offices = json.load(handle)
    except OSError as error:
        raise SealConfigError(f"CIVICAT_SEALS: {path}: {error.strerror} — point it at the JSON "
                              "file that lists each office's key and certificate") from None
    except ValueError as error:
        raise SealConfigError(f"CIVICAT_SEALS: {path}: not valid JSON ({error})") from None
    entry = offices.get(office_id)
    if entry is None:
        return None
    folder = os.path.dirname(os.path.abspath(path))

    def read(name: str, where: str) -> bytes:
        full = os.path.join(folder, name)
        try:
            with open(full, "rb") as handle:
                return handle.read()
        except OSError as error:
            raise SealConfigError(f"CIVICAT_SEALS: {path}: {office_id}.{where}: {full}: "
                                  f"{error.strerror}") from None

    if "key" not in entry or "cert" not in entry:
        raise SealConfigError(f"CIVICAT_SEALS: {path}: {office_id}: needs \"key\" and \"cert\"")
    password = None
    if entry.get("password_env"):
        value = os.environ.get(entry["password_env"])
        if value is None:
            raise SealConfigError(f"CIVICAT_SEALS: {path}: {office_id}.password_env: the "
                                  f"variable {entry['password_env']} is not set")
        password = value.encode()
    return SealKeys(read(entry["key"], "key"), read(entry["cert"], "cert"),
                    tuple(read(c, f"chain[{i}]") for i, c in enumerate(entry.get("chain") or [])),
                    password)


def _from_secret(secret_id: str) -> SealKeys | None:
    now = time.monotonic()
    with _lock:
        cached = _secrets.get(secret_id)
        if cached and cached[0] > now:
            return cached[1]
    import boto3
    from botocore.exceptions import ClientError

    client = boto3.client("secretsmanager", region_name=settings.aws_region(),
                          endpoint_url=settings.aws_endpoint())
    try:
        raw = client.get_secret_value(SecretId=secret_id)["SecretString"]
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ResourceNotFoundException":
            keys = None
        else:
            raise
    else:
        try:
            secret = json.loads(raw)
            keys = SealKeys(secret["key"].encode(), secret["cert"].encode(),
                            tuple(c.encode() for c in secret.get("chain") or ()),
                            secret["password"].encode() if secret.get("password") else None)
        except (ValueError, KeyError, AttributeError) as error:
            raise SealConfigError(f"secret {secret_id}: expected JSON with \"key\" and \"cert\" "
                                  f"as PEM text ({error})") from None
    with _lock:
        _secrets[secret_id] = (now + SECRET_SECONDS, keys)
    return keys


def reset_cache() -> None:
    with _lock:
        _secrets.clear()
