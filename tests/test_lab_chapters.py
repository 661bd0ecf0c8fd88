"""Every chapter, run top to bottom in a real JupyterLab, as a reader of Binder meets it.

`test_lab.py` goes through one chapter in depth (clicking a solution open, saving and
reopening). This opens each of the others in the same JupyterLab and asserts what any chapter
must give its reader after Run All: no error output, no raw MyST markup, every solution and
every check of a solution folded, the first slider of the chapter moving its figure (in place),
no console error, and no request leaving the machine.
"""

from __future__ import annotations

import shutil

import pytest
import test_lab as lab_tools
from conftest import ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from backprop import _dev

CHAPTERS = [
    p.name for p in _dev.notebooks() if p.name != lab_tools.LAB_CHAPTER
]

# how many check cells are folded and how many closed dropdowns a chapter shows
_FOLDS = """() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    return {
        dropdowns: [...panel.querySelectorAll('.jp-MarkdownCell details:not(.backprop-check)')]
            .map(d => d.open),
        checks: [...panel.querySelectorAll('.jp-OutputArea details.backprop-check')]
            .map(d => d.open),
    };
}"""


@pytest.fixture
def lab(lab_page):
    for name in CHAPTERS:
        shutil.copy(ROOT / "book" / name, lab_page.lab.root / name)
    return lab_page


@pytest.mark.browser
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_runs_in_jupyterlab(lab, chapter):
    page = lab.open(chapter)
    try:
        folded = page.evaluate(lab_tools._CHECK_CELLS)
        assert all(i and o and not shown for i, o, shown in folded), folded
        lab_tools.run_all(page, timeout=600)
        notebook = page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
        )
        errors_shown = notebook.locator(
            ".jp-OutputArea-output[data-mime-type*=error]"
        )
        assert errors_shown.count() == 0, errors_shown.first.inner_text()[:500]

        texts, raw = lab_tools.raw_myst(notebook)
        assert len(texts) > 5
        assert not raw, f"raw MyST markup shown: {raw}"

        # no solution and no check of one shows before a click, after Run All too. Run All
        # renders each markdown cell again, asynchronously (jupyterlab-myst): wait for the
        # chapter's dropdowns to be back before counting them
        try:
            page.wait_for_function(
                f"() => ({_FOLDS})().dropdowns.length >= {len(folded)}",
                timeout=15_000,
                polling=250,
            )
        except PlaywrightTimeout:
            pass  # the count below says what is missing
        folds = page.evaluate(_FOLDS)
        assert not any(folds["dropdowns"]) and not any(folds["checks"]), folds
        assert len(folds["checks"]) == len(folded)
        assert len(folds["dropdowns"]) >= len(folded)
        assert all(i for i, _, _ in page.evaluate(lab_tools._CHECK_CELLS))

        body = (
            notebook.inner_text()
        )  # what shows: the site's note is in the page, hidden
        assert "rocket button" not in body
        assert "Error displaying widget" not in body

        # the chapter's first slider moves its figure, which stays one plot (updated in
        # place, or drawn anew where the browser dropped its updates: a busy machine)
        sliders = lab_tools.slider_widgets(page)
        if sliders:
            plots = page.locator(".js-plotly-plot").count()
            box = lab_tools.mark_widget(page, sliders[0])
            assert lab_tools.follows(page, box), "the figure did not change"
            assert page.locator(".js-plotly-plot").count() == plots
    finally:
        external, errors = lab.close_notebook()
    assert not external, f"requests left the machine: {external[:5]}"
    errors = [
        e
        for e in errors
        if not any(k in e for k in lab_tools.KNOWN_LAB_ERRORS)
    ]
    assert not errors, f"console errors: {errors[:5]}"
