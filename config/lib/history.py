"""Who made a change, for django-simple-history rows written outside a request."""

from typing import Any


def with_history_user(instance: Any, user: Any) -> Any:
    """Mark `instance` so its next history row names `user` (simple-history's hook)."""
    instance._history_user = user
    return instance
