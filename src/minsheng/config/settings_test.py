"""Settings for the test suite: the real settings with a throwaway key and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "insecure-key-for-tests-only")
os.environ.setdefault("MINSHENG_TASKS", "immediate")  # jobs run in the request; one test runs the real worker

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No persistent connections: the live-server thread must let the test database go.
# A load test's gunicorn (a process of its own) keeps them, as production does.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("MINSHENG_CONN_MAX_AGE", 0))  # noqa: F405
