class DocumentError(Exception):
    """A document that cannot be read; the message says what and where, in Chinese."""

    def __init__(self, message: str, where: str = "") -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}：{message}" if where else message)
