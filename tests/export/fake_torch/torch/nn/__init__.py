"""Placeholder for torch.nn: any attribute is a class that does nothing."""

from . import functional  # noqa: F401


class _Placeholder:
    def __init__(self, *args, **kwargs):
        pass


def __getattr__(name):
    return _Placeholder
