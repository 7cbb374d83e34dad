"""The REST API; its defaults live here so that the CLI can show them without importing the server."""

#: Default largest request body, in bytes: room for the API's 5 M characters of text.
DEFAULT_MAX_BODY = 8 * 1024 * 1024
#: Default worker processes coding posted articles.
DEFAULT_WORKERS = 1
#: Default posted articles that may wait for a worker (beyond those being coded).
DEFAULT_QUEUE = 8
