from django.conf import settings
from django.core.management.base import BaseCommand

from ingest.exports import default_base_url, export_jsonl, export_ninjs


class Command(BaseCommand):
    help = (
        "Export articles as JSON Lines (lossless; import_articles --format jsonl reads it back; "
        "photo files are named, not included) "
        "or as IPTC ninjs 2.x (published versions, one document per line)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl", "ninjs"], default="jsonl")
        parser.add_argument("--output", metavar="FILE", help="Default: standard output.")
        parser.add_argument(
            "--base-url",
            help="Site address for links in ninjs (default: https:// and the first ALLOWED_HOSTS name).",
        )

    def handle(self, *args, **options):
        stream = open(options["output"], "w", encoding="utf-8") if options["output"] else self.stdout  # noqa: SIM115
        try:
            if options["format"] == "ninjs":
                count = export_ninjs(stream, base_url=options["base_url"] or default_base_url())
                what = "language versions"
            else:
                count = export_jsonl(stream)
                what = "articles"
        finally:
            if options["output"]:
                stream.close()
        self.stderr.write(f"Exported {count} {what} to {options['output'] or 'standard output'}.")
        if options["format"] == "jsonl":
            # The lines name each photo's stored file; a restore needs the files as well.
            self.stderr.write(
                f"Photo files are not in the export: back up the media folder ({settings.MEDIA_ROOT}) too."
            )
