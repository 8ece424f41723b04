"""The DynamoDB items beside the submissions: history events (in the submission's own partition,
so that erasing it takes them along), the audit log (one partition per month, newest first) and
small records (staff members, sessions, sign-in states; one partition per kind). A mixin of
``DynamoStore``, which provides ``client``, ``table`` and ``_now()``."""
import json

from .. import clock


def _s(value: str) -> dict:
    return {"S": value}


def _n(value: int) -> dict:
    return {"N": str(int(value))}


#: How far back the audit listing looks for older months before it stops.
AUDIT_MONTHS_BACK = 120


class DynamoRecordsMixin:
    # --- events ------------------------------------------------------------------------------

    def add_event(self, reference: str, event: dict, expires_at: int) -> None:
        self.client.put_item(TableName=self.table, Item={
            "pk": _s(f"SUB#{reference}"), "sk": _s(f"EV#{event['at']}#{event['id']}"),
            "event": _s(json.dumps(event, ensure_ascii=False)), "expires_at": _n(expires_at)},
            ConditionExpression="attribute_not_exists(pk)")

    def list_events(self, reference: str) -> list[dict]:
        args = {"TableName": self.table, "ConsistentRead": True,
                "KeyConditionExpression": "pk = :pk AND begins_with(sk, :ev)",
                "FilterExpression": "expires_at > :now",
                "ExpressionAttributeValues": {":pk": _s(f"SUB#{reference}"), ":ev": _s("EV#"),
                                              ":now": _n(self._now())}}
        found = []
        while True:
            page = self.client.query(**args)
            found += [json.loads(item["event"]["S"]) for item in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                return found
            args["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    # --- audit -------------------------------------------------------------------------------

    def append_audit(self, entry: dict, expires_at: int) -> None:
        self.client.put_item(TableName=self.table, Item={
            "pk": _s(f"AUDIT#{entry['at'][:7]}"), "sk": _s(f"{entry['at']}#{entry['id']}"),
            "entry": _s(json.dumps(entry, ensure_ascii=False)), "expires_at": _n(expires_at)},
            ConditionExpression="attribute_not_exists(pk)")  # append-only: never overwrite

    def list_audit(self, before: str | None, limit: int) -> list[dict]:
        """Month partitions from the cursor's month backwards, each newest first, until
        ``limit + 1`` entries are found (or ten years were looked at)."""
        month = (before or clock.iso(clock.now()))[:7]
        found: list = []
        for _ in range(AUDIT_MONTHS_BACK):
            values = {":pk": _s(f"AUDIT#{month}"), ":now": _n(self._now())}
            condition = "pk = :pk"
            if before and before[:7] == month:
                condition += " AND sk < :before"
                values[":before"] = _s(before)
            args = {"TableName": self.table, "KeyConditionExpression": condition,
                    "FilterExpression": "expires_at > :now", "ExpressionAttributeValues": values,
                    "ScanIndexForward": False, "Limit": int(limit) + 1}
            while len(found) <= limit:
                page = self.client.query(**args)
                found += [json.loads(item["entry"]["S"]) for item in page.get("Items", [])]
                if "LastEvaluatedKey" not in page:
                    break
                args["ExclusiveStartKey"] = page["LastEvaluatedKey"]
            if len(found) > limit:
                return found[:int(limit) + 1]
            year, number = int(month[:4]), int(month[5:7])
            month = f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"
        return found

    # --- records -----------------------------------------------------------------------------

    def put_record(self, kind: str, key: str, record: dict, expires_at: int,
                   only_new: bool = False) -> bool:
        from botocore.exceptions import ClientError

        args = {"TableName": self.table, "Item": {
            "pk": _s(f"REC#{kind}"), "sk": _s(key),
            "record": _s(json.dumps(record, ensure_ascii=False)), "expires_at": _n(expires_at)}}
        if only_new:
            args["ConditionExpression"] = "attribute_not_exists(pk) OR expires_at <= :now"
            args["ExpressionAttributeValues"] = {":now": _n(self._now())}
        try:
            self.client.put_item(**args)
            return True
        except ClientError as error:
            if self._error_code(error) == "ConditionalCheckFailedException":
                return False
            raise

    def get_record(self, kind: str, key: str) -> dict | None:
        item = self._get(f"REC#{kind}", key)
        if not item or int(item["expires_at"]["N"]) <= self._now():
            return None
        return json.loads(item["record"]["S"])

    def delete_record(self, kind: str, key: str) -> None:
        self.client.delete_item(TableName=self.table,
                                Key={"pk": _s(f"REC#{kind}"), "sk": _s(key)})

    def list_records(self, kind: str) -> list[dict]:
        now = self._now()
        return [json.loads(item["record"]["S"]) for item in self._partition(f"REC#{kind}")
                if int(item["expires_at"]["N"]) > now]
