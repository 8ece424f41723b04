"""Where the speech function reads the site's pages and keeps its recordings.

``CIVICAT_SPEECH_PAGES``: the built site, ``file:///dir`` (the local default points at the site
``civicat serve`` serves) or ``s3://bucket/prefix/`` (on AWS the site bucket, which holds exactly
what CloudFront serves). ``CIVICAT_SPEECH_CACHE``: ``file:///dir`` or ``s3://bucket/prefix/``
(on AWS the attachments bucket's ``speech/``). Relative folders after ``file:///``, four slashes
for absolute ones, as ``CIVICAT_UPLOADS``.

A recording is named by its language and the hash of its voice and text, so a changed page gets a
new recording and an unchanged one is made once, whoever asks first.
"""
from __future__ import annotations

import os

from .. import settings

PRESIGN_SECONDS = 300


def _split_s3(url: str) -> tuple[str, str]:
    bucket, _, prefix = url[len("s3://"):].partition("/")
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    return bucket, prefix


def _s3():
    import boto3
    from botocore.config import Config

    return boto3.client("s3", region_name=settings.aws_region(), endpoint_url=settings.aws_endpoint(),
                        config=Config(signature_version="s3v4"))


class LocalPages:
    def __init__(self, directory: str):
        self.directory = directory

    def read(self, path: str) -> str | None:
        """The page at ``path`` (``de/leistungen/x/``), or None."""
        try:
            with open(os.path.join(self.directory, path, "index.html"), encoding="utf-8") as handle:
                return handle.read()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None


class S3Pages:
    def __init__(self, url: str):
        self.bucket, self.prefix = _split_s3(url)
        self.client = _s3()

    def read(self, path: str) -> str | None:
        from botocore.exceptions import ClientError

        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=f"{self.prefix}{path}index.html")
        except ClientError as problem:
            # Without s3:ListBucket (not granted) S3 says AccessDenied, not NoSuchKey, for a missing key.
            if problem.response.get("Error", {}).get("Code") in ("NoSuchKey", "AccessDenied", "404", "403"):
                return None
            raise
        return answer["Body"].read().decode("utf-8")


EXTENSIONS = {"audio/mpeg": "mp3", "audio/wav": "wav"}


class LocalCache:
    """Recordings in a folder; the function answers with the bytes."""

    presigned = False

    def __init__(self, directory: str):
        self.directory = directory

    def _path(self, lang: str, key: str, kind: str) -> str:
        return os.path.join(self.directory, lang, f"{key}.{EXTENSIONS[kind]}")

    def find(self, lang: str, key: str) -> tuple[str, str] | None:
        """(where, content type) of a kept recording, or None."""
        for kind in EXTENSIONS:
            path = self._path(lang, key, kind)
            if os.path.exists(path):
                return path, kind
        return None

    def keep(self, lang: str, key: str, audio: bytes, kind: str) -> tuple[str, str]:
        path = self._path(lang, key, kind)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.part"
        with open(temporary, "wb") as handle:
            handle.write(audio)
        os.replace(temporary, path)  # two requests for one page: the last one wins, both whole
        return path, kind

    def read(self, where: str) -> bytes:
        with open(where, "rb") as handle:
            return handle.read()


class S3Cache:
    """Recordings in a bucket; the function answers with a short-lived link to one (API Gateway
    would otherwise carry every recording through Lambda, whose answers stop at 6 MB)."""

    presigned = True

    def __init__(self, url: str):
        self.bucket, self.prefix = _split_s3(url)
        self.client = _s3()

    def _key(self, lang: str, key: str) -> str:
        return f"{self.prefix}{lang}/{key}.mp3"

    def find(self, lang: str, key: str) -> tuple[str, str] | None:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(lang, key))
        except ClientError:
            return None
        return self._key(lang, key), "audio/mpeg"

    def keep(self, lang: str, key: str, audio: bytes, kind: str) -> tuple[str, str]:
        self.client.put_object(Bucket=self.bucket, Key=self._key(lang, key), Body=audio, ContentType=kind,
                               CacheControl="public, max-age=31536000, immutable")
        return self._key(lang, key), kind

    def link(self, where: str) -> str:
        return self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": where}, ExpiresIn=PRESIGN_SECONDS)


def _location(url: str, local, remote, variable: str):
    if url.startswith("s3://"):
        return remote(url)
    if url.startswith("file:///"):
        return local(url[len("file:///"):])
    raise ValueError(f"{variable}: expected file:///dir or s3://bucket/prefix, got {url!r}")


def get_pages():
    """Where the built site is, or None when ``CIVICAT_SPEECH_PAGES`` is not set."""
    url = settings.speech_pages()
    return _location(url, LocalPages, S3Pages, "CIVICAT_SPEECH_PAGES") if url else None


def get_cache():
    return _location(settings.speech_cache(), LocalCache, S3Cache, "CIVICAT_SPEECH_CACHE")
