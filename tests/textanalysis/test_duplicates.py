import pytest

from dialogportal.textanalysis import InputDoc
from dialogportal.textanalysis.duplicates import _one_typo_apart
from dialogportal.textanalysis.engine import analyse

BASE = "Skolen i Havndal skal bevares. Den har 80 elever og er hjertet i landsbyen."


@pytest.mark.parametrize(
    ("copy", "merged"),
    [
        ("Skolen i Hanvdal skal bevares. Den har 80 elever og er hjertet i landsbyen.", True),
        (BASE + " Med venlig hilsen Hanne Jensen, Assentoft", True),
        ("Den har 80 elever og er hjertet i landsbyen. Skolen i Havndal skal bevares.", True),
        ("Skolen i Havndal skal bevares. Den har 80 elver og er hjertet i landsbyen.", True),
        ("Skolen i Spentrup skal bevares. Den har 80 elever og er hjertet i landsbyen.", False),
        ("Skolen i Havndal skal bevares. Den har 60 elever og er hjertet i landsbyen.", False),
    ],
    ids=["typo-in-name", "signature", "reordered", "typo", "other-place", "other-number"],
)
def test_copies_merge_and_look_alikes_do_not(areas, docs, copy, merged):
    result = analyse(areas, [InputDoc("base", BASE), InputDoc("copy", copy), *docs])
    groups = [g.input_ids for g in result.duplicates]
    assert (("base", "copy") in groups) is merged


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("Havndal", "Hanvdal", True),
        ("Assentoft", "Assentof", True),
        ("Spentrup", "Spentrupp", True),
        ("Langå", "Langa", True),
        ("Hals", "Hald", False),  # short names: no typo tolerance
        ("Spentrup", "Assentoft", False),
        ("Havndal", "Xavndal", False),
    ],
)
def test_one_typo_apart_only_for_longer_names(a, b, close):
    assert _one_typo_apart(a, b) is close
