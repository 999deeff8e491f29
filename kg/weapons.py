"""Weapon recognition: a spaCy component (placeholder until the lexicon-driven one lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["WEAPON_LABEL"]

WEAPON_LABEL = "WEAPON"


@Language.factory("kg_weapon_ruler", requires=["doc.ents"], assigns=["doc.ents"])
def make_weapon_ruler(nlp: Language, name: str) -> "WeaponRuler":
    return WeaponRuler()


class WeaponRuler:
    def __call__(self, doc: Doc) -> Doc:
        return doc
