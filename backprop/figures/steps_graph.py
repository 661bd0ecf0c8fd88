"""The backward pass of the book's engine, recorded one node at a time as plain data.

:func:`record_backward` runs :meth:`backprop.graph.Value.backward` itself and writes down
every gradient it sets, so that a figure can replay the engine's own pass step by step
instead of working the chain rule out a second time.
"""

from __future__ import annotations

from contextlib import contextmanager

from backprop.graph import Value, topological_order

__all__ = ["record_backward"]


def record_backward(out, names=None):
    """Run ``out.backward()`` and return its steps, one per node that passes a gradient on.

    Parameters
    ----------
    out : Value
        The node to differentiate (the cost J).
    names : dict of str -> Value, optional
        A name for each node; the nodes without one are called ``v0``, ``v1``, ... in the
        engine's (topological) order.

    Returns
    -------
    list of dict, in the order the engine visits the nodes (from ``out`` down), each with
        ``node``: the name of the node that sends its gradient to its parents;
        ``sent``: {parent name: what this step added to that parent's gradient};
        ``grads``: {name: gradient after this step}, None for a node nothing reached yet;
        ``complete``: the names whose gradient is final after this step (every node it
        feeds has sent its share).
    """
    order = topological_order(out)  # the order Value.backward walks, reversed
    with _grad_writes(order) as writes:
        out.backward()
    return _steps(out, order, writes, _namer(order, names or {}))


def _steps(out, order, writes, name):
    """The steps of :func:`record_backward`, read from the writes of Value.backward.

    Those are: each node's grad set to 0, out's to 1 (the seed), then one write per
    (node, parent) edge, the nodes in reversed order; out feeds no node, so its last write
    is the seed.
    """
    seed = max(i for i, (node, _) in enumerate(writes) if node is out)
    edge_writes = iter(writes[seed + 1 :])
    children = _children(order)
    grads = {name(v): None for v in order} | {name(out): 1.0}
    sent_by, steps = set(), []
    for node in reversed(order):
        if not node.parents:
            continue
        before = dict(grads)
        for parent in node.parents:
            written, grads[name(parent)] = next(edge_writes)
            if written is not parent:
                raise RuntimeError(
                    "Value.backward no longer adds to each parent in turn: "
                    "update record_backward to its new order"
                )
        sent_by.add(id(node))
        steps.append(
            {
                "node": name(node),
                "sent": {
                    name(p): grads[name(p)] - (before[name(p)] or 0.0)
                    for p in node.parents
                },
                "grads": dict(grads),
                "complete": [
                    name(v)
                    for v in order
                    if all(id(c) in sent_by for c in children[id(v)])
                ],
            }
        )
    return steps


def _namer(order, names):
    """The function node -> its name: the one given, else v<its place in the order>."""
    given = {id(v): k for k, v in names.items()}
    place = {id(v): i for i, v in enumerate(order)}
    return lambda v: given.get(id(v), f"v{place[id(v)]}")


def _children(order):
    """{id(node): the nodes it feeds}, for every node of the order."""
    children = {id(v): [] for v in order}
    for v in order:
        for p in v.parents:
            children[id(p)].append(v)
    return children


@contextmanager
def _grad_writes(order):
    """Every write to the ``grad`` of these nodes, as (node, value), while the block runs.

    Each node is lent a subclass of Value whose ``grad`` property notes its writes (the
    engine's arithmetic is untouched), and given its own class back at the end; the values
    stay in the node as Value.backward left them.
    """
    writes = []

    class Noted(Value):
        @property
        def grad(self):
            return self.__dict__["grad"]

        @grad.setter
        def grad(self, value):
            self.__dict__["grad"] = value
            writes.append((self, value))

    classes = [type(v) for v in order]
    for v in order:
        v.__class__ = Noted
    try:
        yield writes
    finally:
        for v, cls in zip(order, classes, strict=True):
            v.__class__ = cls
