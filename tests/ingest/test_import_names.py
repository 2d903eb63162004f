"""Tags and sections that JSON Lines names without slugs: matched by name, never merged, never copied."""

import importlib.util
import json
import random
from pathlib import Path

from django.test import TestCase

from articles.models import Article, Tag
from categories.models import Category

from ..factories import make_tag
from .helpers import run_import, summary, write_temp

BENCH = Path(__file__).resolve().parents[2] / "bench" / "import_bench.py"


def line(n: int, *, tags: list[dict], category: list[dict], language: str = "vi") -> str:
    """One article of our JSON Lines, its tags and section given as the caller says."""
    return json.dumps(
        {
            "newsroom": 1,
            "uid": f"00000000-0000-4000-8000-{n:012d}",
            "external_id": f"wire:{n}",
            "category": category,
            "tags": tags,
            "versions": {language: {"title": f"Bài số {n}", "status": "published"}},
        },
        ensure_ascii=False,
    )


def names(*values: str, language: str = "vi") -> list[dict]:
    return [{"names": {language: value}} for value in values]


class NamedTagsAndSectionsTests(TestCase):
    def import_lines(self, *lines: str):
        stdout, _stderr = run_import(write_temp(self, "\n".join(lines), ".jsonl"))
        return summary(stdout)

    def tags_of(self, n: int) -> list[str]:
        article = Article.objects.get(external_id=f"wire:{n}")
        return sorted(tag.name_vi or tag.name_en for tag in article.tags.all())

    def state(self) -> dict:
        """What a reader sees: each article's address, section and tags, by id."""
        return {
            article.external_id: (
                article.get_absolute_url(),
                article.category_id,
                sorted(article.tags.values_list("pk", flat=True)),
            )
            for article in Article.objects.all()
        }

    def test_each_article_keeps_its_own_tags_and_a_second_import_changes_nothing(self):
        section = [{"names": {"vi": "Nông thôn"}}]
        lines = (
            line(1, tags=names("Lúa gạo", "Xuất khẩu"), category=section),
            line(2, tags=names("Du lịch"), category=section),
        )
        self.assertEqual(self.import_lines(*lines), "created 2, updated 0, unchanged 0, failed 0")
        self.assertEqual(self.tags_of(1), ["Lúa gạo", "Xuất khẩu"])
        self.assertEqual(self.tags_of(2), ["Du lịch"])
        self.assertEqual(Category.objects.filter(name_vi="Nông thôn").count(), 1)
        before = self.state()
        tags_before = sorted(Tag.objects.values_list("pk", "slug_vi"))

        self.assertEqual(self.import_lines(*lines), "created 0, updated 0, unchanged 2, failed 0")
        self.assertEqual(self.state(), before)
        self.assertEqual(sorted(Tag.objects.values_list("pk", "slug_vi")), tags_before)
        self.assertFalse(Tag.objects.filter(slug_vi__endswith="-2").exists())
        self.assertFalse(Category.objects.filter(slug_vi__endswith="-2").exists())

    def test_names_given_only_in_english_are_matched_too(self):
        section = [{"names": {"en": "Countryside"}}]
        lines = (
            line(1, tags=names("Rice", "Exports", language="en"), category=section, language="en"),
            line(2, tags=names("Travel", language="en"), category=section, language="en"),
        )
        self.import_lines(*lines)
        before = self.state()
        self.assertEqual(Tag.objects.count(), 3)
        self.assertEqual(len({category for _url, category, _tags in before.values()}), 1)
        self.assertEqual(self.import_lines(*lines), "created 0, updated 0, unchanged 2, failed 0")
        self.assertEqual(self.state(), before)
        self.assertEqual(Tag.objects.count(), 3)
        self.assertEqual(Category.objects.filter(name_en="Countryside").count(), 1)

    def test_case_spacing_and_unicode_form_are_ignored_but_diacritics_are_not(self):
        rice = make_tag(name_vi="Lúa gạo", name_en="")
        decomposed = "L\u0075\u0301a ga\u0323o"  # "Lúa gạo" with combining marks (NFD)
        section = [{"names": {"vi": "NÔNG  thôn"}}]
        self.import_lines(
            line(1, tags=names("lúa  GẠO"), category=section),
            line(2, tags=names(decomposed), category=section),
            line(3, tags=names("Lua gao"), category=[{"names": {"vi": "Nong thon"}}]),
        )
        self.assertEqual(list(Article.objects.get(external_id="wire:1").tags.all()), [rice])
        self.assertEqual(list(Article.objects.get(external_id="wire:2").tags.all()), [rice])
        plain = Article.objects.get(external_id="wire:3").tags.get()
        self.assertNotEqual(plain, rice, "a name without its diacritics is another tag")
        self.assertEqual(plain.name_vi, "Lua gao")
        first, second = (Article.objects.get(external_id=f"wire:{n}").category for n in (1, 3))
        self.assertNotEqual(first, second)
        self.assertEqual(Article.objects.get(external_id="wire:2").category, first)

    def test_a_name_known_in_the_other_language_is_the_same_tag(self):
        rice = make_tag(name_vi="Lúa gạo", name_en="Rice")
        self.import_lines(line(1, tags=names("rice", language="en"), category=[], language="en"))
        self.assertEqual(list(Article.objects.get().tags.all()), [rice])

    def test_the_benchmark_file_imports_with_its_tags(self):
        spec = importlib.util.spec_from_file_location("import_bench", BENCH)
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        path = write_temp(self, "", ".jsonl")
        bench.write_jsonl(path, 6, random.Random(7))
        expected = {}
        for text in path.read_text(encoding="utf-8").splitlines():
            data = json.loads(text)
            expected[data["external_id"]] = sorted(tag["names"]["vi"] for tag in data["tags"])
        self.assertEqual(
            self.import_lines(path.read_text(encoding="utf-8")), "created 6, updated 0, unchanged 0, failed 0"
        )
        for external_id, tags in expected.items():
            article = Article.objects.get(external_id=external_id)
            self.assertEqual(sorted(article.tags.values_list("name_vi", flat=True)), tags)
        before = self.state()
        self.assertEqual(
            self.import_lines(path.read_text(encoding="utf-8")), "created 0, updated 0, unchanged 6, failed 0"
        )
        self.assertEqual(self.state(), before)
