"""The stack test's mail backend: every message written to a file under STACK_MAIL_DIR.

Production refuses the backends that deliver nothing (portal/settings/production.py); the
stack test runs production's settings and must not send mail off this machine, so its
messages go to files the test can read, one per message, like Django's file backend.
"""

import os

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("file_path", os.environ["STACK_MAIL_DIR"])
        super().__init__(*args, **kwargs)
