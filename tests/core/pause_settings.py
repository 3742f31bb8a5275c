"""Settings of the worker processes the crash tests start: the real ones plus `pause_app`."""

from dialogportal.settings import *  # noqa: F403
from dialogportal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.core.pause_app.apps.PauseAppConfig"]
