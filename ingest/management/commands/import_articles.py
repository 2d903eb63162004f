import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from categories.models import Category
from ingest.run import FORMATS, import_articles
from ingest.writer import ImportOptions


class Command(BaseCommand):
    help = (
        "Import articles from page dumps, RSS/Atom feeds, WordPress exports (WXR), IPTC NewsML-G2 "
        "and ninjs, or our own JSON Lines. Re-running updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("locations", nargs="+", metavar="PATH_OR_URL", help="Files or http(s) URLs.")
        parser.add_argument("--format", choices=FORMATS, default="auto", help="Default: tell by content.")
        parser.add_argument(
            "--language",
            choices=["auto", "vi", "en"],
            default="auto",
            help="File every item under this language (default: what the source says, else a guess).",
        )
        parser.add_argument("--category", metavar="SLUG", help="Put every article in this section.")
        parser.add_argument(
            "--status",
            choices=["draft", "review", "published"],
            help="Override the source's status (default: feeds, NewsML-G2 and ninjs arrive in review, "
            "page dumps as drafts, WordPress and JSON Lines as their source says).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, save nothing.")
        parser.add_argument(
            "--fetch-photos",
            action="store_true",
            help="Download photos the source only links to (http/https, size-capped).",
        )

    def handle(self, *args, **options):
        category = None
        if options["category"]:
            slug = options["category"]
            category = Category.objects.filter(Q(slug_vi=slug) | Q(slug_en=slug)).first()
            if category is None:
                raise CommandError(f"No section has the slug {slug!r}.")
        report = import_articles(
            options["locations"],
            format=options["format"],
            options=ImportOptions(
                language=None if options["language"] == "auto" else options["language"],
                category=category,
                status=options["status"],
                dry_run=options["dry_run"],
                fetch_photos=options["fetch_photos"],
            ),
            progress=lambda items: tqdm(items, unit=" items", file=sys.stderr, disable=None, leave=False),
        )
        for problem in report.problems:
            self.stderr.write(f"failed: {problem}")
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was saved.")
        self.stdout.write(report.summary())
        if report.failed:
            sys.exit(1)
