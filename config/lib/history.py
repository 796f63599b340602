"""Who made a change, for django-simple-history rows written outside a request."""

from typing import Any


def with_history_user(instance: Any, user: Any) -> Any:
    """Mark `instance` so its next history row names `user` (simple-history's hook)."""
    instance._history_user = user
    return instance


def save_with_history(instance: Any, user: Any) -> Any:
    """Validate `instance` (constraints become a ValidationError, STYLE.md 8.1),
    save it, and name `user` in its history row. The services' one save."""
    instance.full_clean()
    with_history_user(instance, user).save()
    return instance
