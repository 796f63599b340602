"""The vendored front-end files are complete: every file a stylesheet asks for is
in static/, so no page load ends in a 404 (issue 15: the DKFDS fonts)."""

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "static"
URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


def _stylesheets() -> list[Path]:
    return sorted(STATIC.rglob("*.css"))


def _referencer(css: Path) -> set[str]:
    return {m.group(2).strip() for m in URL.finditer(css.read_text(encoding="utf-8"))}


def test_the_stylesheets_are_found():
    navne = {css.relative_to(STATIC).as_posix() for css in _stylesheets()}
    assert "vendor/dkfds/css/dkfds.min.css" in navne
    assert "css/takstvaerk.css" in navne


def test_every_url_in_a_stylesheet_is_a_file_in_static():
    mangler = []
    for css in _stylesheets():
        for ref in _referencer(css):
            if ref.startswith(("data:", "#")):
                continue  # inline data and SVG fragment references need no file
            assert "//" not in ref, f"{css.name} loads {ref} from another host"
            fil = (css.parent / ref.split("?")[0].split("#")[0]).resolve()
            if not fil.is_file() or STATIC not in fil.parents:
                mangler.append(f"{css.relative_to(STATIC)}: {ref}")
    assert not mangler, mangler


def test_the_regular_font_is_vendored_in_every_format_the_css_names():
    # The Regular @font-face lists .eot, .woff, .woff2 and .ttf; Chromium tries
    # them in order, so a missing .eot or .woff is a 404 on every page.
    fonte = STATIC / "vendor/dkfds/fonts/IBMPlexSans/complete"
    for fmt in ("eot", "woff", "woff2", "ttf"):
        assert (fonte / fmt / f"IBMPlexSans-Regular.{fmt}").stat().st_size > 0
