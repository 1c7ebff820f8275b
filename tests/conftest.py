import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    """Wagtail caches the sites' root paths; rolling a test back does not clear that cache. A
    test that replaced the default site (seed_demo does) would otherwise leave the next test
    with paths of a site that no longer exists, and page.url None (seen on PostgreSQL)."""
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def demo_site(db):
    """The demo site for 伊金霍洛旗政务服务局, as `make run` seeds it."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return Site.objects.get(is_default_site=True)


def pytest_collection_modifyitems(items):
    """Every transactional test must restore the migrated data (serialized_rollback=True).

    A plain transactional test flushes the database and lets post_migrate recreate content
    types with new ids; the next serialized restore then collides with them on PostgreSQL.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )
