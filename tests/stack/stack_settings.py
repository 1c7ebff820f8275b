"""Settings of `make stack-test`: production's, with the captcha in test mode so that the
citizen's walk can answer it ("PASSED"), as django-simple-captcha provides for tests.

Only tests/stack/run.py uses this module (DJANGO_SETTINGS_MODULE=stack_settings, with
tests/stack on PYTHONPATH); everything else comes from the environment, as in production.
"""

from portal.settings.production import *  # noqa: F403

CAPTCHA_TEST_MODE = True
