"""Placeholder for torch.nn.functional."""


def __getattr__(name):
    raise AttributeError(f"the test stand-in for torch has no nn.functional.{name}")
