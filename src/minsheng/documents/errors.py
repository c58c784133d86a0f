class DocumentError(Exception):
    """A document that cannot be read; the message says what and where, in Chinese."""

    def __init__(self, message: str, where: str = "") -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}：{message}" if where else message)


class PlaceError(DocumentError):
    """A document read well enough to name its place, refused for that place (not the office's
    own level): shown on the upload page alone, as no column the clerk names would change it."""
