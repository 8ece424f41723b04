"""Where attachment bytes live: a local folder (default) or an S3 bucket.

``CIVICAT_UPLOADS=file:///var/uploads`` (relative; four slashes for absolute) or
``s3://bucket/prefix/``. With S3 the browser posts the file straight to the bucket through a
presigned POST whose policy fixes the key, the content type and the allowed size, so the file
never passes through Lambda (whose request limit is 6 MB).
"""
import os

from .. import settings

PRESIGN_SECONDS = 900


class LocalStorage:
    presigned = False

    def __init__(self, directory: str):
        self.directory = directory

    def path(self, upload) -> str:
        return os.path.join(self.directory, upload.form_id, upload.upload_id)

    def save(self, upload, data: bytes) -> None:
        target = self.path(upload)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = target + ".part"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)

    def head(self, upload, length: int) -> tuple[int, bytes] | None:
        try:
            with open(self.path(upload), "rb") as handle:
                return os.fstat(handle.fileno()).st_size, handle.read(length)
        except FileNotFoundError:
            return None

    def read(self, upload) -> bytes | None:
        try:
            with open(self.path(upload), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def delete(self, upload) -> None:
        try:
            os.remove(self.path(upload))
        except FileNotFoundError:
            pass


class S3Storage:
    presigned = True

    def __init__(self, bucket: str, prefix: str):
        self.bucket, self.prefix = bucket, prefix
        self._client = None

    @property
    def client(self):
        if self._client is None:
            import boto3
            from botocore.config import Config

            # SigV4 is required for presigned POSTs in newer regions such as eu-central-1.
            self._client = boto3.client("s3", region_name=settings.aws_region(),
                                        endpoint_url=settings.aws_endpoint(),
                                        config=Config(signature_version="s3v4"))
        return self._client

    def key(self, upload) -> str:
        return f"{self.prefix}{upload.form_id}/{upload.upload_id}"

    def presign(self, upload) -> dict:
        """``{url, fields}`` for a browser form post of exactly this file."""
        return self.client.generate_presigned_post(
            Bucket=self.bucket, Key=self.key(upload),
            Fields={"Content-Type": upload.content_type},
            Conditions=[{"Content-Type": upload.content_type},
                        ["content-length-range", 1, upload.max_size]],
            ExpiresIn=PRESIGN_SECONDS)

    def save(self, upload, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.key(upload), Body=data,
                               ContentType=upload.content_type)

    def head(self, upload, length: int) -> tuple[int, bytes] | None:
        from botocore.exceptions import ClientError

        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self.key(upload),
                                           Range=f"bytes=0-{length - 1}")
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "InvalidRange"):
                return None
            raise
        total = found.get("ContentRange", "").rpartition("/")[2]
        head = found["Body"].read()
        return (int(total) if total.isdigit() else found.get("ContentLength", len(head))), head

    def read(self, upload) -> bytes | None:
        from botocore.exceptions import ClientError

        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self.key(upload))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise
        return found["Body"].read()

    def download_url(self, upload, inline: bool = False, seconds: int = PRESIGN_SECONDS,
                     filename: str | None = None) -> str:
        """A short-lived link to the file; ``inline`` lets the browser show it (PDF, image)
        instead of saving it. Saved under the upload id unless ``filename`` (a name the office
        chose, never one a citizen chose) is given."""
        disposition = "inline" if inline else attachment_name(filename or upload.upload_id)
        return self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": self.key(upload),
                                  "ResponseContentType": upload.content_type,
                                  "ResponseContentDisposition": disposition},
            ExpiresIn=seconds)

    def delete(self, upload) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.key(upload))


def attachment_name(filename: str) -> str:
    """``attachment`` with a file name: ASCII for old clients, UTF-8 beside it (RFC 6266)."""
    from urllib.parse import quote

    plain = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
                    for c in filename) or "document.pdf"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"


_storages: dict = {}


def get_storage():
    url = settings.uploads_url()
    key = (url, settings.aws_endpoint(), settings.aws_region()) if url.startswith("s3://") else url
    if key not in _storages:
        if url.startswith("s3://"):
            bucket, _, prefix = url[len("s3://"):].partition("/")
            if prefix and not prefix.endswith("/"):
                prefix += "/"
            _storages[key] = S3Storage(bucket, prefix)
        elif url.startswith("file:///"):
            _storages[key] = LocalStorage(url[len("file:///"):])
        else:
            raise ValueError(
                f"CIVICAT_UPLOADS: expected file:///dir or s3://bucket/prefix, got {url!r}")
    return _storages[key]
