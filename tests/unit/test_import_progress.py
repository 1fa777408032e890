"""The import's progress bar: the rate column an operator watches."""

from rich.progress import Progress

from dtks.import_cli import Rate


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def rate_of(progress, task) -> str:
    return Rate().render(progress.tasks[task]).plain.strip()


def test_a_finished_phase_shows_the_rows_a_second_it_averaged():
    clock = Clock()
    progress = Progress(get_time=clock)
    task = progress.add_task("reading", total=None, unit="rows")
    for _ in range(4):
        clock.now += 0.5
        progress.advance(task, 250)
    # the reading phase learns its total only at the end, as `dtks import` does
    progress.update(task, total=1000)
    assert rate_of(progress, task) == "500 rows/s"


def test_a_phase_with_nothing_to_measure_yet_shows_no_rate_rather_than_zero():
    progress = Progress(get_time=Clock())
    task = progress.add_task("updating read models", total=5000, unit="events")
    assert rate_of(progress, task) == ""
