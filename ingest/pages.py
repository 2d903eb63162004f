"""Imported pages (WordPress's, say) become the site's static pages, matched by external id."""

from articles.models import Status
from newsroom.richtext import sanitize_html
from newsroom.text import fill_slug
from pages.models import Page

from .items import Item, Outcome, snapshot


def write_page(item: Item) -> Outcome:
    """Create or update the page the item is; a page it would not change is left unsaved."""
    page = Page.objects.filter(external_id=item.record.external_id).first()
    created = page is None
    if created:
        page = Page(external_id=item.record.external_id, show_in_header=False)
    before = snapshot(page)
    for code, version in item.versions.items():
        setattr(page, f"title_{code}", version.title)
        # Sanitised as Page.save stores it, so that an unchanged page compares equal.
        setattr(page, f"body_{code}", sanitize_html(version.body))
        if version.slug:
            fill_slug(page, code, text=version.slug)
        if version.status:
            page.is_published = version.status == Status.PUBLISHED
    if not created and snapshot(page) == before:
        return Outcome.UNCHANGED
    page.save()
    return Outcome.CREATED if created else Outcome.UPDATED
