"""backprop.glue: myst-nb's glue on the website build, and harmless where myst-nb is absent."""

import sys

import pytest

import backprop


def test_glue_without_myst_nb_does_nothing_quietly(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "myst_nb", None)  # import fails
    assert backprop.glue("n", 3, display=False) is None
    assert capsys.readouterr().out == ""


def test_glue_without_myst_nb_still_displays_when_asked(monkeypatch):
    monkeypatch.setitem(sys.modules, "myst_nb", None)
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    backprop.glue("n", 3)
    assert shown == [3]


def test_glue_hands_the_value_to_myst_nb(monkeypatch):
    pytest.importorskip("myst_nb")
    calls = []
    monkeypatch.setattr(
        "myst_nb.glue",
        lambda name, value, display: calls.append((name, value, display)),
    )
    backprop.glue("ratio", 1.5, display=False)
    assert calls == [("ratio", 1.5, False)]
