"""DynamoDB store: one table, documented in ``functions/README.md`` ("Stores").

    pk                 sk              what                 indexes
    SUB#<reference>    SUB             a submission         gsi1: FORM#<form> / <status>#<time>#<ref>
                                                            gsi2: RETRY / <retry_at> (while pending)
                                                            gsi3: ASSIGNEE#<name> / <time>#<ref>
    SUB#<reference>    EV#<time>#<id>  its history (status, notes, assignments, answers)
    KEY#<form>:<key>   KEY             idempotency key → reference
    RATE#<bucket>      RATE            rate-limit counter
    PUB#<reference>    PUB             staff approved the text for Open311 (``published``: true/false)
    UPLOAD#<id>        UPLOAD          announced / uploaded file, or an answer document
                                                            gsi2: SIGCHECK / <queued_at> (while
                                                            its signature check waits)
    AUDIT#<yyyy-mm>    <time>#<id>     audit log entry (append-only)
    REC#<kind>         <key>           staff member, session, sign-in state

Every item carries ``expires_at`` (epoch seconds), the table's TTL attribute. TTL deletes items
only eventually (typically within days), so every read here also drops expired items itself.

Uniqueness is enforced with conditional writes: a new submission is one transaction of two puts,
each with ``attribute_not_exists(pk)`` — the submission (unique reference) and its key item
(idempotency). If the key put fails, the key was used before and its submission is returned; if
the submission put fails, the reference was taken and a new one is drawn.

boto3 is imported on first use only; it is part of the Lambda Python runtime.
"""
import json
from typing import Callable, Iterator

from .. import clock, settings
from .base import MUTABLE, STATUSES, Conflict, Store, StoreError, Submission, Upload, UploadTaken
from .dynamodb_inbox import DynamoInboxMixin
from .dynamodb_records import DynamoRecordsMixin

_MAX_DRAWS = 20


def _s(value: str) -> dict:
    return {"S": value}


def _n(value: int) -> dict:
    return {"N": str(int(value))}


class DynamoStore(DynamoInboxMixin, DynamoRecordsMixin, Store):
    def __init__(self, table: str):
        self.table = table
        self._client = None

    @property
    def client(self):
        if self._client is None:
            import boto3
            from botocore.config import Config

            self._client = boto3.client(
                "dynamodb", region_name=settings.aws_region(),
                endpoint_url=settings.aws_endpoint(),
                config=Config(connect_timeout=3, read_timeout=10,
                              retries={"max_attempts": 4, "mode": "standard"}))
        return self._client

    # --- items ------------------------------------------------------------------------------

    @staticmethod
    def _now() -> int:
        return clock.epoch(clock.now())

    @staticmethod
    def _submission_item(sub: Submission) -> dict:
        item = {
            "pk": _s(f"SUB#{sub.reference}"), "sk": _s("SUB"),
            "form_id": _s(sub.form_id), "submission_key": _s(sub.submission_key),
            "created_at": _s(sub.created_at), "expires_at": _n(sub.expires_at),
            "frozen": _s(json.dumps(sub.frozen_part(), ensure_ascii=False)),
            "status": _s(sub.status), "notifications": _s(json.dumps(sub.notifications)),
            "gsi1pk": _s(f"FORM#{sub.form_id}"),
            "gsi1sk": _s(f"{sub.status}#{sub.created_at}#{sub.reference}"),
        }
        if sub.message is not None:
            item["message"] = _s(sub.message)
        if sub.updated_at:
            item["updated_at"] = _s(sub.updated_at)
        if sub.retry_at:
            item.update(retry_at=_s(sub.retry_at), gsi2pk=_s("RETRY"), gsi2sk=_s(sub.retry_at))
        if sub.assignee:
            item.update(assignee=_s(sub.assignee), gsi3pk=_s(f"ASSIGNEE#{sub.assignee}"),
                        gsi3sk=_s(f"{sub.created_at}#{sub.reference}"))
        item["version"] = _n(sub.version)
        return item

    def _to_submission(self, item: dict | None) -> Submission | None:
        if not item or int(item["expires_at"]["N"]) <= self._now():
            return None  # unknown, or past retention but not yet removed by TTL
        frozen = json.loads(item["frozen"]["S"])
        return Submission(
            **frozen, status=item["status"]["S"],
            message=item.get("message", {}).get("S"),
            updated_at=item.get("updated_at", {}).get("S"),
            notifications=json.loads(item["notifications"]["S"]),
            retry_at=item.get("retry_at", {}).get("S"),
            assignee=item.get("assignee", {}).get("S"),
            version=int(item.get("version", {}).get("N", "0")))

    def _get(self, pk: str, sk: str) -> dict | None:
        return self.client.get_item(TableName=self.table, Key={"pk": _s(pk), "sk": _s(sk)},
                                    ConsistentRead=True).get("Item")

    @staticmethod
    def _error_code(error) -> str:
        return getattr(error, "response", {}).get("Error", {}).get("Code", "")

    # --- submissions -------------------------------------------------------------------------

    def insert_submission(self, submission: Submission,
                          new_reference: Callable[[], str]) -> tuple[Submission, bool]:
        from botocore.exceptions import ClientError

        key_pk = f"KEY#{submission.submission_key}"
        for _ in range(_MAX_DRAWS):
            submission.reference = new_reference()
            attach = [{"Update": {
                "TableName": self.table, "Key": {"pk": _s(f"UPLOAD#{upload_id}"),
                                                 "sk": _s("UPLOAD")},
                "UpdateExpression": "SET #state = :attached, #ref = :ref, expires_at = :exp",
                "ConditionExpression": "#state = :uploaded",
                # STATE and REFERENCE are DynamoDB reserved words.
                "ExpressionAttributeNames": {"#state": "state", "#ref": "reference"},
                "ExpressionAttributeValues": {":attached": _s("attached"),
                                              ":uploaded": _s("uploaded"),
                                              ":ref": _s(submission.reference),
                                              ":exp": _n(submission.expires_at)}}}
                for upload_id in submission.attachments]
            try:
                self.client.transact_write_items(TransactItems=[
                    {"Put": {"TableName": self.table, "Item": self._submission_item(submission),
                             "ConditionExpression": "attribute_not_exists(pk)"}},
                    {"Put": {"TableName": self.table,
                             "Item": {"pk": _s(key_pk), "sk": _s("KEY"),
                                      "reference": _s(submission.reference),
                                      "expires_at": _n(submission.expires_at)},
                             # An expired key item (TTL not yet run) may be taken over.
                             "ConditionExpression":
                                 "attribute_not_exists(pk) OR expires_at <= :now",
                             "ExpressionAttributeValues": {":now": _n(self._now())}}},
                    *attach,
                ])
                return submission, True
            except ClientError as error:
                if self._error_code(error) != "TransactionCanceledException":
                    raise
                reasons = [r.get("Code") for r in error.response.get("CancellationReasons", [])]
                key_taken = len(reasons) > 1 and reasons[1] == "ConditionalCheckFailed"
                if not reasons:  # an emulator without reasons: look
                    key_taken = self._get(key_pk, "KEY") is not None
                if key_taken:
                    existing = self.get_by_key(submission.submission_key)
                    if existing is not None:
                        return existing, False
                if "ConditionalCheckFailed" in reasons[2:]:
                    raise UploadTaken(submission.attachments[
                        reasons[2:].index("ConditionalCheckFailed")]) from None
                if not reasons and attach and not key_taken and self.get_submission(
                        submission.reference) is None:
                    raise UploadTaken(",".join(submission.attachments)) from None
                # Reference collision (or a key item whose submission just expired): draw again.
        raise StoreError("no free reference after %d draws" % _MAX_DRAWS)

    def get_submission(self, reference: str) -> Submission | None:
        return self._to_submission(self._get(f"SUB#{reference}", "SUB"))

    def get_by_key(self, submission_key: str) -> Submission | None:
        key_item = self._get(f"KEY#{submission_key}", "KEY")
        if not key_item or int(key_item["expires_at"]["N"]) <= self._now():
            return None
        return self.get_submission(key_item["reference"]["S"])

    def _query(self, index: str, pk_name: str, pk: str, sk_condition: str = "",
               values: dict | None = None, forward: bool = True,
               limit: int | None = None) -> Iterator[dict]:
        """Items of one index partition, expired ones filtered out, following pages."""
        names = {"#pk": pk_name}
        expression = "#pk = :pk"
        if sk_condition:
            expression += " AND " + sk_condition[0]
            names.update(sk_condition[1])
        args = {"TableName": self.table, "IndexName": index, "KeyConditionExpression": expression,
                "FilterExpression": "expires_at > :now", "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": {":pk": _s(pk), ":now": _n(self._now()),
                                              **(values or {})},
                "ScanIndexForward": forward}
        returned = 0
        while True:
            page = self.client.query(**args)
            for item in page.get("Items", []):
                yield item
                returned += 1
                if limit is not None and returned >= limit:
                    return
            if "LastEvaluatedKey" not in page:
                return
            args["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def list_submissions(self, form_id: str, status: str | None = None,
                         limit: int = 100) -> list[Submission]:
        found = []
        for one_status in ([status] if status else STATUSES):
            items = self._query("gsi1", "gsi1pk", f"FORM#{form_id}",
                                ("begins_with(#sk, :prefix)", {"#sk": "gsi1sk"}),
                                {":prefix": _s(f"{one_status}#")}, forward=False, limit=limit)
            found.extend(filter(None, map(self._to_submission, items)))
        found.sort(key=lambda s: s.created_at, reverse=True)
        return found[:limit]

    def update_submission(self, reference: str, expected_version: int,
                          **changes) -> Submission | None:
        from botocore.exceptions import ClientError

        unknown = set(changes) - set(MUTABLE)
        if unknown:
            raise ValueError(f"not mutable: {sorted(unknown)}")
        current = self.get_submission(reference)
        if current is None:
            return None
        if current.version != expected_version:
            raise Conflict(reference)
        for name, value in changes.items():
            setattr(current, name, value)
        current.version = expected_version + 1
        item = self._submission_item(current)
        sets, removes, values, names = [], [], {}, {}
        for index, name in enumerate(("status", "message", "updated_at", "notifications",
                                      "retry_at", "gsi1sk", "gsi2pk", "gsi2sk", "assignee",
                                      "gsi3pk", "gsi3sk", "version")):
            names[f"#a{index}"] = name
            if name in item:
                sets.append(f"#a{index} = :v{index}")
                values[f":v{index}"] = item[name]
            else:
                removes.append(f"#a{index}")
        expression = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
        values.update({":expected": _n(expected_version), ":now": _n(self._now())})
        condition = "expires_at > :now AND " + (
            "(version = :expected OR attribute_not_exists(version))" if expected_version == 0
            else "version = :expected")
        try:
            self.client.update_item(
                TableName=self.table, Key={"pk": _s(f"SUB#{reference}"), "sk": _s("SUB")},
                UpdateExpression=expression, ExpressionAttributeNames=names,
                ExpressionAttributeValues=values, ConditionExpression=condition)
        except ClientError as error:
            if self._error_code(error) == "ConditionalCheckFailedException":
                if self.get_submission(reference) is None:
                    return None
                raise Conflict(reference) from None
            raise
        return current

    def erase_submission(self, reference: str) -> list:
        items = list(self._partition(f"SUB#{reference}"))
        main = next((i for i in items if i["sk"]["S"] == "SUB"), None)
        if main is None:
            return []
        frozen = json.loads(main["frozen"]["S"])
        ids = list(frozen.get("attachments") or [])
        for item in items:
            if item["sk"]["S"].startswith("EV#"):
                ids += [d["id"] for d in json.loads(item["event"]["S"]).get("documents") or []]
        keys = [{"pk": i["pk"], "sk": i["sk"]} for i in items]
        keys.append({"pk": _s(f"KEY#{main['submission_key']['S']}"), "sk": _s("KEY")})
        keys.append({"pk": _s(f"PUB#{reference}"), "sk": _s("PUB")})  # Open311 approval, if any
        for key in keys:
            self.client.delete_item(TableName=self.table, Key=key)
        return ids

    def _partition(self, pk: str):
        args = {"TableName": self.table, "KeyConditionExpression": "pk = :pk",
                "ExpressionAttributeValues": {":pk": _s(pk)}, "ConsistentRead": True}
        while True:
            page = self.client.query(**args)
            yield from page.get("Items", [])
            if "LastEvaluatedKey" not in page:
                return
            args["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def pending_retries(self, due_before: str | None, limit: int = 100) -> list[Submission]:
        condition, values = "", None
        if due_before is not None:
            condition = ("#sk <= :due", {"#sk": "gsi2sk"})
            values = {":due": _s(due_before)}
        items = self._query("gsi2", "gsi2pk", "RETRY", condition, values, limit=limit)
        return [s for s in map(self._to_submission, items) if s is not None]

    # --- rate limit --------------------------------------------------------------------------

    def hit_rate(self, key: str, expires_at: int) -> int:
        result = self.client.update_item(
            TableName=self.table, Key={"pk": _s(f"RATE#{key}"), "sk": _s("RATE")},
            UpdateExpression="ADD hits :one SET expires_at = if_not_exists(expires_at, :exp)",
            ExpressionAttributeValues={":one": _n(1), ":exp": _n(expires_at)},
            ReturnValues="UPDATED_NEW")
        return int(result["Attributes"]["hits"]["N"])

    # --- uploads -----------------------------------------------------------------------------

    def put_upload(self, upload: Upload) -> None:
        self.client.put_item(
            TableName=self.table,
            Item={"pk": _s(f"UPLOAD#{upload.upload_id}"), "sk": _s("UPLOAD"),
                  "state": _s(upload.state), "expires_at": _n(upload.expires_at),
                  "record": _s(json.dumps(upload.to_dict()))},
            ConditionExpression="attribute_not_exists(pk)")

    def get_upload(self, upload_id: str) -> Upload | None:
        item = self._get(f"UPLOAD#{upload_id}", "UPLOAD")
        if not item or int(item["expires_at"]["N"]) <= self._now():
            return None
        upload = Upload(**json.loads(item["record"]["S"]))
        upload.state = item["state"]["S"]
        upload.size = int(item["size"]["N"]) if "size" in item else upload.size
        upload.reference = item.get("reference", {}).get("S", upload.reference)
        upload.expires_at = int(item["expires_at"]["N"])
        if "signature" in item:
            upload.signature = json.loads(item["signature"]["S"])
        return upload

    def mark_uploaded(self, upload_id: str, size: int) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.update_item(
                TableName=self.table, Key={"pk": _s(f"UPLOAD#{upload_id}"), "sk": _s("UPLOAD")},
                UpdateExpression="SET #state = :uploaded, #size = :size",
                ConditionExpression="#state = :pending",
                ExpressionAttributeNames={"#state": "state", "#size": "size"},
                ExpressionAttributeValues={":uploaded": _s("uploaded"), ":pending": _s("pending"),
                                           ":size": _n(size)})
            return True
        except ClientError as error:
            if self._error_code(error) == "ConditionalCheckFailedException":
                return False
            raise

    def delete_upload(self, upload_id: str) -> None:
        self.client.delete_item(TableName=self.table,
                                Key={"pk": _s(f"UPLOAD#{upload_id}"), "sk": _s("UPLOAD")})

    # --- publication -------------------------------------------------------------------------

    def set_published(self, reference: str, published: bool, at: str, expires_at: int) -> None:
        # A withdrawn approval is written as false, not deleted: the function's role has no
        # DeleteItem (least privilege), and TTL removes the item with the submission.
        self.client.put_item(
            TableName=self.table,
            Item={"pk": _s(f"PUB#{reference}"), "sk": _s("PUB"), "published": {"BOOL": published},
                  "published_at": _s(at), "expires_at": _n(expires_at)})

    def published(self, references: list) -> set:
        found, refs = set(), list(dict.fromkeys(references))
        for start in range(0, len(refs), 100):  # BatchGetItem takes 100 keys at most
            keys = [{"pk": _s(f"PUB#{ref}"), "sk": _s("PUB")} for ref in refs[start:start + 100]]
            request = {self.table: {"Keys": keys, "ConsistentRead": True}}
            while request:
                answer = self.client.batch_get_item(RequestItems=request)
                for item in answer.get("Responses", {}).get(self.table, []):
                    if item["published"]["BOOL"] and int(item["expires_at"]["N"]) > self._now():
                        found.add(item["pk"]["S"].removeprefix("PUB#"))
                request = answer.get("UnprocessedKeys") or None
        return found

    # --- signature checks --------------------------------------------------------------------

    def queue_signature_check(self, upload_id: str, queued_at: str) -> None:
        # The sparse gsi2 again, in its own partition: only waiting uploads carry the keys.
        self.client.update_item(
            TableName=self.table, Key={"pk": _s(f"UPLOAD#{upload_id}"), "sk": _s("UPLOAD")},
            UpdateExpression="SET gsi2pk = :q, gsi2sk = :t",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeValues={":q": _s("SIGCHECK"), ":t": _s(queued_at)})

    def signature_checks_due(self, limit: int = 20) -> list[Upload]:
        items = self._query("gsi2", "gsi2pk", "SIGCHECK", limit=limit)
        found = [self.get_upload(item["pk"]["S"].removeprefix("UPLOAD#")) for item in items]
        return [upload for upload in found if upload is not None]

    def save_signature(self, upload_id: str, result: dict) -> None:
        from botocore.exceptions import ClientError

        try:
            self.client.update_item(
                TableName=self.table, Key={"pk": _s(f"UPLOAD#{upload_id}"), "sk": _s("UPLOAD")},
                UpdateExpression="SET signature = :r REMOVE gsi2pk, gsi2sk",
                ConditionExpression="attribute_exists(pk)",
                ExpressionAttributeValues={":r": _s(json.dumps(result, ensure_ascii=False))})
        except ClientError as error:
            if self._error_code(error) != "ConditionalCheckFailedException":
                raise
