"""Bytes to text: UTF-8 first, then a detected encoding (with a note), else a clear refusal."""
from __future__ import annotations

import charset_normalizer

# Control characters that never occur in prose; a text file with many of them is binary.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}
_SAMPLE = 8192


def looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > len(sample) * 0.05


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, notes) for a text file's bytes; raises ValueError with the reason when it is not text."""
    if looks_binary(data):
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    match = charset_normalizer.from_bytes(data).best()
    # High chaos means the bytes only "decode" as noise in every candidate encoding.
    if match is None or match.chaos > 0.3:
        raise ValueError(f"not valid UTF-8 (bad byte at offset {first_bad}) and no other encoding fits")
    note = f"not valid UTF-8 (bad byte at offset {first_bad}); decoded as {match.encoding}"
    return str(match), match.encoding, [note]
