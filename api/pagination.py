"""
Cursor pagination: a page starts after (or before) the last item a client saw,
named by its publication time and id, so pages stay stable while articles
are published above them, and a deep page costs what the first does (an
index range, not an offset). Cursors are opaque to clients; one the API did
not give is a 400.
"""

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_ID = 2**63 - 1
BAD_CURSOR = _("This cursor is not one this API gave: start again without it.")


def encode_cursor(kind: str, *numbers: int) -> str:
    return base64.urlsafe_b64encode(":".join([kind, *map(str, numbers)]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kinds: tuple[str, ...], count: int) -> tuple[str, list[int]]:
    """The cursor's kind (one of ``kinds``) and its ``count`` numbers; a 400 for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    kind, *numbers = text.split(":")
    if kind not in kinds or len(numbers) != count or not all(_NUMBER.fullmatch(n) for n in numbers):
        raise serializers.ValidationError({"cursor": [BAD_CURSOR]})
    values = [int(number) for number in numbers]
    if any(abs(value) > MAX_ID for value in values):
        raise serializers.ValidationError({"cursor": [BAD_CURSOR]})
    return kind, values


_NUMBER = re.compile(r"-?[0-9]{1,19}")


@dataclass
class Page:
    items: list
    next: str | None
    previous: str | None


def _link(request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return replace_query_param(request.build_absolute_uri(), "cursor", cursor)


def _first_page_link(request) -> str:
    return remove_query_param(request.build_absolute_uri(), "cursor")


def keyset_page(request, queryset, *, field: str, params: dict) -> Page:
    """
    One page of ``queryset`` newest first by ``field`` (a date and time) then id,
    from ``params["cursor"]``: "a" (after) or "b" (before) an item's position.
    """
    size = params["page_size"]
    direction, position = "a", None
    if cursor := params.get("cursor"):
        direction, (micros, pk) = decode_cursor(cursor, ("a", "b"), 2)
        position = (_from_micros(micros), pk)
    if position is not None:
        moment, pk = position
        if direction == "a":
            # The first condition alone bounds the index range; the others pick the exact start.
            queryset = queryset.filter(
                Q(**{f"{field}__lte": moment}), Q(**{f"{field}__lt": moment}) | Q(pk__lt=pk)
            )
        else:
            queryset = queryset.filter(
                Q(**{f"{field}__gte": moment}), Q(**{f"{field}__gt": moment}) | Q(pk__gt=pk)
            )
    if direction == "a":
        rows = list(queryset.order_by(f"-{field}", "-pk")[: size + 1])
    else:
        rows = list(queryset.order_by(field, "pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if direction == "b":
        rows.reverse()
    has_next = more if direction == "a" else position is not None
    has_previous = position is not None if direction == "a" else more
    next_cursor = (
        encode_cursor("a", _micros(getattr(rows[-1], field)), rows[-1].pk) if has_next and rows else None
    )
    previous = None
    if has_previous and rows:
        previous = _link(request, encode_cursor("b", _micros(getattr(rows[0], field)), rows[0].pk))
    elif has_previous:
        previous = _first_page_link(request)
    return Page(rows, _link(request, next_cursor), previous)


def offset_page(request, items: list, *, params: dict) -> Page:
    """One page of a list already in memory (the search's ranked ids), its cursor an offset."""
    size = params["page_size"]
    start = decode_cursor(params["cursor"], ("o",), 1)[1][0] if params.get("cursor") else 0
    if start < 0:
        raise serializers.ValidationError({"cursor": [BAD_CURSOR]})
    start = min(start, len(items))
    page = items[start : start + size]
    next_cursor = encode_cursor("o", start + size) if start + size < len(items) else None
    previous = None
    if start > 0:
        previous = _link(request, encode_cursor("o", max(0, start - size)))
    return Page(page, _link(request, next_cursor), previous)


def id_page(request, queryset, *, params: dict) -> Page:
    """One page of ``queryset`` in id order (tags): its cursor the last id seen."""
    size = params["page_size"]
    after = decode_cursor(params["cursor"], ("i",), 1)[1][0] if params.get("cursor") else 0
    rows = list(queryset.filter(pk__gt=after).order_by("pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = encode_cursor("i", rows[-1].pk) if more else None
    return Page(rows, _link(request, next_cursor), None)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def _from_micros(micros: int) -> datetime:
    try:
        return _EPOCH + timedelta(microseconds=micros)
    except OverflowError:
        raise serializers.ValidationError({"cursor": [BAD_CURSOR]}) from None
