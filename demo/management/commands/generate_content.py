import time

from django.core.management.base import BaseCommand, CommandError

from demo.generate import create_generated_articles


class Command(BaseCommand):
    help = "Add N generated, published bilingual articles quickly: for benchmarks and load tests."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same text.")
        parser.add_argument(
            "--bilingual-share",
            type=float,
            default=0.5,
            help="Share written in both languages (default 0.5); the rest is split vi-only / en-only.",
        )

    def handle(self, *args, articles, seed, bilingual_share, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if not 0 <= bilingual_share <= 1:
            raise CommandError("--bilingual-share is between 0 and 1.")
        started = time.perf_counter()
        created = create_generated_articles(articles, seed=seed, bilingual_share=bilingual_share)
        seconds = time.perf_counter() - started
        rate = created / max(seconds, 1e-9)
        self.stdout.write(f"Generated {created} articles in {seconds:.1f} s ({rate:.0f} articles/s).")
