from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Fill the database with the demo site: sections, sources, footer, pages and articles. Idempotent."

    def handle(self, *args, **options):
        created = load_demo()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(f"Demo loaded: created {summary}.")
