class TokenConverter:
    """A private link's token (secrets.token_urlsafe): anything else is not found at the URL level,
    so hostile bytes (NUL, which PostgreSQL refuses in text) never reach a query."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
