"""reports' models: the letterhead, declared in the 公文 kit (gongwen/letterhead.py)."""

from ..gongwen.letterhead import DEFAULT_ISSUER, DEFAULT_PREFIX, Letterhead

__all__ = ["DEFAULT_ISSUER", "DEFAULT_PREFIX", "Letterhead"]
