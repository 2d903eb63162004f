"""poll_feeds: poll the registered feeds that are due, once, then exit (cron, or Celery beat)."""

from django.core.management.base import BaseCommand

from ingest.polling import poll_due_feeds


class Command(BaseCommand):
    help = "Poll the active feeds whose time has come (Feed in the admin), import their new items, then exit."

    def handle(self, *args, **options):
        results = poll_due_feeds()
        for result in results:
            line = (
                f"{result.feed.name}: {result.outcome}{' (' + result.message + ')' if result.message else ''}"
            )
            (self.stderr if result.outcome == "failed" else self.stdout).write(line)
        if not results:
            self.stdout.write("No feed is due.")
