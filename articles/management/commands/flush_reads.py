from django.core.management.base import BaseCommand

from articles import reads


class Command(BaseCommand):
    help = (
        "Write the read counts kept in Redis to the database (Celery beat does it every minute). "
        "Without Redis reads are written as they come, and there is nothing to do."
    )

    def handle(self, *args, **options):
        written = reads.flush_reads()
        if options["verbosity"] >= 1:
            self.stdout.write(f"wrote {written} reads")
