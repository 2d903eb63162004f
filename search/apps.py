from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        connection_created.connect(_register_sqlite_functions, dispatch_uid="search_sqlite_functions")
        post_migrate.connect(_install_search_index, dispatch_uid="search_index")


def _register_sqlite_functions(sender, connection, **kwargs):
    """SQLite's search triggers fold text with Python, the way the query is folded."""
    if connection.vendor == "sqlite":
        from .backends.sqlite import sqlite_fold

        connection.connection.create_function("newsroom_fold", 1, sqlite_fold, deterministic=True)


def _install_search_index(sender, using, **kwargs):
    from django.db import connections

    if connections[using].vendor == "sqlite" and sender.name == "articles":
        from .index import install_sqlite_index

        install_sqlite_index(connections[using])
