"""brief: briefing notes for diplomats, from structured YAML to PDF and DOCX."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is looked up on first use: `brief --help` should not pay for metadata.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("briefing")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0"
    raise AttributeError(name)
