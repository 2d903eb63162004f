"""Pages of a reader's list: the newest ``MAX_PAGES`` are offered, older articles are found by search."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

#: A reader pages through the newest thousand articles of a list (50 pages of 20); deeper
#: pages cost an ever longer index walk each and nobody reads page 4,000 of a news site.
MAX_PAGES = 50


class CappedPaginator(Paginator):
    """
    A paginator that counts no further than ``MAX_PAGES`` pages: "page 3 of 50"
    costs the same for a section of a hundred articles and for one of a hundred thousand.
    """

    @cached_property
    def count(self) -> int:
        cap = self.per_page * MAX_PAGES
        if not hasattr(self.object_list, "query"):
            return min(len(self.object_list), cap)
        # Any `cap` matching ids, in no order: an index-only scan that stops there.
        return self.object_list.order_by().values("pk")[:cap].count()
