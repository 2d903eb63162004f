"""
The read replica, on two real PostgreSQL databases: the replica starts as a copy
of the primary, as a streaming replica does, and then the primary moves on, so
each database holds a different title for the same article and every page shows
which one it read.
"""

from unittest import skipUnless

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import serializers
from django.db import connection, connections
from django.http import HttpResponse
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse

from articles.models import Article, Source
from newsroom.db import REPLICA, ReplicaMiddleware
from tests.factories import make_article

#: Rows the replica's copy leaves out: made the same way in both databases by the migrations, or per request.
NOT_COPIED = {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}


def copy_rows_to_replica() -> None:
    """What replication does: the replica gets the primary's rows."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in NOT_COPIED
    ]
    data = serializers.serialize("json", [row for model in models for row in model._default_manager.all()])
    for row in serializers.deserialize("json", data, using=REPLICA):
        row.save(using=REPLICA)


@skipUnless(
    connection.vendor == "postgresql", "A read replica is a second PostgreSQL database (set DATABASE_URL)."
)
class ReplicaRoutingTests(TestCase):
    @classmethod
    def setUpClass(cls):
        # The replica is a second test database cloned from the primary's migrated one, not a
        # TEST MIRROR (which would be the same database and could not tell the two apart).
        # CREATE DATABASE ... TEMPLATE needs the primary's connection closed.
        connection.close()
        connection.creation.clone_test_db(suffix=REPLICA, verbosity=0)
        settings.DATABASES[REPLICA] = connection.creation.get_test_db_clone_settings(REPLICA)
        cls.databases = {"default", REPLICA}
        try:
            super().setUpClass()
        except Exception:
            cls._drop_replica()
            raise

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._drop_replica()

    @classmethod
    def _drop_replica(cls):
        connections[REPLICA].close()
        del connections[REPLICA]
        del settings.DATABASES[REPLICA]
        connection.creation.destroy_test_db(verbosity=0, suffix=REPLICA)

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(title_vi="Tin lúc đầu trên bản sao")
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pass-word-1")
        copy_rows_to_replica()
        # The primary moves on; the replica has not caught up yet.
        Article.objects.filter(pk=cls.article.pk).update(title_vi="Tin đã sửa trên máy chủ chính")

    def setUp(self):
        # As settings do when DATABASE_REPLICA_URL is set.
        self.enterContext(
            override_settings(
                DATABASE_ROUTERS=["newsroom.db.ReplicaRouter"],
                MIDDLEWARE=["newsroom.db.ReplicaMiddleware", *settings.MIDDLEWARE],
            )
        )
        self.url = self.article.get_absolute_url()

    def test_the_two_databases_hold_different_titles(self):
        self.assertEqual(Article.objects.using(REPLICA).get().title_vi, "Tin lúc đầu trên bản sao")
        self.assertEqual(Article.objects.using("default").get().title_vi, "Tin đã sửa trên máy chủ chính")

    def test_a_readers_page_reads_the_replica(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Tin lúc đầu trên bản sao")
        self.assertNotContains(response, "Tin đã sửa trên máy chủ chính")

    def test_an_editor_reads_the_primary_on_the_admin_and_on_the_site(self):
        self.client.force_login(self.editor)
        admin_page = self.client.get(reverse("admin:articles_article_change", args=[self.article.pk]))
        self.assertContains(admin_page, "Tin đã sửa trên máy chủ chính")
        self.assertNotContains(admin_page, "Tin lúc đầu trên bản sao")
        # Read-your-writes: the editor's session pins even public pages to the primary.
        page = self.client.get(self.url)
        self.assertContains(page, "Tin đã sửa trên máy chủ chính")

    def test_a_write_made_while_serving_a_reader_goes_to_the_primary(self):
        def view(request):
            Source.objects.create(name_vi="Nguồn mới", name_en="New source")
            return HttpResponse()

        ReplicaMiddleware(view)(RequestFactory().get(self.url))
        self.assertTrue(Source.objects.using("default").filter(name_en="New source").exists())
        self.assertFalse(Source.objects.using(REPLICA).filter(name_en="New source").exists())

    def test_a_post_reads_and_writes_the_primary(self):
        response = self.client.post(
            reverse("admin:login"), {"username": "editor", "password": "pass-word-1", "next": "/admin/"}
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(Session.objects.using("default").count(), 1)
        self.assertFalse(Session.objects.using(REPLICA).exists())
        self.assertIsNotNone(get_user_model().objects.using("default").get().last_login)
        self.assertIsNone(get_user_model().objects.using(REPLICA).get().last_login)

    def test_code_outside_a_request_reads_the_primary(self):
        # Celery tasks, management commands and shells never see the lagging copy.
        self.assertEqual(Article.objects.get(pk=self.article.pk).title_vi, "Tin đã sửa trên máy chủ chính")
