"""backprop.regularize: the L1 step against TensorFlow Playground's ``updateWeights``."""

from __future__ import annotations

import numpy as np
import pytest

from backprop import regularize


def _tfp_update(W, g, lr, rate, dead):
    """TensorFlow Playground's src/nn.ts, updateWeights, one weight at a time (L1).

    The data's step, then the penalty's with the sign of the weight before both; a weight
    that the penalty's step carries across zero is set to 0 and dead; dead weights are skipped.
    """
    W, dead = W.copy(), dead.copy()
    for idx in np.ndindex(W.shape):
        if dead[idx]:
            continue
        regul_der = np.sign(W[idx])
        w = W[idx] - lr * g[idx]
        new = w - lr * rate * regul_der
        if w * new < 0:
            W[idx], dead[idx] = 0.0, True
        else:
            W[idx] = new
    return W, dead


def test_l1_step_is_tensorflow_playgrounds():
    rng = np.random.default_rng(0)
    lr, rate = 0.5, 0.01  # the penalty's step is 0.005
    W = rng.uniform(-0.02, 0.02, (40, 50))
    W[0, :5] = 0.0  # sign(0) = 0: no penalty step
    dead = rng.random(W.shape) < 0.1
    W[dead] = 0.0
    g = rng.normal(0, 0.01, W.shape)  # the data's gradient
    ref_W, ref_dead = _tfp_update(W, g, lr, rate, dead)
    mine = dead.copy()
    out = regularize.descend(
        W, g + regularize.penalty_gradient(W, "L1", rate), lr, "L1", rate, mine
    )
    assert out is W  # in place
    assert np.array_equal(mine, ref_dead)
    assert 100 < (mine & ~dead).sum() < 1000  # many new dead weights
    assert np.allclose(W, ref_W, rtol=0, atol=1e-15)
    assert np.all(W[mine] == 0.0)  # exactly zero, not nearly


def test_a_weight_the_data_step_carries_across_zero_is_not_dead():
    # w = 0.1, data step -0.3 (to -0.2), penalty step -0.05 (to -0.25): the data crossed
    W, g = np.array([[0.1]]), np.array([[0.6]])
    dead = np.zeros((1, 1), bool)
    regularize.descend(W, g + 0.1, 0.5, "L1", 0.1, dead)
    assert W[0, 0] == pytest.approx(0.1 - 0.3 - 0.05) and not dead[0, 0]
    # w = 0.1, data step to 0.03, penalty step -0.05 (to -0.02): the penalty crossed
    W = np.array([[0.1]])
    regularize.descend(W, np.array([[0.14 + 0.1]]), 0.5, "L1", 0.1, dead)
    assert W[0, 0] == 0.0 and dead[0, 0]
    # and a dead weight stays at 0, whatever its gradient
    regularize.descend(W, np.array([[-5.0]]), 0.5, "L1", 0.1, dead)
    assert W[0, 0] == 0.0


@pytest.mark.parametrize("kind, rate", [(None, 0.0), ("L2", 0.1), ("L1", 0.0)])
def test_without_l1_every_weight_takes_its_step(kind, rate):
    rng = np.random.default_rng(1)
    W = rng.normal(size=(3, 4))
    dJ_dW = rng.normal(size=(3, 4))
    dead = np.ones((3, 4), bool)  # not used without L1
    expected = W - 0.1 * dJ_dW
    regularize.descend(W, dJ_dW, 0.1, kind, rate, dead)
    assert np.array_equal(W, expected) and dead.all()


def test_l1_crossed_is_the_penalty_carrying_a_weight_across_zero():
    lr, rate = 1.0, 0.1
    W = np.array([0.5, 0.5, 0.5, -0.5, 0.0, 0.5])
    # the whole step's end; the data's part ended at W_new + 0.1 sign(W)
    W_new = np.array([-0.05, -0.1, -0.2, 0.05, -0.05, 0.0])
    assert regularize.l1_crossed(W, W_new, lr, rate).tolist() == [
        True,  # data to 0.05, penalty to -0.05
        False,  # data to exactly 0: not across
        False,  # data to -0.1 already: the data crossed
        True,
        False,  # sign(0) = 0: no penalty step
        False,  # ends at 0: not across
    ]


def test_bad_kind_is_an_error():
    with pytest.raises(ValueError, match="regularization"):
        regularize.descend(np.zeros((1, 1)), np.zeros((1, 1)), 0.1, "L0", 0.1)
