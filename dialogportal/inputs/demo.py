from collections.abc import Callable


def load(*, log: Callable[[str], None]) -> None:
    """Demo data of this app (none yet)."""
