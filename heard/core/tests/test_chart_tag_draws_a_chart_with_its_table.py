"""`{% chart spec %}` on a page: a figure with the SVG, its caption and its figures in a details element."""

from __future__ import annotations

from django.template import Context, Template

from heard.lib.documents.model import ChartSpec, Series, Table


def test_the_chart_tag_draws_a_figure_with_the_svg_caption_and_table() -> None:
    spec = ChartSpec(
        kind="bar",
        title="Residents by community",
        categories=["Somali", "Polish"],
        series=[Series("Residents", [42, None])],
        alt="Most were Somali.",
    )
    html = Template("{% load documents %}{% chart spec %}").render(Context({"spec": spec}))
    assert html.startswith('<figure class="doc-chart"><svg')
    assert "<figcaption>Residents by community</figcaption>" in html
    assert "<details><summary>Show the figures as a table</summary>" in html
    assert '<th scope="row">Polish</th><td class="num">not shown</td>' in html


def test_the_chart_tag_uses_the_table_it_is_given() -> None:
    spec = ChartSpec(kind="bar", title="T", categories=["A"], series=[Series("S", [1])], alt="A is 1.")
    table = Table(caption="Our own table", header=["Group", "People"], rows=[["A", "1"]])
    html = Template("{% load documents %}{% chart spec table %}").render(Context({"spec": spec, "table": table}))
    assert "<caption>Our own table</caption>" in html
