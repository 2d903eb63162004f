import unicodedata

from django.test import SimpleTestCase

from newsroom.text import fold, slugify_vi, unique_slug


class SlugifyTests(SimpleTestCase):
    def test_vietnamese_letters_become_their_base_letters(self):
        self.assertEqual(slugify_vi("Đại hội Đảng lần thứ XIV"), "dai-hoi-dang-lan-thu-xiv")
        self.assertEqual(slugify_vi("Quần đảo Hoàng Sa"), "quan-dao-hoang-sa")
        self.assertEqual(slugify_vi("Người dân hưởng ứng Tết trồng cây"), "nguoi-dan-huong-ung-tet-trong-cay")

    def test_decomposed_input_gives_the_same_slug(self):
        self.assertEqual(slugify_vi(unicodedata.normalize("NFD", "Đại hội Đảng")), "dai-hoi-dang")

    def test_punctuation_goes_and_length_is_capped_on_a_word_boundary(self):
        self.assertEqual(slugify_vi("Việt Nam – “Đối tác” tin cậy!"), "viet-nam-doi-tac-tin-cay")
        self.assertEqual(slugify_vi("abc def ghi", max_length=8), "abc-def")

    def test_fold_keeps_case_and_spacing(self):
        self.assertEqual(fold("Tô Lâm, Đảng Cộng sản"), "To Lam, Dang Cong san")


class UniqueSlugTests(SimpleTestCase):
    def test_numbers_the_next_free_slug(self):
        taken = {"tin-moi", "tin-moi-2"}
        self.assertEqual(unique_slug("tin-moi", taken=taken.__contains__), "tin-moi-3")
        self.assertEqual(unique_slug("khac", taken=taken.__contains__), "khac")
