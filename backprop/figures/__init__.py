"""Figures of the book, one module per chapter.

Every function returns a ``plotly.graph_objects.Figure`` and has no side effects, so it can be
tested without a kernel and wired to a widget in one line. Figures whose controls (sliders,
buttons, animation frames) work in the browser carry all their states with them.
"""
