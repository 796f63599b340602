"""Issue 15 item 4 in real Chromium: the cumulative budget and forbrug lines of a
tilbud differ in colour, dash pattern and point style, and the canvas has its
text alternative."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LINJER = """() => {
  const graf = Chart.getChart(document.getElementById("graf-maaneder"));
  return graf.data.datasets.map(s => ({
    farve: s.borderColor, streg: s.borderDash || [], punkt: s.pointStyle}));
}"""


def test_the_cumulative_lines_are_told_apart_without_colour(
    page, live_server, login, screenshots, oekonomichef, tilbud_a, forbrug_2026
):
    login(oekonomichef)
    page.goto(f"{live_server.url}/budget/tilbud/{tilbud_a.pk}/?aar=2026")
    page.wait_for_selector("#graf-maaneder[data-tegnet]")
    budget, forbrug = page.evaluate(LINJER)
    assert budget["farve"] != forbrug["farve"]
    assert budget["streg"] == [] and forbrug["streg"] != []  # full vs dashed
    assert budget["punkt"] != forbrug["punkt"]
    canvas = page.locator("#graf-maaneder")
    assert canvas.get_attribute("role") == "img"
    assert canvas.get_attribute("aria-describedby") == "graf-maaneder-tal"
    page.click("text=Tallene bag grafen")
    assert page.is_visible("#graf-maaneder-tal")
    page.locator("#graf-maaneder").screenshot(path=screenshots / "graf_linjer.png")
