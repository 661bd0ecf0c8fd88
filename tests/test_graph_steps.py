"""The recorded backward pass of the engine (backprop.figures.steps_graph.record_backward):
plain data, the engine's own order and gradients, checked against Value.backward and
finite differences; no plotly needed."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from conftest import contrast

from backprop.figures import graphs as figs
from backprop.figures.steps_graph import record_backward
from backprop.graph import Value, topological_order


def _J(x, w):
    return (x + math.tanh(w * x)) ** 2


def _tangled():
    """A graph with a constant, a node used twice by one operation (a * a) and a skip."""
    a, b = Value(0.7), Value(-1.3)
    c = a * a  # a, twice as a parent of one node
    d = (c + b).sigmoid() * 3.0  # 3.0 becomes a node with no name
    out = d * a + (b / (c + 2.0)).exp()
    return out, {"a": a, "b": b, "c": c, "d": d, "out": out}


def test_one_step_per_node_that_has_parents_in_the_engines_order():
    J, nodes = figs.fan_out_graph()
    steps = record_backward(J, nodes)
    assert [s["node"] for s in steps] == ["J", "s", "y", "z"]
    order = [v for v in reversed(topological_order(J)) if v.parents]
    assert [nodes[s["node"]] for s in steps] == order
    # each step sends to exactly the node's parents
    for s in steps:
        parents = nodes[s["node"]].parents
        assert set(s["sent"]) == {k for k, v in nodes.items() if v in parents}


def test_the_last_step_holds_the_gradients_value_backward_gives():
    J, nodes = figs.fan_out_graph(0.3, -0.8)
    last = record_backward(J, nodes)[-1]["grads"]
    fresh, fresh_nodes = figs.fan_out_graph(0.3, -0.8)
    fresh.backward()
    assert last == {k: v.grad for k, v in fresh_nodes.items()}
    # and against finite differences of the same cost
    eps = 1e-6
    dJ_dx = (_J(0.3 + eps, -0.8) - _J(0.3 - eps, -0.8)) / (2 * eps)
    dJ_dw = (_J(0.3, -0.8 + eps) - _J(0.3, -0.8 - eps)) / (2 * eps)
    assert last["x"] == pytest.approx(dJ_dx, rel=1e-7)
    assert last["w"] == pytest.approx(dJ_dw, rel=1e-7)


def test_x_fans_out_so_it_receives_two_contributions_that_add():
    J, nodes = figs.fan_out_graph()
    steps = record_backward(J, nodes)
    to_x = [s["sent"]["x"] for s in steps if "x" in s["sent"]]
    assert [s["node"] for s in steps if "x" in s["sent"]] == ["s", "z"]
    assert sum(to_x) == pytest.approx(steps[-1]["grads"]["x"], rel=1e-15)
    # before any contribution reaches it, a node's gradient is None
    assert steps[0]["grads"]["x"] is None and steps[0]["grads"]["J"] == 1.0
    assert steps[1]["grads"]["x"] == pytest.approx(to_x[0], rel=1e-15)


def test_each_amount_is_local_derivative_times_the_senders_gradient():
    out, nodes = _tangled()
    steps = record_backward(out, nodes)
    names = {id(v): k for k, v in nodes.items()}
    for s in steps:
        node = next(
            v
            for v in topological_order(out)
            if _name(v, names, out) == s["node"]
        )
        upstream = s["grads"][s["node"]]
        expected = {}
        for parent, local in zip(node.parents, node.local, strict=True):
            key = _name(parent, names, out)
            expected[key] = expected.get(key, 0.0) + local * upstream
        assert s["sent"] == pytest.approx(expected, rel=1e-12)


def _name(v, names, out):
    return names.get(id(v), f"v{topological_order(out).index(v)}")


def test_a_node_used_twice_by_one_operation_and_unnamed_nodes():
    out, nodes = _tangled()
    steps = record_backward(out, nodes)
    fresh, fresh_nodes = _tangled()
    fresh.backward()
    last = steps[-1]["grads"]
    for k, v in fresh_nodes.items():
        assert last[k] == v.grad
    # a * a: one step sends a both shares, as one amount
    from_c = next(s for s in steps if s["node"] == "c")
    assert from_c["sent"] == {"a": pytest.approx(2 * 0.7 * last["c"])}
    # the constants have names by their place in the engine's order
    unnamed = [k for k in last if k not in nodes]
    assert unnamed and all(k.startswith("v") for k in unnamed)
    assert len(last) == len(topological_order(out))


def test_a_gradient_is_complete_once_every_node_it_feeds_has_sent():
    for build in (figs.fan_out_graph, _tangled):
        out, nodes = build()
        steps = record_backward(out, nodes)
        final = steps[-1]["grads"]
        seen = set()
        for s in steps:
            assert set(seen) <= set(s["complete"])  # never taken back
            for k in s["complete"]:
                assert s["grads"][k] == final[k]
            seen = set(s["complete"])
        assert set(steps[-1]["complete"]) == set(final)
    J, nodes = figs.fan_out_graph()
    completes = [record["complete"] for record in record_backward(J, nodes)]
    assert [sorted(c) for c in completes] == [
        ["J", "s"],
        ["J", "s", "y"],
        ["J", "s", "y", "z"],
        ["J", "s", "w", "x", "y", "z"],
    ]


def test_the_nodes_are_left_as_value_backward_leaves_them():
    J, nodes = figs.fan_out_graph()
    record_backward(J, nodes)
    fresh, fresh_nodes = figs.fan_out_graph()
    fresh.backward()
    for k, v in nodes.items():
        assert type(v) is Value
        assert v.grad == fresh_nodes[k].grad
    v = nodes["x"] * 2.0  # still an ordinary Value
    v.backward()
    assert nodes["x"].grad == 2.0


def test_the_steps_are_plain_data():
    J, nodes = figs.fan_out_graph()
    steps = record_backward(J, nodes)
    assert json.loads(json.dumps(steps)) == steps


def test_recording_needs_no_plotly():
    probe = (
        "import sys; sys.modules['plotly'] = None\n"
        "from backprop.graph import Value\n"
        "from backprop.figures.steps_graph import record_backward\n"
        "x = Value(2.0); y = x * x + x\n"
        "print(record_backward(y, {'x': x, 'y': y})[-1]['grads']['x'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert float(done.stdout) == 5.0


def test_the_figure_draws_the_recorded_steps():
    fig = figs.backward_steps(x=0.5, w=1.2)
    J, nodes = figs.fan_out_graph(0.5, 1.2)
    steps = record_backward(J, nodes)
    # forward, seed, one frame per recorded step, done
    assert len(fig.frames) == len(steps) + 3
    labels = [s.label for s in fig.layout.sliders[0].steps]
    assert labels[2:-1] == [f"from {s['node']}" for s in steps]
    for frame, step in zip(fig.frames[2:-1], steps, strict=True):
        amounts = sorted(t for t in frame.data[1].text if t.strip())
        assert amounts == sorted(f"{a:+.2f}" for a in step["sent"].values())
        hover = frame.data[2].hovertext
        for k, text in zip(nodes, hover, strict=True):
            g = step["grads"][k]
            assert text.endswith("not yet" if g is None else f"{g:.4f}")


def test_node_names_are_dark_on_their_light_fills_in_every_frame():
    # the fills stay light in the dark mode too (an array of colours, which the site does
    # not turn): a name in the theme's text colour would be light grey on white there
    fig = figs.backward_steps(x=0.5, w=1.2)
    nodes = [tr for tr in fig.data if tr.mode == "markers+text"]
    assert len(nodes) == 1 and nodes[0].textfont.color, (
        "names in the theme's colour"
    )
    text = nodes[0].textfont.color
    fills = set(nodes[0].marker.color)
    for frame in fig.frames:
        for tr in frame.data:
            if tr.marker is not None and isinstance(tr.marker.color, tuple):
                fills |= set(tr.marker.color)
    assert len(fills) == 3  # waiting, receiving, complete
    for fill in fills:
        assert contrast(fill, text) >= 4.5, fill
