"""Companion package of the book *Backpropagation, derived and run in NumPy*.

What the book teaches is written in the chapters and saved here from them (modules whose header
says "generated from book/..."); the rest is what is not the lesson: figures, widgets, data.
Importing the package changes nothing (but for the one slow import it skips, below); call
:func:`setup` at the top of a notebook.

A map of the package, in the order its imports point (a module imports only from its own
layer or those above it in this list; ``tests/test_imports.py`` holds it to these layers and to
no cycle):

- ``_checks``: the one set of input checks, with their messages (``values``: numbers, names,
  arrays; ``networks``: layers, data, losses, training settings; ``lessons``: the smaller
  functions of single chapters).
- The lesson, saved from the chapters: ``neuron``, ``nn`` (the network, backpropagation,
  ``train_epoch`` and ``diverged``, ``fit``), ``graph``, ``descent``, ``data``, ``literal``,
  ``universal``, ``regularize``. NumPy and ``_checks`` only: nothing of figures or widgets.
- Models and checkers: the Playground (``playground_settings``: the settings table and its
  checks; ``playground_data``: the data sets; ``playground_training``: the network, one epoch
  by ``train_epoch``, L1's dead weights; ``playground``: the model and its state), and the
  solutions' checkers (``exercises``, one module a chapter, with ``exercises.verdict``;
  ``graph_exercises``, ``playground_exercises``).
- Figures, pure functions from data to a plotly Figure, that know nothing of widgets:
  ``figures.style`` (every colour and marker), ``plotting`` (the plotly template), one module
  a chapter (``neurons``, ``networks``, ``gradients``, ``graphs``, ``matrix``, ``digits``,
  ``playground``), their trace builders (``*_traces``, ``playground_diagram``, ``diagram``,
  ``_plane``, ``_pictures``, ``_controls``: the player), the animations of a pass
  (``backprop_flow``, ``xor_training``), and the recorders that run the book's own engines
  and return each step as plain data (``steps`` for ``nn``, ``steps_graph`` for ``graph``).
- Live, the only modules that need a kernel: ``_plotly_internals`` (every use of plotly's
  private API, checked by a test against the installed plotly), ``live_figure`` (a figure
  that follows its controls), ``ahead`` (the figures of a slow Explorer, kept and drawn
  ahead while the reader is idle), ``live_widget`` (what a widget shows where it cannot run: the website's note,
  the print edition's figures), ``widgets`` (``Explorer``, ``PerceptronStepper``),
  ``live_playground`` (the Playground's controls from a table, view, player with an
  injectable clock, main thread, and its channel to ``frame_view.mjs`` in the browser) and
  ``playground_widget`` (``PlaygroundWidget(pg)``, which puts them together).
- Build time only, imported by none of the above: ``sphinxext`` (the website's Sphinx
  extension, with ``iconfonts``), ``_print`` (the print edition, printed by Chromium) and
  ``_dev`` (maintenance commands). The site's script is
  in ``static/js`` (ES modules, bundled by ``make html``; unit tests in ``tests/js``).
"""

import sys

__version__ = "0.1.0"


def _import_jsonschema_without_iri_grammar():
    """Import jsonschema before plotly does, without its optional IRI grammar.

    plotly imports nbformat, which imports jsonschema; where the optional package
    rfc3987-syntax is installed (JupyterLab's dependencies bring it), jsonschema imports it, and
    it compiles its grammar: 1 to 4 seconds of every notebook's first cell, measured. Nothing a
    notebook of the book runs validates an IRI; jsonschema then skips its "iri" formats, as it
    does wherever that package is absent. The package stays importable afterwards.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = (
        None  # import rfc3987_syntax raises ImportError
    )
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        pass
    finally:
        del sys.modules["rfc3987_syntax"]


_import_jsonschema_without_iri_grammar()


def setup():
    """Prepare a notebook: the book's plotly look, and figures that render on and off line."""
    from backprop import plotting

    plotting.setup()


def glue(name, value, display=True):
    """Keep ``value`` under ``name`` for the website's text, as myst-nb's ``glue`` does.

    A sentence of a chapter that states a computed number reads it from here, so the text and
    the code cannot disagree. Where myst-nb is not installed (Binder, Colab, a reader's own
    Jupyter) no text is rebuilt, and with ``display=False`` nothing happens.
    """
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        if display:
            from IPython.display import display as show

            show(value)
        return
    myst_glue(name, value, display=display)


def show_source(obj):
    """The source code of a function or class of the package, highlighted in a notebook.

    The book uses it to show the code the library runs, instead of a copy that could drift.
    """
    import inspect

    from IPython.display import Markdown

    # a Markdown code block: highlighted like every other code cell of the book
    return Markdown(f"```python\n{inspect.getsource(obj).rstrip()}\n```")
