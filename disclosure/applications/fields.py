"""A model field whose value is plain text in Python and SM4-GCM ciphertext in the database."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text encrypted at rest (see crypto.py). Empty values stay empty so "not given" remains
    visible; encrypted values cannot be searched or filtered in SQL."""

    description = "SM4-GCM 加密文本"

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.crypto_context = f"{cls._meta.app_label}.{cls._meta.model_name}.{name}"

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return crypto.decrypt(value, self.crypto_context)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return crypto.encrypt(value, self.crypto_context)

    def get_lookup(self, lookup_name):
        if lookup_name not in ("exact", "isnull"):
            return None
        return super().get_lookup(lookup_name)
