"""The error of the progress workflows (services, evidence checks); its message tells the user why."""


class ProgressError(Exception):
    """A request that cannot be carried out; the message tells the user why."""
