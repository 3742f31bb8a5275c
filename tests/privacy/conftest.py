# The privacy app works on what moderation's tests build; share their fixtures and hooks.
from tests.moderation.conftest import (  # noqa: F401
    _fast_passwords,
    _media_root,
    _roles,
    administrator,
    manager,
    manager_client,
    moderator,
    moderator_client,
    pytest_runtest_teardown,
)
