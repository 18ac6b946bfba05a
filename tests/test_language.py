"""The language check: plain English prose takes the fast path, other languages do not."""

from __future__ import annotations

import pytest

from newsweave.text.language import PLAINLY_ENGLISH, detect_language, english_share

ENGLISH = ("The council said on Tuesday that it would close the harbour road for repairs, and "
           "residents who had objected to the plan said they were not told of the decision by "
           "the mayor, who has defended it.")
OTHERS = {
    "nl": "De gemeenteraad heeft dinsdag besloten de havenweg te sluiten voor reparaties, zei de "
          "burgemeester. Het was een lange vergadering en de bewoners waren boos in de zaal, "
          "want zij waren niet gehoord.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die Hafenstraße für Reparaturen zu "
          "schließen, sagte der Bürgermeister. Die Anwohner waren in der Sitzung sehr verärgert "
          "und wollen dagegen klagen.",
    "es": "El consejo municipal votó el martes el cierre de la carretera del puerto por obras, "
          "dijo el alcalde, y los vecinos protestaron contra la decisión en la reunión de la "
          "noche del martes.",
}


def test_english_prose_is_plainly_english():
    assert english_share(ENGLISH) >= PLAINLY_ENGLISH
    assert detect_language(ENGLISH) == "en"


@pytest.mark.parametrize(("lang", "text"), sorted(OTHERS.items()))
def test_other_languages_go_to_langid_and_are_named(lang, text):
    assert english_share(text) < PLAINLY_ENGLISH / 4
    assert detect_language(text) == lang
