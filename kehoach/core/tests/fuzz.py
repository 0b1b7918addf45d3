"""Hypothesis strategies of hostile files, for the fuzz tests of every reader (issue 14).

``hostile(valid)`` draws one of: random bytes; ``valid`` cut off anywhere; ``valid`` with bytes
overwritten; for a zip (.xlsx/.docx), one member cut off or overwritten inside a valid zip, or
padded past the unpacked limit (a small zip bomb). ``peak`` measures the memory a call takes.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from kehoach.core.tests import bombs

MB = 1024 * 1024
FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


def _cut(data: bytes) -> st.SearchStrategy[bytes]:
    # the bound does not depend on the file, whose size may differ between examples
    return st.integers(0, 10**6).map(lambda n: data[: n % max(len(data), 1)])


def _overwrite(data: bytes) -> st.SearchStrategy[bytes]:
    def apply(edits: list[tuple[int, bytes]]) -> bytes:
        out = bytearray(data)
        for position, chunk in edits:
            at = position % max(len(out), 1)
            out[at:at + len(chunk)] = chunk
        return bytes(out)
    return st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
                    min_size=1, max_size=6).map(apply)


def _member_damage(data: bytes) -> st.SearchStrategy[bytes]:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()

    def damage(args: tuple[str, int, bytes]) -> bytes:
        name, cut, junk = args
        content = zipfile.ZipFile(io.BytesIO(data)).read(name)
        return bombs.replace_member(data, name, content[: cut % (len(content) + 1)] + junk)
    return st.tuples(st.sampled_from(names), st.integers(0, 10**6),
                     st.sampled_from([b"", b"<", b"\x00\xff", b"&x;", b"<a><b></a>"])).map(damage)


def _bomb(data: bytes) -> st.SearchStrategy[bytes]:
    names = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith(".xml")]
    return st.tuples(st.sampled_from(names), st.integers(51, 70)).map(
        lambda a: bombs.inflate(data, a[0], a[1]))


def hostile(valid: bytes, *, text: bool = False) -> st.SearchStrategy[bytes]:
    """Random, cut-off, overwritten and (for a zip) damaged-inside or bomb versions of ``valid``."""
    choices = [st.binary(max_size=4096), _cut(valid), _overwrite(valid)]
    if text:
        choices.append(st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")))
    if valid[:2] == b"PK":
        choices += [_member_damage(valid), _member_damage(valid), _bomb(valid)]
    return st.one_of(choices)


@contextmanager
def peak() -> Iterator[Callable[[], int]]:
    """``with peak() as measured: …; measured()`` → the peak bytes allocated inside."""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    result = {"peak": 0}
    try:
        yield lambda: result["peak"]
    finally:
        result["peak"] = tracemalloc.get_traced_memory()[1] - base
        if started:
            tracemalloc.stop()
