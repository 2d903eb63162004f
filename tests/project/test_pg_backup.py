"""
The whole-site backup the README documents: pg_dump of the database, restored with
pg_restore into an empty database, gives back every article and photo, the columns
readers see unchanged.
"""

import shutil
import subprocess
import unittest

import psycopg
from django.db import connection
from django.test import TransactionTestCase

from articles.models import Article, Status
from media.models import Photo

from ..factories import make_article, make_photo
from ..tools import require


@unittest.skipUnless(connection.vendor == "postgresql", "pg_dump backs up PostgreSQL")
class PgDumpRestoreTests(TransactionTestCase):
    def setUp(self):
        require(bool(shutil.which("pg_dump") and shutil.which("pg_restore")), "pg_dump is not installed.")
        settings = connection.settings_dict
        self.conninfo = {
            "host": settings["HOST"] or "127.0.0.1",
            "port": settings["PORT"] or 5432,
            "user": settings["USER"],
            "password": settings["PASSWORD"] or None,
        }
        self.source = settings["NAME"]
        self.target = f"{self.source}_restored"

    def psql_admin(self, sql: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **self.conninfo) as admin:
            admin.execute(sql)

    def rows(self, dbname: str, sql: str) -> list[tuple]:
        with psycopg.connect(dbname=dbname, **self.conninfo) as db:
            return db.execute(sql).fetchall()

    def test_a_dump_restored_into_an_empty_database_holds_the_same_articles(self):
        make_photo(caption_vi="Đồng lúa chín ở Đồng Tháp", caption_en="Ripe rice in Dong Thap")
        make_article(title_vi="Mùa gặt sớm", title_en="An early harvest")
        make_article(title_vi="Bản nháp chưa đăng", languages=("vi",), status=Status.DRAFT)
        environment = {"PGPASSWORD": self.conninfo["password"] or ""}
        common = [
            "-h",
            str(self.conninfo["host"]),
            "-p",
            str(self.conninfo["port"]),
            "-U",
            self.conninfo["user"],
        ]
        dump = subprocess.run(
            ["pg_dump", *common, "--format=custom", self.source],
            capture_output=True,
            env={**environment, "PATH": "/usr/bin:/bin"},
            check=True,
        ).stdout
        self.psql_admin(f'DROP DATABASE IF EXISTS "{self.target}"')
        self.psql_admin(f'CREATE DATABASE "{self.target}"')
        self.addCleanup(self.psql_admin, f'DROP DATABASE IF EXISTS "{self.target}"')
        subprocess.run(
            ["pg_restore", *common, "--no-owner", "--exit-on-error", "--dbname", self.target],
            input=dump,
            env={**environment, "PATH": "/usr/bin:/bin"},
            check=True,
            capture_output=True,
        )
        for table, columns in [
            (
                Article._meta.db_table,
                "id, slug_vi, slug_en, title_vi, title_en, lead_vi, body_vi, status_vi, status_en",
            ),
            (Photo._meta.db_table, "id, image, caption_vi, caption_en, file_hash"),
        ]:
            with self.subTest(table):
                query = f"SELECT {columns} FROM {table} ORDER BY id"
                self.assertEqual(self.rows(self.target, query), self.rows(self.source, query))
        self.assertEqual(len(self.rows(self.target, f"SELECT id FROM {Article._meta.db_table}")), 2)
