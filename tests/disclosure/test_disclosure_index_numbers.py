"""索引号: allocated at first publication, unique, yearly serials, never changed afterwards."""

import threading
from datetime import date

import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.test import override_settings

from disclosure.index_numbers import allocate_index_number, record_existing_index_number
from disclosure.models import IndexNumberCounter, PolicyDocumentPage

BUREAU_USCC = "11150627011580001G"  # the bureau fixture's code
OTHER_USCC = "11150627011580004R"


@pytest.mark.django_db
def test_first_publication_allocates_the_next_serial_of_the_year(make_document):
    first = make_document(publish_date=date(2025, 3, 1))
    second = make_document(publish_date=date(2025, 4, 1))
    assert first.index_number == f"{BUREAU_USCC}/2025-00001"
    assert second.index_number == f"{BUREAU_USCC}/2025-00002"


@pytest.mark.django_db
def test_serials_restart_each_year_and_per_publisher(make_document, other_org):
    make_document(publish_date=date(2024, 12, 31))
    assert make_document(publish_date=date(2025, 1, 2)).index_number.endswith("/2025-00001")
    other = make_document(publisher=other_org, publish_date=date(2025, 1, 2))
    assert other.index_number == f"{OTHER_USCC}/2025-00001"


@pytest.mark.django_db
def test_drafts_have_no_index_number_and_publication_date_is_fixed(make_document):
    draft = make_document(publish=False)
    assert draft.index_number is None and draft.publish_date is None
    draft.get_latest_revision().publish()
    draft.refresh_from_db()
    assert draft.index_number and draft.publish_date is not None


@pytest.mark.django_db
def test_index_number_never_changes_after_publication(make_document):
    page = make_document(publish_date=date(2025, 5, 1))
    original = page.index_number
    first_revision = page.get_latest_revision()
    # An editor changes and republishes; an old revision is restored and published.
    page.title = "修改后的标题"
    page.index_number = "11150627011580001G/2025-09999"  # a tampered value is ignored
    page.save_revision().publish()
    first_revision.publish()
    page.refresh_from_db()
    assert page.index_number == original
    assert page.publish_date == date(2025, 5, 1)
    # Unpublishing and publishing again keeps it too.
    page.unpublish()
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.index_number == original
    assert IndexNumberCounter.objects.get(year=2025).last_serial == 1


@pytest.mark.django_db
def test_copying_a_document_does_not_copy_its_index_number(make_document):
    page = make_document()
    copy = page.copy(update_attrs={"slug": "copy", "title": "副本"}, keep_live=False)
    assert copy.specific.index_number is None


@pytest.mark.django_db
@override_settings(DISCLOSURE_INDEX_NUMBER_PATTERN="ZWFW-{year}-{serial:04d}")
def test_pattern_is_configurable(make_document):
    assert make_document(publish_date=date(2025, 1, 5)).index_number == "ZWFW-2025-0001"


@pytest.mark.django_db
def test_imported_numbers_move_the_counter_past_them(bureau):
    record_existing_index_number(bureau, f"{BUREAU_USCC}/2021-00050")
    assert allocate_index_number(bureau, 2021) == f"{BUREAU_USCC}/2021-00051"
    record_existing_index_number(bureau, f"{BUREAU_USCC}/2021-00010")  # lower: no change
    assert allocate_index_number(bureau, 2021) == f"{BUREAU_USCC}/2021-00052"


CONCURRENT_PUBLISHERS = 12

# Decided before the database is set up, so SQLite runs never flush the test database.
requires_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite serialises writers and ignores SELECT ... FOR UPDATE",
)


@requires_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_publication_never_collides(make_document):
    """Many editors publish at the same moment: every document gets its own serial."""
    drafts = [
        make_document(publish=False, publish_date=date(2026, 2, 2))
        for _ in range(CONCURRENT_PUBLISHERS)
    ]
    barrier = threading.Barrier(CONCURRENT_PUBLISHERS)
    errors = []

    def publish(page_id):
        try:
            revision = PolicyDocumentPage.objects.get(pk=page_id).get_latest_revision()
            barrier.wait()
            revision.publish()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=publish, args=(page.pk,)) for page in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        PolicyDocumentPage.objects.filter(pk__in=[p.pk for p in drafts]).values_list(
            "index_number", flat=True
        )
    )
    expected = [f"{BUREAU_USCC}/2026-{n:05d}" for n in range(1, CONCURRENT_PUBLISHERS + 1)]
    assert numbers == expected


@requires_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_allocations_in_slow_transactions_are_serialised(bureau):
    """The counter row stays locked until the publishing transaction commits: even when each
    transaction holds on after allocating (saving the page, logging), no serial repeats."""
    import time

    from django.db import transaction

    allocate_index_number(bureau, 2027)  # the counter row exists: all threads contend for it
    barrier = threading.Barrier(8)
    numbers, errors = [], []

    def allocate():
        try:
            barrier.wait()
            with transaction.atomic():
                number = allocate_index_number(bureau, 2027)
                time.sleep(0.05)
            numbers.append(number)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [f"{BUREAU_USCC}/2027-{n:05d}" for n in range(2, 10)]
