"""Attachments are private until a published, public page uses them (portal/attachments.py).

Creates the collections 待审附件 (restricted to logged-in staff) and 公开附件; existing documents
move to 待审附件 (the next publication of a page that uses one makes it public again:
`manage.py sync_attachment_privacy` does it at once for every page). 编辑 may upload and edit
documents only in 待审附件: a file already public changes only through a 签发 or 管理员.
"""

from django.db import migrations

PRIVATE = "待审附件"
PUBLIC = "公开附件"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node path alphabet
STEP = 4


def _child_path(parent, existing_paths):
    last = max(existing_paths, default=parent.path + "0" * STEP)
    number = int(last[len(parent.path):], 36) + 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEP, "0")


def create_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Document = apps.get_model("wagtaildocs", "Document")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")

    root = Collection.objects.get(depth=1)
    collections = {}
    for name in (PRIVATE, PUBLIC):
        collection = Collection.objects.filter(depth=2, name=name).first()
        if collection is None:
            paths = Collection.objects.filter(depth=2).values_list("path", flat=True)
            collection = Collection.objects.create(
                name=name, depth=2, path=_child_path(root, paths), numchild=0
            )
            root.numchild += 1
            root.save(update_fields=["numchild"])
        collections[name] = collection
    if not CollectionViewRestriction.objects.filter(collection=collections[PRIVATE]).exists():
        CollectionViewRestriction.objects.create(
            collection=collections[PRIVATE], restriction_type="login", password=""
        )
    Document.objects.filter(collection=root).update(collection=collections[PRIVATE])

    editors = Group.objects.filter(name="编辑").first()
    if editors is not None:
        for codename in ("add_document", "change_document"):
            permission = Permission.objects.get(
                content_type__app_label="wagtaildocs", codename=codename
            )
            GroupCollectionPermission.objects.filter(
                group=editors, collection=root, permission=permission
            ).delete()
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=collections[PRIVATE], permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_roles_and_three_review_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_collections, migrations.RunPython.noop)]
