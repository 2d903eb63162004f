"""What a section holds: itself and every section inside it, whatever the menu shows."""

from django.test import TestCase

from categories.models import Category

from ..factories import make_category


class SubtreeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.top = make_category()
        cls.child = make_category(parent=cls.top)
        cls.grandchild = make_category(parent=cls.child)
        cls.hidden = make_category(parent=cls.top, show_in_menu=False)
        cls.other = make_category()
        cls.others_child = make_category(parent=cls.other)

    def test_a_section_holds_every_descendant_hidden_or_not_and_nothing_else(self):
        self.assertEqual(
            set(Category.objects.subtree(self.top)), {self.top, self.child, self.grandchild, self.hidden}
        )
        self.assertEqual(set(Category.objects.subtree(self.child)), {self.child, self.grandchild})
        self.assertEqual(set(Category.objects.subtree(self.others_child)), {self.others_child})

    def test_the_subtrees_of_many_sections_cost_one_query(self):
        with self.assertNumQueries(1):
            subtrees = Category.objects.subtree_ids([self.top, self.other])
        self.assertEqual(subtrees[self.other.pk], {self.other.pk, self.others_child.pk})
        self.assertEqual(len(subtrees[self.top.pk]), 4)
