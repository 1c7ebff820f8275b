"""A model field whose value is plain text in Python and SM4-GCM ciphertext in the database.

Each ciphertext is bound to its row (issue 11): the associated data names the table, the
column and the row's primary key (crypto.row_context), so a value copied into another column
or another row does not decrypt. Two consequences, handled here:

- a new row has no primary key before its INSERT: ``RowBoundEncryption.save`` inserts the
  row with its encrypted columns empty and writes them right after, in one transaction;
- a value read from the database is decrypted when first used (the descriptor below knows
  the row; ``from_db_value`` does not), and written back unchanged if never used.
"""

from django.db import models, transaction
from django.db.models.query_utils import DeferredAttribute

from . import crypto


class Ciphertext(str):
    """A stored value as read from the database, not decrypted yet."""


class EncryptedAttribute(DeferredAttribute):
    """Decrypts on first access, with the row's context."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Ciphertext):
            value = crypto.decrypt(value, self.field.row_context(instance))
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Text encrypted at rest (see crypto.py). Empty values stay empty so "not given" remains
    visible; encrypted values cannot be searched or filtered in SQL. The model must inherit
    RowBoundEncryption."""

    description = "SM4-GCM 加密文本"
    descriptor_class = EncryptedAttribute

    def row_context(self, instance) -> str:
        return crypto.row_context(instance._meta.db_table, self.column, instance.pk)

    def from_db_value(self, value, expression, connection):
        return Ciphertext(value) if value else value

    def pre_save(self, model_instance, add):
        value = model_instance.__dict__.get(self.attname)
        if not value or isinstance(value, Ciphertext):
            return value  # empty, or unchanged since it was read: still bound to this row
        if model_instance.pk is None:
            if getattr(model_instance, "_encrypting_after_insert", False):
                return ""  # written by RowBoundEncryption.save once the key exists
            raise ValueError("加密字段的密文绑定行主键：请通过模型的 save() 写入，不能批量创建")
        return crypto.encrypt(value, self.row_context(model_instance))

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value and not value.startswith(f"{crypto.PREFIX}$"):
            raise ValueError("加密字段只能通过模型的 save() 写入，不能用明文查询或批量更新")
        return value

    def get_lookup(self, lookup_name):
        if lookup_name not in ("exact", "isnull"):
            return None
        return super().get_lookup(lookup_name)


class RowBoundEncryption(models.Model):
    """Base of models with EncryptedTextField columns (see the module docstring)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            return super().save(*args, **kwargs)
        encrypted = [
            field.attname
            for field in self._meta.concrete_fields
            if isinstance(field, EncryptedTextField) and self.__dict__.get(field.attname)
        ]
        with transaction.atomic(using=kwargs.get("using")):
            self._encrypting_after_insert = True
            try:
                super().save(*args, **kwargs)
            finally:
                self._encrypting_after_insert = False
            if encrypted:
                super().save(update_fields=encrypted, using=kwargs.get("using"))
