"""manage.py monitor_run [accounts|site|both] [--json]

Runs the content checks as a background task (django-tasks). With the inline backend the run
happens in this process; with the database backend a `db_worker` carries it out and this
command follows its progress until it finishes (or returns at once with --no-wait).
"""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from monitoring.models import MonitorRun
from monitoring.services import running_run, start_run


class Command(BaseCommand):
    help = "运行内容监测（政务新媒体、网站或两者），保存监测结果并去重。"

    def add_arguments(self, parser):
        parser.add_argument(
            "scope",
            nargs="?",
            default="both",
            choices=["accounts", "site", "both"],
            help="监测范围：accounts（政务新媒体）、site（网站）或 both（默认）",
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出本次结果摘要")
        parser.add_argument("--no-wait", action="store_true", help="只提交后台任务，不等待完成")
        parser.add_argument(
            "--force", action="store_true", help="即使已有同范围任务在运行也开始新任务"
        )

    def handle(self, *args, scope, **options):
        busy = running_run(scope)
        if busy and not options["force"]:
            raise CommandError(
                f"已有监测任务 #{busy.pk}（{busy.get_scope_display()}）在运行，"
                "请等待其完成，或使用 --force。"
            )
        quiet = options["json"] or options["verbosity"] == 0
        bar = tqdm(total=0, desc="内容监测", unit="项", file=sys.stderr, disable=quiet)

        def show(step, done, total):
            bar.set_description(step)
            bar.total = total
            bar.n = done
            bar.refresh()

        run = start_run(scope, on_progress=show)
        if not options["no_wait"]:
            run = self.wait(run, show)
        bar.close()

        if run.status == MonitorRun.Status.FAILED:
            raise CommandError(f"监测任务 #{run.pk} 失败：\n{run.error}")
        if options["json"]:
            summary = run.summary or {}
            self.stdout.write(
                json.dumps(
                    {
                        "findings": summary.get("findings", {}),
                        "by_severity": summary.get("by_severity", {}),
                    },
                    ensure_ascii=False,
                )
            )
        elif run.status == MonitorRun.Status.DONE:
            by_severity = run.summary.get("by_severity", {})
            self.stdout.write(
                f"监测任务 #{run.pk} 完成：单项否决 {by_severity.get('veto', 0)} 项，"
                f"扣分 {by_severity.get('deduct', 0)} 项，提示 {by_severity.get('hint', 0)} 项；"
                f"新发现 {run.summary.get('new', 0)} 项，已消除 {run.summary.get('gone', 0)} 项。"
            )
        else:
            self.stdout.write(f"监测任务 #{run.pk} 已提交后台运行（{run.get_status_display()}）。")

    def wait(self, run, show):
        while run.status in (MonitorRun.Status.QUEUED, MonitorRun.Status.RUNNING):
            show(run.step or "排队中", run.progress_done, run.progress_total)
            time.sleep(0.5)
            run.refresh_from_db()
        return run
