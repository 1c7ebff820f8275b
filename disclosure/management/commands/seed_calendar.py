from django.core.management.base import BaseCommand

from disclosure.calendar import seed_year_from_package


class Command(BaseCommand):
    help = "从 chinese-calendar 数据包载入工作日历（法定节假日与调休上班日）。"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=int, default=2019)
        parser.add_argument("--to", dest="last", type=int, default=2030)

    def handle(self, *args, first, last, **options):
        for year in range(first, last + 1):
            if seed_year_from_package(year):
                self.stdout.write(f"{year}年：已载入")
            else:
                self.stdout.write(f"{year}年：数据包未覆盖或已由工作人员录入，请在后台维护")
