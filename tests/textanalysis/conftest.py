import pytest

from dialogportal.textanalysis import AreaSpec, InputDoc

AREAS = [
    AreaSpec("job", "Flere i job", "Ledige og unge skal i arbejde eller uddannelse."),
    AreaSpec("bolig", "Gode boliger", "Billige boliger, renovering og boligområder."),
    AreaSpec("sundhed", "Sundhed", "Motion, rygning, kost og mental sundhed."),
]

TEXTS = {
    "job": [
        "Unge ledige skal have en læreplads og en mentor i virksomheden.",
        "Jobcentret skal hjælpe de ledige hurtigere i arbejde.",
        "Flere praktikpladser til unge uden uddannelse.",
        "Ledige unge mangler lærepladser og arbejde.",
        "Giv langtidsledige et job med løntilskud.",
        "Uddannelse og arbejde til unge ledige er det vigtigste.",
    ],
    "bolig": [
        "Der mangler billige boliger til unge og studerende.",
        "Boligerne i blokkene skal renoveres, de er fugtige.",
        "Byg flere små lejligheder med lav husleje.",
        "Renovering af de gamle boliger med skimmelsvamp.",
        "Billige boliger til enlige og studerende mangler.",
        "Almene boliger og ejerboliger skal blandes i boligområderne.",
    ],
    "sundhed": [
        "Gratis motion for ældre og hjælp til rygestop.",
        "Ventetiden i psykiatrien er for lang, mental sundhed er vigtig.",
        "Sund kost i skolerne og mere motion for børn.",
        "Rygning og alkohol forkorter livet, lav kampagner.",
        "Motion og bevægelse for seniorer i hallerne.",
        "Mental sundhed og ensomhed blandt unge skal tages alvorligt.",
    ],
}


def make_docs() -> list[InputDoc]:
    docs = []
    for area, texts in TEXTS.items():
        for i, text in enumerate(texts):
            docs.append(InputDoc(f"{area}-{i}", text))
    return docs


@pytest.fixture
def areas() -> list[AreaSpec]:
    """Three focus areas with short descriptions."""
    return list(AREAS)


@pytest.fixture
def docs() -> list[InputDoc]:
    return make_docs()
