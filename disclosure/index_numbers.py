"""Allocate 索引号 without collisions, and record numbers brought in from elsewhere.

The counter row of (publisher, year) is locked with SELECT ... FOR UPDATE inside the caller's
transaction, so two editors publishing at the same moment get consecutive serials: the second
waits for the first to commit. The row is created on first use; if two transactions race to
create it, the loser's INSERT fails on the unique constraint and it locks the winner's row.
"""

from django.db import IntegrityError, transaction

from core.rules.index_number import format_index_number, parse_serial
from disclosure import conf
from disclosure.models.index_numbers import IndexNumberCounter


def _locked_counter(publisher, year):
    counter = (
        IndexNumberCounter.objects.select_for_update()
        .filter(publisher=publisher, year=year)
        .first()
    )
    if counter is not None:
        return counter
    try:
        with transaction.atomic():  # a savepoint: a lost race leaves the outer transaction usable
            return IndexNumberCounter.objects.create(publisher=publisher, year=year)
    except IntegrityError:
        return IndexNumberCounter.objects.select_for_update().get(publisher=publisher, year=year)


def allocate_index_number(publisher, year):
    """The next 索引号 of `publisher` for `year`, formatted with the configured pattern."""
    with transaction.atomic():
        counter = _locked_counter(publisher, year)
        counter.last_serial += 1
        counter.save(update_fields=["last_serial"])
        return format_index_number(
            conf.index_number_pattern(),
            uscc=publisher.uscc,
            org_code=publisher.org_code or None,
            year=year,
            serial=counter.last_serial,
        )


def record_existing_index_number(publisher, text):
    """Make sure future serials come after an imported 索引号 (raises IndexNumberError)."""
    year, serial = parse_serial(conf.index_number_pattern(), text)
    with transaction.atomic():
        counter = _locked_counter(publisher, year)
        if counter.last_serial < serial:
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])
    return year, serial
