"""The live playground's parts, each with one job; :mod:`backprop.playground_widget` puts
them together as ``PlaygroundWidget``.

- :mod:`.controls`: the controls, built from a table of the playground's settings, and
  their arrangement on screen;
- :mod:`.player`: play, paced by a clock that a test can replace, and by the browser's
  answers;
- :mod:`.view`: the three figures, kept showing a playground's state with as few messages
  as possible;
- :mod:`.channel` and ``frame_view.mjs``: the browser's side of the pacing, and the
  kernel's channel to it;
- :mod:`.main_thread`: the controls' callbacks, moved to the thread that trains.

None of them imports another but through this package's public names, and none is imported
by :mod:`backprop.playground`: the model knows nothing of its widget.
"""
