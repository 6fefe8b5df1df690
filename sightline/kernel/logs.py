"""Structured logs: one JSON object a line, each carrying the request it belongs to.

``RequestIdMiddleware`` (``sightline.core.middleware``) sets the request's ID (the incoming
``X-Request-ID`` header when a proxy sent a sensible one, else a new one) for the time of the
request; ``RequestIdFilter`` copies it onto every log record, so ``JsonFormatter`` can write
it. Gunicorn's access log and the workers' logs go through the same formatter.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

#: The request being served by this thread or task ("-" outside a request).
request_id_var: ContextVar[str] = ContextVar("sightline_request_id", default="-")

#: What an incoming X-Request-ID may look like (a proxy's ID; anything else is replaced).
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

#: LogRecord attributes that are not "extra" fields.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}


def request_id_from(header: str | None) -> str:
    """The ID for a request: the proxy's ``X-Request-ID`` when it is plausible, else a new one."""
    if header and _ACCEPTABLE.match(header):
        return header
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (the current request's ID, or "-")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


def _access_fields(atoms: dict[str, Any]) -> dict[str, Any]:
    """Gunicorn's access-log atoms as named fields (its request-ID header included)."""
    fields: dict[str, Any] = {
        "remote": atoms.get("h"),
        "method": atoms.get("m"),
        "path": atoms.get("U"),
        "status": int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else atoms.get("s"),
        "bytes": atoms.get("B"),
        "duration_ms": atoms.get("M"),
        "user_agent": atoms.get("a"),
    }
    request_id = atoms.get("{x-request-id}o")
    if request_id and request_id != "-":
        fields["request_id"] = request_id
    return fields


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time (UTC), level, logger, message, request_id, and
    any extra fields given to the log call; an exception's traceback under ``exc_info``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "process": record.process,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update(_access_fields(record.args))
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
