from django.core.management.base import BaseCommand

from search.index import rebuild_index


class Command(BaseCommand):
    help = (
        "Recompute the search index of every article. Saves and imports keep it up to date by "
        "themselves; run this after changing articles around the database triggers."
    )

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"Search index rebuilt for {count} articles.")
