"""A progress bar on stderr for the first load of a large data file (reading it, then
building its indexed store), drawn only on a terminal and only once there is work to show:
Rich is imported on the first report, so a command that finds its store ready never loads it.
"""

from __future__ import annotations

from typing import Any, TextIO

STAGES = {"reading": "Reading the data file", "indexing": "Building the indexed store"}


class Reporter:
    """Called (stage, done, total) by the loader; shows one bar a stage."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            console = Console(file=self.err, markup=False, emoji=False, highlight=False)
            self.progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                     TimeElapsedColumn(), console=console, transient=True)
            self.progress.start()
        for other, task in self.tasks.items():  # the stage before is over
            if other != stage:
                self.progress.update(task, completed=self.progress.tasks[task].total)
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(STAGES.get(stage, stage), total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
