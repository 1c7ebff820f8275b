"""The per-(publisher, year) 索引号 serial counter.

One row per publisher and year holds the last serial handed out. Allocation locks the row
(SELECT ... FOR UPDATE on PostgreSQL) so concurrent publishes queue up instead of colliding;
see disclosure/index_numbers.py.
"""

from django.db import models


class IndexNumberCounter(models.Model):
    publisher = models.ForeignKey(
        "disclosure.Organisation", verbose_name="发布机构", on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField("年份")
    last_serial = models.PositiveIntegerField("已用最大顺序号", default=0)

    class Meta:
        verbose_name = "索引号计数器"
        verbose_name_plural = "索引号计数器"
        constraints = [
            models.UniqueConstraint(fields=["publisher", "year"], name="unique_counter_per_year")
        ]

    def __str__(self):
        return f"{self.publisher} {self.year}年：{self.last_serial}"
