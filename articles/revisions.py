"""
First revisions of articles inserted in bulk, stored exactly as django-reversion
stores the revision of one save (see ``ArticlesConfig.ready``), in two inserts
instead of a handful of queries per article.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, router
from django.utils import timezone
from django.utils.encoding import force_str
from reversion import create_revision
from reversion.models import Revision, Version
from reversion.revisions import _get_options
from reversion.signals import post_revision_commit, pre_revision_commit


def first_revisions(
    contents: list[tuple[models.Model, list[models.Model]]],
    *,
    user: AbstractBaseUser | None = None,
    comment: str = "",
) -> None:
    """One revision per saved object, holding it and the saved rows it follows (its photos, its tags)."""
    now = timezone.now()
    batches = []
    for obj, followed in contents:
        revision = Revision(date_created=now, user=user, comment=comment)
        versions = [_version(row) for row in (obj, *followed)]
        pre_revision_commit.send(sender=create_revision, revision=revision, versions=versions)
        batches.append((revision, versions))
    Revision.objects.bulk_create([revision for revision, _versions in batches])
    for revision, versions in batches:
        for version in versions:
            version.revision = revision
    Version.objects.bulk_create([version for _revision, versions in batches for version in versions])
    for revision, versions in batches:
        post_revision_commit.send(sender=create_revision, revision=revision, versions=versions)


def _version(obj: models.Model) -> Version:
    """What reversion's ``add_to_revision`` stores for one object."""
    # The registration's options (fields, format...) are private to reversion;
    # reading them keeps these versions what reversion itself would write.
    options = _get_options(type(obj))
    return Version(
        content_type=ContentType.objects.get_for_model(
            type(obj), for_concrete_model=options.for_concrete_model
        ),
        object_id=force_str(getattr(obj, options.object_id_field)),
        db=router.db_for_write(type(obj), instance=obj),
        format=options.format,
        serialized_data=serializers.serialize(
            options.format,
            (obj,),
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        ),
        object_repr=force_str(obj),
    )
