import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from media.models import Photo
from media.services import photos_make_missing_renditions


class Command(BaseCommand):
    help = (
        "Make the missing renditions (resized WebP and original-format copies) of every photo that "
        "lacks some, or of the photos given: the backfill after a deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--photo", type=int, action="append", metavar="ID", help="Only this photo (repeat for more)."
        )

    def handle(self, *args, **options):
        photos = None
        if options["photo"]:
            photos = Photo.objects.filter(pk__in=options["photo"])
            unknown = set(options["photo"]) - set(photos.values_list("pk", flat=True))
            if unknown:
                raise CommandError(f"No photo has the id {', '.join(map(str, sorted(unknown)))}.")
        count, made = photos_make_missing_renditions(
            photos=photos,
            progress=lambda ids: tqdm(ids, unit=" photos", file=sys.stderr, disable=None, leave=False),
        )
        self.stdout.write(f"made {made} renditions for {count} photos")
