"""
Values a request asks for several times, worked out once per request.

A page reads the page cache's generation for each shared block and the site
settings from several templates: each read is a round trip to the cache.
``once(key, compute)`` keeps the answer until the request finishes. Outside a
request (commands, tasks, code between a test's requests) nothing is kept.
"""

from collections.abc import Callable
from typing import TypeVar

from asgiref.local import Local
from django.core.signals import request_finished, request_started

T = TypeVar("T")

_local = Local()


def once(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave earlier in this request."""
    values = getattr(_local, "values", None)
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


def forget(key: str) -> None:
    """Drop a kept value: the request changed what it was worked out from."""
    values = getattr(_local, "values", None)
    if values is not None:
        values.pop(key, None)


def _start(**kwargs) -> None:
    _local.values = {}


def _finish(**kwargs) -> None:
    _local.values = None


request_started.connect(_start, dispatch_uid="newsroom.perrequest.start")
request_finished.connect(_finish, dispatch_uid="newsroom.perrequest.finish")
