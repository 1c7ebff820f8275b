"""Yearly serial numbers (受理编号, 留言编号): an abstract model each app subclasses with its
own table, so that numbers of one kind never depend on another kind's."""

from django.db import models, transaction


class YearlySerial(models.Model):
    """The last serial handed out per year; locked row by row while numbering."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @classmethod
    def next_serial(cls, year: int) -> int:
        """Serialised by a row lock (SELECT ... FOR UPDATE on PostgreSQL; SQLite locks the
        whole database for writing), so concurrent submissions never share a number."""
        with transaction.atomic():
            cls.objects.get_or_create(year=year)
            row = cls.objects.select_for_update().get(year=year)
            row.last_serial += 1
            row.save(update_fields=["last_serial"])
            return row.last_serial
