"""One import: resolve inputs, pick each one's parser, write every record in its own transaction."""

import contextlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction

from .inputs import Input, InputError, open_input
from .parsers import feeds, jsonl, newsml, ninjs, page, wxr
from .records import ArticleRecord, ItemError
from .writer import ArticleWriter, ImportOptions, Outcome
from .xmlsafe import as_utf8, html_page, is_html, refused, root_name

#: format name -> parser. A parser turns an Input into records (or ItemErrors).
PARSERS: dict[str, Callable[[Input], Iterable[ArticleRecord | ItemError]]] = {
    "page": page.parse,
    "rss": feeds.parse,
    "atom": feeds.parse,
    "wxr": wxr.parse,
    "newsml": newsml.parse,
    "ninjs": ninjs.parse,
    "jsonl": jsonl.parse,
}
FORMATS = ["auto", *PARSERS]
#: What a version new to the site becomes when --status does not say. Wire copy (feeds,
#: NewsML-G2, ninjs) waits for the desk in review, even marked "usable" at its source; a
#: page dump is a draft. WordPress exports and our own JSON Lines keep the statuses they
#: carry, published where they carry none.
ARRIVAL = {"rss": "review", "atom": "review", "newsml": "review", "ninjs": "review", "page": "draft"}
#: Records written together: new articles of a batch go in with a few bulk inserts.
BATCH_SIZE = 200


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, failed {self.failed}"
        )

    def fail(self, message: str) -> None:
        self.failed += 1
        self.problems.append(message)


def detect_format(item: Input) -> str:
    """Tell the format from the content, not the file name."""
    head = item.head()
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{item.name}: a binary file, not something import_articles reads.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 or UTF-32: XML, if anything we read
        head = as_utf8(head, item.name, partial=True)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    # An object, or an array (not "[Menu]" in a page dump): JSON, even when broken, so that
    # its parser says which line is wrong and why.
    if start.startswith(b"{") or re.match(rb"\[\s*[-\d\"{\[\]}]", start):
        return "jsonl" if jsonl.looks_like(head) else "ninjs"
    if start.startswith(b"<"):
        if is_html(start):
            raise html_page(item.name)
        root = root_name(start)
        if root == "rss":
            return "wxr" if wxr.looks_like(head) else "rss"
        if root == "rdf":
            return "rss"
        if root == "feed":
            return "atom"
        if root in newsml.ROOTS:
            return "newsml"
        if root == "!doctype":
            raise refused(item.name, "a DOCTYPE")
        raise InputError(
            f"{item.name}: XML with a <{root}> root is none of the formats import_articles reads."
        )
    return "page"


def import_articles(
    locations: list[str],
    *,
    format: str = "auto",
    options: ImportOptions | None = None,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportReport:
    """
    Import every item of every input. Each item is saved in its own
    transaction; a failed item is reported with its input and position and
    the rest go on. With ``options.dry_run`` everything is rolled back.
    """
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}; expected one of {', '.join(FORMATS)}.")
    options = options or ImportOptions()
    report = ImportReport()
    writer = ArticleWriter(options)
    with contextlib.ExitStack() as stack:
        stack.enter_context(_unsynchronised_commits())
        if options.dry_run:
            stack.enter_context(transaction.atomic())
        for location in locations:
            try:
                item = open_input(location, stack=stack)
                name = detect_format(item) if format == "auto" else format
                parser = PARSERS[name]
            except InputError as error:
                report.fail(str(error))
                continue
            writer.arrival = options.arrival or ARRIVAL.get(name)
            batch: list[ArticleRecord] = []
            try:
                for entry in progress(parser(item)):
                    if isinstance(entry, ItemError):
                        report.fail(f"{item.name}: {entry.position}: {entry.reason}")
                    else:
                        batch.append(entry)
                    if len(batch) == BATCH_SIZE:
                        _write(writer, batch, item, report)
                        batch = []
            except InputError as error:
                # A file broken part-way (truncated, say): what came before it is still written.
                report.fail(str(error))
            if batch:
                _write(writer, batch, item, report)
        if options.dry_run:
            transaction.set_rollback(True)
    return report


@contextlib.contextmanager
def _unsynchronised_commits():
    """
    On PostgreSQL, let each item's commit return before it reaches the disk.
    A crash can lose the last fraction of a second of items, never corrupt
    anything, and re-running the (idempotent) import brings them back.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO DEFAULT")


def _write(writer: ArticleWriter, records: list[ArticleRecord], item: Input, report: ImportReport) -> None:
    for record, result in zip(records, writer.write_batch(records, origin=item), strict=True):
        if isinstance(result, Exception):
            report.fail(f"{item.name}: {record.position}: {result}")
            continue
        report.warnings += [f"{item.name}: {record.position}: {warning}" for warning in result.warnings]
        match result.outcome:
            case Outcome.CREATED:
                report.created += 1
            case Outcome.UPDATED:
                report.updated += 1
            case Outcome.UNCHANGED:
                report.unchanged += 1
