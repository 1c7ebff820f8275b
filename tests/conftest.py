import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture
def demo_site(db):
    """The demo site for 伊金霍洛旗政务服务局, as `make run` seeds it."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return Site.objects.get(is_default_site=True)
