"""brief: briefing notes for diplomats, from structured YAML to PDF and DOCX."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("briefing")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
