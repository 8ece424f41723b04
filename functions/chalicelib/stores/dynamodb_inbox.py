"""Reading the DynamoDB table page by page for the staff: the inbox (key ranges of ``gsi1`` per
form and status, or the person's ``gsi3`` partition, merged from a cursor), counts per status and
the CSV export's stream. A mixin of ``DynamoStore``, which provides ``client``, ``table``,
``_query`` and ``_to_submission``; apart because it is the reading side of staff work."""
from typing import Iterator

from .base import STATUSES, InboxQuery, Submission


def _s(value: str) -> dict:
    return {"S": value}


def _n(value: int) -> dict:
    return {"N": str(int(value))}


class DynamoInboxMixin:
    def iter_form(self, form_id: str) -> Iterator[Submission]:
        """Oldest first, streamed: the three status ranges of the form's index partition, each
        already in time order, merged page by page (never the whole form in memory)."""
        import heapq

        streams = [filter(None, map(self._to_submission, self._query(
            "gsi1", "gsi1pk", f"FORM#{form_id}", ("begins_with(#sk, :prefix)", {"#sk": "gsi1sk"}),
            {":prefix": _s(f"{status}#")}))) for status in STATUSES]
        yield from heapq.merge(*streams, key=lambda s: (s.created_at, s.reference))

    def inbox(self, query: InboxQuery) -> list[Submission]:
        """Each visible form × status is one key range of gsi1 (or the person's gsi3 partition
        for "assigned to me"), read from the cursor on and merged; at most ``limit + 1`` items
        are read from each range."""
        import heapq

        limit = int(query.limit) + 1
        per_range = limit + (1 if query.after else 0)  # BETWEEN includes the cursor item itself
        forward = not query.newest_first
        statuses = [query.status] if query.status else list(STATUSES)
        if query.overdue:
            statuses = [s for s in statuses if s != "answered"]
        order = (lambda s: (s.created_at, s.reference))
        streams = []
        if query.assignee:
            condition, values = self._range("gsi3sk", "", query, None)
            items = self._query("gsi3", "gsi3pk", f"ASSIGNEE#{query.assignee}", condition,
                                values, forward=forward)

            def wanted(sub):
                if sub is None or sub.form_id not in query.forms or sub.status not in statuses:
                    return False
                boundary = query.forms[sub.form_id]
                return not query.overdue or bool(boundary and sub.created_at < boundary)

            streams.append(filter(wanted, map(self._to_submission, items)))
        else:
            for form_id, boundary in query.forms.items():
                if query.overdue and not boundary:
                    continue
                for status in statuses:
                    condition, values = self._range(
                        "gsi1sk", f"{status}#", query, boundary if query.overdue else None)
                    items = self._query("gsi1", "gsi1pk", f"FORM#{form_id}", condition, values,
                                        forward=forward, limit=per_range)
                    streams.append(filter(None, map(self._to_submission, items)))
        merged = heapq.merge(*streams, key=order, reverse=query.newest_first)
        found = []
        cursor = tuple(query.after) if query.after else None
        for sub in merged:
            if order(sub) == cursor:
                continue
            found.append(sub)
            if len(found) >= limit:
                break
        return found

    @staticmethod
    def _range(name: str, prefix: str, query: InboxQuery, before: str | None):
        """A sort-key condition for ``prefix`` + ``created_at#reference`` between the cursor and
        an optional upper bound (``before``, the overdue boundary)."""
        low, high = prefix, prefix + "\uffff"
        if before:
            high = min(high, prefix + before)
        if query.after:
            mark = f"{prefix}{query.after[0]}#{query.after[1]}"
            if query.newest_first:
                high = min(high, mark)
            else:
                low = max(low, mark + "\u0000")
        if low >= high:
            return ("#sk = :never", {"#sk": name}), {":never": _s("\u0000never")}
        if not low:  # DynamoDB refuses an empty string as a key value
            return ("#sk <= :high", {"#sk": name}), {":high": _s(high)}
        return (("#sk BETWEEN :low AND :high", {"#sk": name}),
                {":low": _s(low), ":high": _s(high)})

    def count_by_status(self, form_ids) -> dict:
        """``Select=COUNT`` queries per form and status: DynamoDB still reads the index range
        (billed as reads), but nothing is sent back or held in memory."""
        counts: dict = {}
        for form_id in form_ids:
            for status in STATUSES:
                args = {"TableName": self.table, "IndexName": "gsi1", "Select": "COUNT",
                        "KeyConditionExpression": "gsi1pk = :pk AND begins_with(gsi1sk, :p)",
                        "FilterExpression": "expires_at > :now",
                        "ExpressionAttributeValues": {":pk": _s(f"FORM#{form_id}"),
                                                      ":p": _s(f"{status}#"),
                                                      ":now": _n(self._now())}}
                while True:
                    page = self.client.query(**args)
                    if page.get("Count"):
                        counts[status] = counts.get(status, 0) + page["Count"]
                    if "LastEvaluatedKey" not in page:
                        break
                    args["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        return counts
