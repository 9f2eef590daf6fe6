"""Placeholder until the Word template lands (issue 4)."""


def build_documents() -> dict[str, bytes]:
    return {}
