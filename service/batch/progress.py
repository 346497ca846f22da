"""The progress bar of ``tanon batch`` on stderr: files done, failures, files/s and ETA."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text


class FilesPerSecondColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("- files/s" if speed is None else f"{speed:.2f} files/s")


class BatchProgress:
    """``with BatchProgress(total) as bar: bar.advance(ok)``; silent when ``enabled`` is false."""

    def __init__(self, total: int, *, enabled: bool = True, done_before: int = 0) -> None:
        self.total, self.enabled = total, enabled
        self.label = f"redacting ({done_before} done earlier)" if done_before else "redacting"
        self._progress: Progress | None = None
        self._task = None
        self.failed = 0

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} failed"), FilesPerSecondColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=self.total, failed=0)
        return self

    def advance(self, ok: bool) -> None:
        self.failed += 0 if ok else 1
        if self._progress is not None:
            self._progress.update(self._task, advance=1, failed=self.failed)

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()
