"""受理编号 stay unique when many applications arrive at once (PostgreSQL: real row locks and
concurrent connections; SQLite serialises writers and cannot show the race)."""

import threading

import pytest
from django.db import connection, connections

from disclosure.applications import services
from disclosure.applications.models import Application

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 16


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises all writers, so there is no race to test",
)
def test_numbers_unique_under_concurrent_submissions(ids):
    barrier = threading.Barrier(THREADS)
    numbers, errors = [], []

    def submit(i):
        try:
            barrier.wait()
            application, _ = services.create_application(
                {
                    "applicant_type": "citizen",
                    "name": f"申请人{i}",
                    "id_type": "resident_id",
                    "id_number": ids.resident_id(f"150627198503{i:02d}001"),
                    "phone": "13904770001",
                    "information_title": f"信息{i}",
                    "medium": "electronic",
                    "delivery": "collect",
                },
                channel="online",
            )
            numbers.append(application.number)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(numbers) == THREADS == len(set(numbers))
    serials = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
    assert serials == list(range(1, THREADS + 1))  # no gaps, no duplicates
    assert Application.objects.count() == THREADS
