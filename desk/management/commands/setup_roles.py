from django.core.management.base import BaseCommand

from desk.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or update the desk's groups: Reporter, Translator, Editor and Administrator, "
        "with their permissions. Running it again changes nothing; put people in the groups in the admin."
    )

    def handle(self, *args, **options):
        for name, count in setup_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
