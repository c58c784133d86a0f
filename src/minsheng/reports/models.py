"""reports' models: the letterhead, declared in the 公文 kit (gongwen/letterhead.py)."""

from ..gongwen.letterhead import DEFAULT_ISSUER, Letterhead

__all__ = ["DEFAULT_ISSUER", "Letterhead"]
