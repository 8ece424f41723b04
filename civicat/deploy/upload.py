"""Put a built site into its S3 bucket: only what changed, with the right headers, and tell
CloudFront to forget exactly the changed pages.

1. Walk the build folder; each file's key is its path, its MD5 is what S3 reports as the ETag of
   an object written in one piece (SSE-S3 keeps it so; SSE-KMS would not, and every deployment
   would then rewrite every file).
2. List the bucket. A file is uploaded when it is new or its MD5 differs from the ETag, or when
   the header rules changed since the last deployment (``caching.rules_fingerprint``, kept in
   ``.civicat/upload-rules``: S3 cannot change an object's headers without writing it again).
   Order: fingerprinted assets, other files, HTML last, so a page never arrives before what it
   loads. Objects no longer in the build are deleted after that.
3. One CloudFront invalidation for the files that changed or went away and may be cached: new files
   never were, fingerprinted files change their names instead. The list is kept short (``limit``),
   because invalidation paths beyond 1,000 a month are charged: when more files changed, the
   folders whose files changed most completely are invalidated as ``/folder/*``.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from . import caching

RULES_KEY = ".civicat/upload-rules"
"""Our own bookkeeping in the bucket; never part of a site, never deleted as a stale file."""
INVALIDATION_LIMIT = 25
"""Paths per deployment: a nightly rebuild and some daytime ones stay within CloudFront's 1,000
free paths a month."""


class UploadError(RuntimeError):
    """A deployment that must not go on; the message says what to do."""


@dataclass(frozen=True)
class LocalFile:
    path: Path
    md5: str

    @property
    def etag(self) -> str:
        return f'"{self.md5}"'


@dataclass
class Result:
    uploaded: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    invalidated: list[str] = field(default_factory=list)
    invalidation_id: str | None = None

    def summary(self) -> str:
        text = f"uploaded {len(self.uploaded)}, deleted {len(self.deleted)}, unchanged {self.unchanged}"
        if self.invalidation_id:
            text += f"; CloudFront invalidation {self.invalidation_id} for {len(self.invalidated)} path(s)"
        return text


def local_files(site: Path) -> dict[str, LocalFile]:
    """Every file of the build as ``key → LocalFile``; refuses a folder that is not a built site,
    because deleting what is "gone" would then empty the bucket."""
    if not (site / "index.html").is_file():
        raise UploadError(f"{site}: no index.html — is this the folder `civicat build --out` wrote? "
                          "Nothing was uploaded or deleted.")
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            key = path.relative_to(site).as_posix()
            if key.startswith(".civicat/"):
                continue
            caching.content_type(key)  # stop before anything is written if a type is unknown
            found[key] = LocalFile(path, hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest())
    return found


def remote_objects(s3: Any, bucket: str) -> dict[str, str]:
    """``key → ETag`` of every object in the bucket."""
    objects = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            objects[item["Key"]] = item["ETag"]
    return objects


def _order(key: str) -> int:
    if caching.is_fingerprinted(key):
        return 0
    return 2 if key.endswith(".html") else 1


def invalidation_paths(changed: Iterable[str], site_keys: Iterable[str], limit: int = INVALIDATION_LIMIT) -> list[str]:
    """CloudFront paths covering the ``changed`` keys: each one exactly while there are at most
    ``limit``. Beyond that some folders are given as ``/folder/*``, chosen so that as few
    unchanged files as possible are invalidated with them (a folder all of whose files changed
    costs nothing): an exact tree knapsack over the site's folders, at most ``limit`` paths."""
    changed = {"/" + key for key in changed}
    if len(changed) <= limit:
        return sorted(changed)
    unchanged_under: Counter = Counter()
    direct: dict[str, list[str]] = defaultdict(list)
    children: dict[str, set[str]] = defaultdict(set)
    for path in changed | {"/" + key for key in site_keys}:
        folders = _folders(path)
        if path in changed:
            direct[folders[-1]].append(path)
            for parent, child in zip(folders, folders[1:]):
                children[parent].add(child)
        else:
            for folder in folders:
                unchanged_under[folder] += 1
    never = float("inf")
    plans: dict[str, tuple] = {}

    def solve(folder: str) -> list[float]:
        """best[k]: fewest unchanged files invalidated when this folder's changes get k paths."""
        expand = [0 if k >= len(direct[folder]) else never for k in range(limit + 1)]
        splits = []
        for child in sorted(children[folder]):
            sub, merged, pick = solve(child), [never] * (limit + 1), [0] * (limit + 1)
            for k in range(limit + 1):
                for j in range(k + 1):
                    if expand[k - j] + sub[j] < merged[k]:
                        merged[k], pick[k] = expand[k - j] + sub[j], j
            expand = merged
            splits.append((child, pick))
        collapse = unchanged_under[folder]
        plans[folder] = (collapse, expand, splits)
        return [expand[0]] + [min(collapse, expand[k]) for k in range(1, limit + 1)]

    def collect(folder: str, k: int, out: list[str]) -> None:
        collapse, expand, splits = plans[folder]
        if collapse < expand[k] or expand[k] == never:  # a wildcard only where it saves something
            out.append(folder + "*")
            return
        for child, pick in reversed(splits):
            collect(child, pick[k], out)
            k -= pick[k]
        out.extend(direct[folder])

    solve("/")
    paths: list[str] = []
    collect("/", limit, paths)
    return sorted(paths)


def _folders(path: str) -> list[str]:
    """The folders containing a file: "/de/a/b.html" → "/", "/de/", "/de/a/"."""
    parts = path.split("/")[1:-1]
    return ["/" + "".join(p + "/" for p in parts[:i]) for i in range(len(parts) + 1)]


def deploy(site: Path, bucket: str, s3: Any, cloudfront: Any = None, distribution_id: str | None = None,
           dry_run: bool = False, log: Callable[[str], None] = print, workers: int = 8,
           limit: int = INVALIDATION_LIMIT) -> Result:
    """Make ``bucket`` hold exactly ``site``; see the module docstring."""
    files = local_files(site)
    remote = _list(s3, bucket)
    rules = caching.rules_fingerprint()
    rules_changed = _stored_rules(s3, bucket, remote) != rules
    if rules_changed and remote:
        log("the header rules changed since the last deployment (or were never recorded): every file is written again")
    result = Result()
    for key, local in files.items():
        if rules_changed or remote.get(key) != local.etag:
            result.uploaded.append(key)
        else:
            result.unchanged += 1
    result.deleted = sorted(k for k in remote if k not in files and not k.startswith(".civicat/"))
    result.uploaded.sort(key=lambda k: (_order(k), k))
    stale = [k for k in result.uploaded if k in remote and not (caching.is_fingerprinted(k) and remote[k] == files[k].etag)]
    stale += [k for k in result.deleted if not caching.is_fingerprinted(k)]
    if dry_run:
        result.invalidated = invalidation_paths(stale, files, limit) if stale else []
        return result

    def put(key: str) -> None:
        with files[key].path.open("rb") as body:
            s3.put_object(Bucket=bucket, Key=key, Body=body, ContentMD5=_b64(files[key].md5), **caching.headers(key))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for group in (0, 1, 2):
            list(pool.map(put, [k for k in result.uploaded if _order(k) == group]))
    for start in range(0, len(result.deleted), 1000):
        batch = result.deleted[start:start + 1000]
        answer = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True})
        if answer.get("Errors"):
            first = answer["Errors"][0]
            raise UploadError(f"could not delete {len(answer['Errors'])} old file(s) from {bucket}, e.g. "
                              f"{first.get('Key')}: {first.get('Code')} — the site itself is up to date; run again")
    if rules_changed:
        s3.put_object(Bucket=bucket, Key=RULES_KEY, Body=rules.encode(), ContentType="text/plain; charset=utf-8",
                      CacheControl="no-store")
    if stale and cloudfront is not None and distribution_id:
        result.invalidated = invalidation_paths(stale, files, limit)
        answer = cloudfront.create_invalidation(DistributionId=distribution_id, InvalidationBatch={
            "Paths": {"Quantity": len(result.invalidated), "Items": result.invalidated},
            "CallerReference": hashlib.sha256("\n".join([*result.invalidated, *sorted(result.uploaded)]).encode()
                                              + _now().encode()).hexdigest()[:32]})
        result.invalidation_id = answer["Invalidation"]["Id"]
    return result


def _list(s3: Any, bucket: str) -> dict[str, str]:
    from botocore.exceptions import ClientError

    try:
        return remote_objects(s3, bucket)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        raise UploadError(f"cannot list the bucket {bucket}: {code} — check the bucket name (stack output "
                          "SiteBucketName) and that the deploying role may s3:ListBucket on it") from error


def _stored_rules(s3: Any, bucket: str, remote: dict[str, str]) -> str | None:
    if RULES_KEY not in remote:
        return None
    return s3.get_object(Bucket=bucket, Key=RULES_KEY)["Body"].read().decode()


def _b64(md5_hex: str) -> str:
    import base64

    return base64.b64encode(bytes.fromhex(md5_hex)).decode()


def _now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).isoformat()
