import io
import os

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with next year's working calendar as test data (working_calendar)."""
    from working_calendar import enter_next_year_weekends_only

    with django_db_blocker.unblock():
        enter_next_year_weekends_only()


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    """Wagtail caches the sites' root paths; rolling a test back does not clear that cache. A
    test that replaced the default site (seed_demo does) would otherwise leave the next test
    with paths of a site that no longer exists, and page.url None (seen on PostgreSQL)."""
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(request, monkeypatch):
    """`client.force_login(user)` stands for a person who signed in completely: the password
    and, for the roles that need it (portal/admin_security.py), the TOTP second factor, as if
    the code had been typed in this session. Tests of the second factor itself are marked
    `second_factor` and get Django's plain force_login; browser tests type the code."""
    if request.node.get_closest_marker("second_factor"):
        return
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.admin_security import DEVICE_NAME, requires_second_factor

    plain_force_login = Client.force_login

    def force_login(self, user, backend=None):
        plain_force_login(self, user, backend)
        if requires_second_factor(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """The demo content (`manage.py seed_demo`), seeded once for a test module inside a
    transaction that is rolled back when the module ends. Seeding takes seconds; once per test
    it was most of the suite's time. Each test's own changes still roll back after the test (its
    `db` transaction is a savepoint inside this one). A module's tests that do not ask for the
    demo but run after one that did see it too: modules mixing both keep that in mind."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            with open(os.devnull, "w") as quiet:
                call_command("seed_demo", stdout=quiet)
            yield
            transaction.set_rollback(True)
        # The cached site root paths name the demo site, which the rollback removed.
        Site.clear_site_root_paths_cache()


@pytest.fixture
def demo_site(seeded_demo, db):
    """The demo site for 伊金霍洛旗政务服务局, as `make run` seeds it (seeded once per module)."""
    return Site.objects.get(is_default_site=True)


def pytest_collection_modifyitems(items):
    """Every transactional test must restore the migrated data (serialized_rollback=True).

    A test is transactional by its marker or by asking for `live_server`/`transactional_db`
    (the browser tests' `site_url` does). A plain transactional test flushes the database and
    lets post_migrate recreate content types with new ids; the next serialized restore then
    collides with them (UNIQUE constraint on django_content_type, on SQLite and PostgreSQL).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker and marker.kwargs.get("transaction")) or bool(
            {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        )
        if transactional and not (marker and marker.kwargs.get("serialized_rollback")):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache. Wagtail caches the sites' root paths there; a
    path left by an earlier test's site makes page.url None in the next one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_pdf():
    """make_pdf("page one", "page two") -> the bytes of a PDF with one page per text
    (Helvetica, so ASCII only), written out by hand: pypdf reads it like any other PDF."""

    def make(*pages):
        font = 3 + 2 * len(pages)
        kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        ]
        for i, text in enumerate(pages):
            stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
            objects.append(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                f"<< /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
            )
            objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n")
        offsets = []
        for number, body in enumerate(objects, 1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()

    return make


@pytest.fixture
def translate():
    """translate(page, code="mn-mong") -> the page's translation, made with wagtail-localize
    (parent pages copied, untranslated text falling back to the original) and published."""
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    def make(page, code="mn-mong"):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        locale = Locale.objects.get(language_code=code)
        source.create_or_update_translation(locale, copy_parent_pages=True, fallback=True)
        # wagtail-localize publishes on commit; a test's transaction never commits.
        page.get_translation(locale).get_latest_revision().publish()
        return page.get_translation(locale).specific

    return make
