"""Static checks of the templates that axe would find only on the pages the walk
(tests/browser/test_sider.py) happens to fill with a wide enough table."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SCROLL = re.compile(r"<div\b[^>]*class=\"[^\"]*table--responsive-scroll[^\"]*\"[^>]*>")


def test_every_scrolling_table_can_be_reached_by_keyboard_and_is_named():
    """WCAG 2.1.1 / axe scrollable-region-focusable: a region that scrolls must
    take focus, so a keyboard user can scroll it, and say what it holds."""
    mangler = []
    for skabelon in TEMPLATES.rglob("*.html"):
        for tag in SCROLL.findall(skabelon.read_text()):
            navngivet = "aria-label=" in tag or "aria-labelledby=" in tag
            if 'tabindex="0"' not in tag or 'role="region"' not in tag or not navngivet:
                mangler.append(f"{skabelon.relative_to(TEMPLATES)}: {tag}")
    assert not mangler, mangler
