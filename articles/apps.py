from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import reversion
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from .models import Article, ArticlePhoto, TaggedArticle

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

        connection_created.connect(_register_sqlite_functions, dispatch_uid="articles_sqlite_functions")
        post_migrate.connect(_install_search_index, sender=self, dispatch_uid="articles_search_index")


def _register_sqlite_functions(sender, connection, **kwargs):
    """SQLite's search triggers fold text with Python, the way the query is folded."""
    if connection.vendor == "sqlite":
        from .search import sqlite_fold

        connection.connection.create_function("newsroom_fold", 1, sqlite_fold, deterministic=True)


def _install_search_index(sender, using, **kwargs):
    from django.db import connections

    if connections[using].vendor == "sqlite":
        from .search_index import install_sqlite_index

        install_sqlite_index(connections[using])
