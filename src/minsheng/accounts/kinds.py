"""The types of who acts, named once for the annotations of access and the services.

The project keeps Django's own user model (settings do not swap AUTH_USER_MODEL), so a request
carries a `User` once signed in and an `AnonymousUser` before: that pair is an `Actor`, what
django-stubs gives `request.user`. Services that the CLI or the demo call without anyone signed in
take `Actor | None`; the audit log records None for them.

Only names for annotations live here: nothing is imported at run time, so any module, at any
layer, may import this one without pointing upward or closing a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, TypeGuard

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# A signed-in user or the anonymous visitor: whoever `request.user` is.
Actor: TypeAlias = "User | AnonymousUser"


def signed_in(user: Actor | None) -> TypeGuard[User]:
    """A signed-in user (never the anonymous visitor, never None from the CLI): the narrowing
    that lets a caller reach the user's own fields and store it in a foreign key."""
    return user is not None and user.is_authenticated


def who(user: Actor | None) -> User | None:
    """The user to record as the one who acted (an author, a reviewer, the audit log's 操作人):
    None for the anonymous visitor and for the CLI or the demo, which act as nobody."""
    return user if signed_in(user) else None


__all__ = ["Actor", "signed_in", "who"]
