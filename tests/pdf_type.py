"""The size at which each piece of text of a PDF is printed, in points, read from its content
streams with pypdf: the font size times the scale of the text matrix and of every
transformation around it, into the forms (such as a chart's picture) that draw text too."""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Run:
    page: int  # from 1
    size: float  # points on paper
    text: str
    in_form: bool  # drawn inside a form XObject (a picture), not by the page itself


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _scale(m: Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def _text_of(operands, font) -> str:
    out = []
    for op in operands:
        items = op if isinstance(op, list) else [op]
        for item in items:
            if isinstance(item, bytes | str) or hasattr(item, "original_bytes"):
                raw = item.original_bytes if hasattr(item, "original_bytes") else item
                if isinstance(raw, str):
                    out.append(raw)
                else:
                    out.append(_decode(raw, font))
    return "".join(out)


def _decode(raw: bytes, font) -> str:
    """Text of a string operand: through the font's ToUnicode map where it has one."""
    cmap = getattr(font, "_unicode_map", None)
    if cmap:
        width = 2 if max(len(k) for k in cmap) > 1 else 1
        return "".join(cmap.get(raw[i:i + width], "") for i in range(0, len(raw), width))
    return raw.decode("latin-1", "replace")


def _unicode_map(font_obj) -> dict[bytes, str]:
    """A font's ToUnicode CMap as code bytes -> text (bfchar and bfrange entries)."""
    font_obj = font_obj.get_object()
    if "/ToUnicode" not in font_obj:
        return {}
    data = font_obj["/ToUnicode"].get_object().get_data().decode("latin-1")
    out: dict[bytes, str] = {}

    def hexbytes(h: str) -> bytes:
        return bytes.fromhex(h)

    def text(h: str) -> str:
        return bytes.fromhex(h).decode("utf-16-be", "replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[hexbytes(src)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                      block):
            n = len(lo) // 2
            start, end, first = int(lo, 16), int(hi, 16), int(dst, 16)
            for code in range(start, end + 1):
                out[code.to_bytes(n, "big")] = chr(first + code - start)
    return out


class _Font:
    def __init__(self, obj):
        self._unicode_map = _unicode_map(obj)


def text_runs(pdf: bytes | str) -> list[Run]:
    """Every piece of text the PDF shows, with the size it is printed at."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    runs: list[Run] = []
    for number, page in enumerate(reader.pages, start=1):
        _walk(page.get_contents(), page.get("/Resources"), IDENTITY, reader, number, runs,
              in_form=False)
    return runs


def _walk(contents, resources, ctm: Matrix, reader, page: int, runs: list[Run],
          in_form: bool) -> None:
    if contents is None:
        return
    resources = resources.get_object() if isinstance(resources, IndirectObject) else resources
    resources = resources or {}
    fonts = {name: _Font(obj) for name, obj in
             (resources.get("/Font") or {}).get_object().items()} if "/Font" in resources else {}
    xobjects = (resources.get("/XObject") or {}).get_object() if "/XObject" in resources else {}
    stream = contents if isinstance(contents, ContentStream) else ContentStream(contents, reader)
    stack: list[Matrix] = []
    tm: Matrix = IDENTITY
    line: Matrix = IDENTITY
    size = 0.0
    font = None
    leading = 0.0
    for operands, op in stream.operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else ctm
        elif op == b"cm":
            ctm = _times(tuple(float(x) for x in operands), ctm)
        elif op == b"BT":
            tm = line = IDENTITY
        elif op == b"Tf":
            font, size = fonts.get(operands[0]), float(operands[1])
        elif op == b"TL":
            leading = float(operands[0])
        elif op == b"Tm":
            tm = line = tuple(float(x) for x in operands)
        elif op in (b"Td", b"TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == b"TD":
                leading = -ty
            tm = line = _times((1, 0, 0, 1, tx, ty), line)
        elif op == b"T*":
            tm = line = _times((1, 0, 0, 1, 0, -leading), line)
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            text = _text_of(operands[-1:], font)
            if text.strip():
                runs.append(Run(page, round(size * _scale(_times(tm, ctm)), 2), text, in_form))
        elif op == b"Do":
            xobject = xobjects.get(operands[0])
            if xobject is None:
                continue
            xobject = xobject.get_object()
            if xobject.get("/Subtype") != "/Form":
                continue
            matrix = tuple(float(x) for x in xobject.get("/Matrix", IDENTITY))
            _walk(xobject, xobject.get("/Resources") or resources, _times(matrix, ctm), reader,
                  page, runs, in_form=True)
