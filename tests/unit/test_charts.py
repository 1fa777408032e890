"""The dashboard charts' geometry: round axes, and bars that keep to their plot."""

from __future__ import annotations

from web.charts import bar_chart, nice_top, ranking_chart


def test_an_axis_ends_on_the_first_round_number_above_the_largest_value():
    assert nice_top(87_000) == (100_000, 25_000)
    assert nice_top(17) == (20, 5)
    assert nice_top(0) == (4, 1)  # an empty region still gets a readable axis


def test_bars_stand_on_the_axis_and_the_tallest_stays_inside_the_plot():
    chart = bar_chart(["2026-01", "2026-02"], {"a": [0, 87], "b": [40, 3]})
    for bar in chart.marks:
        assert bar["y"] + bar["height"] == chart.bottom
        assert chart.top <= bar["y"] and bar["x"] + bar["width"] <= chart.width
    assert [label for _, label in chart.ticks] == ["0", "25", "50", "75", "100"]


def test_a_ranking_bar_grows_with_the_months_with_a_change():
    rows = [{"value": v, "code": str(v)} for v in (12, 6, 0)]
    widths = [mark["width"] for mark in ranking_chart(rows, 12).marks]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
