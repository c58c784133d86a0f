"""Page furniture lives in text/furniture.py (the progress reader drops it too); here for the shapes."""

from ...text.furniture import is_chrome, is_furniture, without_furniture

__all__ = ["is_chrome", "is_furniture", "without_furniture"]
