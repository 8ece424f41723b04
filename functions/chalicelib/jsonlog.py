"""Logs as one JSON object per line, each with the id of the request it belongs to.

CloudWatch Logs Insights and metric filters read fields of JSON lines directly (the alarm on
failed mails counts ``{ $.event = "notification_failed" }``), and one id ties every line of a
request together: API Gateway's request id on AWS (the same id API Gateway's own logs and the
``x-amzn-RequestId`` response header carry), a fresh one locally; a scheduled run uses its Lambda
request id.

Every request ends with one line: ``level``, ``request_id``, ``method``, ``route`` (the route
*pattern*, ``/status/{reference}``, never the address with its reference or token), ``status``,
``duration_ms``. Nothing a citizen typed is ever logged: callers pass ids, counts and error
*codes*, not values or error messages (an SES message may quote a citizen's address).

``CIVICAT_LOG_LEVEL`` (``info``; the local server sets ``warning`` unless told otherwise) chooses
what is written.
"""
import contextvars
import json
import logging
import sys
import time

_request_id = contextvars.ContextVar("civicat_request_id", default=None)
_configured = []


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                 + f".{int(record.msecs):03d}Z",
                 "level": record.levelname.lower(), "logger": record.name,
                 "request_id": _request_id.get(), "message": record.getMessage()}
        entry.update(getattr(record, "fields", None) or {})
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(*loggers: logging.Logger) -> None:
    """Our loggers (``civicat.*``) and the given ones (Chalice's app log) write JSON to stdout,
    which Lambda sends to CloudWatch; they do not pass records on to the root logger, whose
    Lambda handler would write each line a second time in its own format."""
    import os

    if _configured:
        return
    level = os.environ.get("CIVICAT_LOG_LEVEL", "info").strip().upper() or "INFO"
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    for logger in (logging.getLogger("civicat"), *loggers):
        logger.handlers[:] = [handler]
        logger.setLevel(level if level in logging.getLevelNamesMapping() else "INFO")
        logger.propagate = False
    _configured.append(handler)


def new_id() -> str:
    """A random UUID (version 4), made without the uuid module, which imports platform (2 ms of a
    cold start; on Lambda API Gateway's id is used and this is never called for a request)."""
    import os

    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40
    raw[8] = raw[8] & 0x3F | 0x80
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


class Request:
    """Context of one HTTP request: ``with Request(event) as entry: …; entry.status = …``."""

    log = logging.getLogger("civicat.request")

    def __init__(self, event):
        context = getattr(event, "context", None) or {}
        self.id = context.get("requestId") or new_id()
        self.method = getattr(event, "method", None)
        self.route = getattr(event, "path", None)  # Chalice: the route pattern, e.g. /forms/{form_id}
        self.status = 500

    def __enter__(self):
        self.token = _request_id.set(self.id)
        self.started = time.perf_counter()
        return self

    def __exit__(self, kind, error, traceback):
        duration = round((time.perf_counter() - self.started) * 1000, 1)
        fields = {"event": "request", "method": self.method, "route": self.route, "status": self.status,
                  "duration_ms": duration}
        level = logging.ERROR if self.status >= 500 or kind else logging.INFO
        self.log.log(level, "%s %s %s", self.method, self.route, self.status, extra={"fields": fields},
                     exc_info=(kind, error, traceback) if kind else None)
        _request_id.reset(self.token)
        return False


class Job:
    """Context of a scheduled run (``retry_pending_notifications``) with its Lambda request id."""

    log = logging.getLogger("civicat.job")

    def __init__(self, name: str, lambda_context=None):
        self.name = name
        self.id = getattr(lambda_context, "aws_request_id", None) or new_id()

    def __enter__(self):
        self.token = _request_id.set(self.id)
        self.started = time.perf_counter()
        return self

    def __exit__(self, kind, error, traceback):
        fields = {"event": "job", "job": self.name, "ok": kind is None,
                  "duration_ms": round((time.perf_counter() - self.started) * 1000, 1)}
        self.log.log(logging.ERROR if kind else logging.INFO, "%s %s", self.name, "failed" if kind else "done",
                     extra={"fields": fields}, exc_info=(kind, error, traceback) if kind else None)
        _request_id.reset(self.token)
        return False


def error_code(error: BaseException) -> str:
    """What went wrong, without what the error message might quote: the AWS error code
    (``MessageRejected``, ``Throttling``) or the exception's class, for the error and its causes."""
    seen = error
    while seen is not None:
        response = getattr(seen, "response", None)
        if isinstance(response, dict) and response.get("Error", {}).get("Code"):
            return str(response["Error"]["Code"])
        seen = seen.__cause__
    causes = []
    seen = error
    while seen is not None and len(causes) < 3:
        causes.append(type(seen).__name__)
        seen = seen.__cause__
    return " < ".join(causes)
