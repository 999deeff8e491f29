"""The one on-disk and between-process encoding of the shared dataclasses: data, never code.

An encoded value is a version header and a MessagePack document in which each dataclass of
`kg.core.model` is an array whose first item names its class (a MessagePack extension
code) and whose other items are its fields in order; a Decimal is an extension holding its
text. Decoding builds only the classes listed here, so bytes from a shared cache folder or
another machine can give wrong data at worst, never run code (a pickle could). It is also
faster than pickling these objects both ways.
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

import msgpack

from kg.core import model

__all__ = ["HEADER", "CodecError", "decode", "encode"]

HEADER = b"KGX1"  # change it whenever the encoding (not the classes) changes

# Append only: a class's code is its position plus one. The cache key covers the package's
# code, so a changed class never meets bytes encoded with its old fields.
_CLASSES: tuple[type, ...] = (
    model.Span,
    model.Document,
    model.Mention,
    model.Merge,
    model.Entity,
    model.Quantity,
    model.Claim,
    model.Run,
    model.Corpus,
    model.Extraction,
    model.Sentence,
    model.UnnamedSource,
    model.Problem,
    model.EventMention,
    model.EventArgument,
    model.EventReport,
    model.Event,
    model.Dispute,
)
_DECIMAL = 0
_CODE = {cls: n + 1 for n, cls in enumerate(_CLASSES)}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _CLASSES}


class CodecError(ValueError):
    """Bytes that are not an encoded value of this version."""


class _Tag:
    """The class an encoded array stands for, as decoding meets its first item."""

    __slots__ = ("cls",)

    def __init__(self, cls: type) -> None:
        self.cls = cls


_TAGS = {code: _Tag(cls) for cls, code in _CODE.items()}


def encode(value: object) -> bytes:
    """Encode a dataclass of `kg.core.model` (or plain data holding them)."""
    packed: bytes = msgpack.packb(value, default=_default)
    return HEADER + packed


def decode(data: bytes) -> Any:
    """Decode what `encode` made; `CodecError` for anything else."""
    if not data.startswith(HEADER):
        raise CodecError("not an encoded value of this version (wrong header)")
    try:
        return msgpack.unpackb(
            memoryview(data)[len(HEADER) :],
            use_list=False,
            ext_hook=_extension,
            list_hook=_array,
            strict_map_key=True,
        )
    except (ValueError, TypeError, InvalidOperation, msgpack.UnpackException) as exc:
        raise CodecError(f"cannot decode ({type(exc).__name__}: {exc})") from exc


def _default(value: object) -> object:
    cls = type(value)
    code = _CODE.get(cls)
    if code is not None:
        return [msgpack.ExtType(code, b""), *(getattr(value, n) for n in _FIELDS[cls])]
    if cls is Decimal:
        return msgpack.ExtType(_DECIMAL, str(value).encode("ascii"))
    raise TypeError(f"cannot encode a {cls.__name__}")


def _extension(code: int, data: bytes) -> object:
    if code == _DECIMAL:
        return Decimal(data.decode("ascii"))
    tag = _TAGS.get(code)
    if tag is None or data:
        raise ValueError(f"unknown extension {code}")
    return tag


_SHORT = 64  # a field's string up to this length is interned as it is decoded


def _array(items: tuple[object, ...]) -> object:
    if items and type(items[0]) is _Tag:
        cls = items[0].cls
        if len(items) - 1 != len(_FIELDS[cls]):
            raise ValueError(f"{cls.__name__} with {len(items) - 1} fields")
        # Short strings repeat: every mention carries its document's id, its type, label
        # and title; MessagePack makes a new string for each, which at 10,000 articles is
        # hundreds of megabytes of copies. Interned, equal strings are one object.
        intern = sys.intern
        return cls(
            *[
                intern(v) if type(v) is str and len(v) <= _SHORT else v
                for v in itertools.islice(items, 1, None)
            ]
        )
    return items
