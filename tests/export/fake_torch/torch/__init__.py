"""A stand-in for the few torch functions that the exported scripts' samplers call, on numpy.

Only for tests/export, where torch is not installed: it lets an exported script be imported and
its sample_real and sample_noise run, so that their laws can be compared with the engine's.
Everything else (networks, autograd, optimisers) is a placeholder that does nothing.
"""

import numpy as np

from . import nn, optim  # noqa: F401  (the scripts read torch.nn and torch.optim)

_rng = np.random.default_rng(0)


class Tensor(np.ndarray):
    """A numpy array with the tensor methods the samplers use."""

    def norm(self):
        return np.sqrt((self**2).sum()).view(Tensor)

    def square(self):
        return self**2

    def double(self):
        return self.astype(np.float64)


def _tensor(array):
    return np.asarray(array).view(Tensor)


def manual_seed(seed):
    global _rng
    _rng = np.random.default_rng(seed)


def tensor(data):
    return _tensor(data)


def randn(*shape):
    return _tensor(_rng.standard_normal(shape))


def rand(*shape):
    return _tensor(_rng.random(shape))


def randint(high, size):
    return _tensor(_rng.integers(0, high, size))


def multinomial(weights, count, replacement=False):
    assert replacement, "the samplers draw with replacement"
    p = np.asarray(weights, dtype=np.float64)
    return _tensor(_rng.choice(len(p), size=count, p=p / p.sum()))


def stack(tensors, dim=0):
    return _tensor(np.stack(tensors, axis=dim))


def where(condition, a, b):
    return _tensor(np.where(condition, a, b))


def cos(x):
    return _tensor(np.cos(x))


def sin(x):
    return _tensor(np.sin(x))


def sqrt(x):
    return _tensor(np.sqrt(x))


def exp(x):
    return _tensor(np.exp(x))


def log(x):
    return _tensor(np.log(x))


class no_grad:
    """Both a decorator and a context manager, as in torch; does nothing here."""

    def __call__(self, function):
        return function

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        return False
