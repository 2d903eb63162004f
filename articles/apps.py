from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import reversion

        from newsroom import pagecache

        from .models import Article, ArticlePhoto, ArticleSlugRedirect, Correction, Source, Tag, TaggedArticle

        # What readers see of articles: any change starts a new generation of cached pages,
        # and so does the arrival of the next scheduled publication or expiry.
        pagecache.watch(Article, ArticlePhoto, ArticleSlugRedirect, Correction, Source, Tag, TaggedArticle)
        pagecache.add_change_clock(Article.objects.next_scheduled_time)

        # A revision holds the article, its photos in order and its tags; not
        # counters, search vectors or the edit lock, which are not its content.
        reversion.register(ArticlePhoto)
        reversion.register(TaggedArticle)
        reversion.register(
            Article,
            follow=["article_photos", "tagged_items"],
            exclude=[
                "search_vi",
                "search_en",
                "view_count",
                "view_count_vi",
                "view_count_en",
                "edit_version",
            ],
        )
