"""
Polling the registered feeds (ingest.models.Feed): each due feed is fetched conditionally
(its ETag and Last-Modified), its items imported through the same path as import_articles
(new items in the feed's status, in review unless it says otherwise), and the outcome kept
on the feed. A feed that fails waits longer each time (twice its interval per failure in a
row, at most a day); one feed's failure never stops the others.
"""

import base64
import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from .inputs import InputError, download
from .models import Feed
from .run import import_articles
from .writer import ImportOptions

logger = logging.getLogger(__name__)

#: The longest a failing feed waits before it is tried again.
MAX_BACK_OFF = timedelta(days=1)
#: What a poll writes on its feed.
POLLING_FIELDS = (
    "etag",
    "last_modified",
    "last_polled_at",
    "last_success_at",
    "last_error",
    "failures",
    "next_poll_at",
    "items_created",
    "items_updated",
)


@dataclass
class PollResult:
    feed: Feed
    outcome: str  # "imported", "not modified", "failed" or "skipped"
    message: str = ""


def due_feeds(*, now: datetime):
    """Active feeds never polled, or whose next poll time has come."""
    return Feed.objects.filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now), active=True)


def poll_due_feeds(*, now: datetime | None = None) -> list[PollResult]:
    """Poll every due feed once; a failure is kept on its feed and the others go on."""
    now = now or timezone.now()
    return [poll_feed(feed=feed, now=now) for feed in due_feeds(now=now)]


def poll_feed(*, feed: Feed, now: datetime | None = None) -> PollResult:
    """Poll one feed, unless another poller has just claimed it (two beat runs overlapping)."""
    now = now or timezone.now()
    # Claimed by moving its next poll on: of two pollers holding the same row, one wins.
    claimed = Feed.objects.filter(pk=feed.pk, next_poll_at=feed.next_poll_at).update(
        next_poll_at=now + timedelta(minutes=feed.poll_minutes)
    )
    if not claimed:
        return PollResult(feed, "skipped", "another poll has it")
    feed.last_polled_at = now
    try:
        result = _fetch_and_import(feed)
    except InputError as error:
        result = PollResult(feed, "failed", str(error))
    except Exception as error:  # any fault of one feed is that feed's, never the run's
        logger.exception("Polling feed %s failed", feed.pk)
        result = PollResult(feed, "failed", f"{type(error).__name__}: {error}")
    if result.outcome == "failed":
        feed.failures += 1
        feed.last_error = result.message[:2000]
        wait = min(timedelta(minutes=feed.poll_minutes) * 2**feed.failures, MAX_BACK_OFF)
    else:
        feed.failures = 0
        feed.last_error = ""
        feed.last_success_at = now
        wait = timedelta(minutes=feed.poll_minutes)
    feed.next_poll_at = now + wait
    # Only what polling keeps: an editor's change to the feed meanwhile stays.
    feed.save(update_fields=[*POLLING_FIELDS])
    return result


def _fetch_and_import(feed: Feed) -> PollResult:
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    if feed.username or feed.password:
        credentials = base64.b64encode(f"{feed.username}:{feed.password}".encode()).decode()
        headers["Authorization"] = f"Basic {credentials}"
    with tempfile.TemporaryDirectory(prefix="newsroom-feed-") as folder:
        path = Path(folder) / "feed"
        with path.open("wb") as destination:
            answer = download(feed.url, destination, headers=headers)
        if answer is None:
            return PollResult(feed, "not modified")
        report = import_articles(
            [str(path)],
            format=feed.format,
            options=ImportOptions(
                language=None if feed.language == Feed.Language.AUTO else feed.language,
                category=feed.category,
                source=feed.source,
                feed=feed,
                arrival=feed.status,  # new items only: a later copy keeps the desk's status
            ),
        )
    feed.etag = answer.get("ETag", "")[:500]
    feed.last_modified = answer.get("Last-Modified", "")[:100]
    feed.items_created += report.created
    feed.items_updated += report.updated
    problems = "; ".join(problem.replace(str(path), feed.url) for problem in report.problems)
    return PollResult(feed, "imported", f"{report.summary()}{': ' + problems if problems else ''}")
