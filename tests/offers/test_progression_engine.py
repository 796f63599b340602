"""offers.engine's progression rules (issue 19 item 4), with hand-computed figures."""

import datetime
from decimal import Decimal

from offers import engine
from offers.engine import Niveau, Opfoelgning, OpholdNiveauer, Vurdering

D = datetime.date


def _ophold(tilgang, afgang, *niveauer):
    return OpholdNiveauer(
        tilgang, afgang, tuple(Niveau(fra, str(rk), rk) for fra, rk in niveauer)
    )


def test_plus_maaneder_keeps_the_day_or_takes_the_months_last():
    assert engine.plus_maaneder(D(2026, 3, 15), 12) == D(2027, 3, 15)
    assert engine.plus_maaneder(D(2028, 2, 29), 12) == D(2029, 2, 28)  # no 29.02.2029
    assert engine.plus_maaneder(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert engine.plus_maaneder(D(2026, 6, 1), -12) == D(2025, 6, 1)
    assert engine.plus_maaneder(D(2026, 1, 15), -1) == D(2025, 12, 15)


def test_the_default_follow_up_is_twelve_months_after_gyldig_fra():
    assert engine.naeste_opfoelgning_standard(D(2026, 2, 1)) == D(2027, 2, 1)


# A tilbud's history on D = 01.06.2026; D − 12 months = 01.06.2025.
#   A: one stay from 10.01.2024; level 2, then 3 from 01.09.2025: 2 → 3, up.
#   B: one stay from 01.03.2023; level 3, then 1 from 15.01.2026: 3 → 1, down.
#   C: stay 01.01.2025-01.10.2025 at 2, stay from 01.11.2025 at 2: two stays,
#      2 → 2, stayed.
#   F: one stay from 01.01.2022 at 2, a new decision at 2 from 01.06.2025
#      (that very day, so it is the level in force then): 2 → 2, stayed.
#   E: arrived 01.08.2025: not there on 01.06.2025, not compared.
#   G: stay 01.05.2024-01.06.2026: the afgang day is D, so gone on D, not compared.
#   H: level 1 until 01.06.2026 and 3 from 02.06.2026: the later level is not
#      yet in force on D: 1 → 1, stayed.
# Compared: A, B, C, F, H = 5. Down 1 (B) = 1/5 = 20 %; stayed 3 (C, F, H) =
# 3/5 = 60 %; up 1 (A) = 20 %.
HISTORIE = [
    [_ophold(D(2024, 1, 10), None, (D(2024, 1, 10), 2), (D(2025, 9, 1), 3))],
    [_ophold(D(2023, 3, 1), None, (D(2023, 3, 1), 3), (D(2026, 1, 15), 1))],
    [
        _ophold(D(2025, 1, 1), D(2025, 10, 1), (D(2025, 1, 1), 2)),
        _ophold(D(2025, 11, 1), None, (D(2025, 11, 1), 2)),
    ],
    [_ophold(D(2022, 1, 1), None, (D(2022, 1, 1), 2), (D(2025, 6, 1), 2))],
    [_ophold(D(2025, 8, 1), None, (D(2025, 8, 1), 1))],
    [_ophold(D(2024, 5, 1), D(2026, 6, 1), (D(2024, 5, 1), 3))],
    [_ophold(D(2025, 3, 1), None, (D(2025, 3, 1), 1), (D(2026, 6, 2), 3))],
]


def test_level_movement_over_twelve_months_by_hand():
    b = engine.niveaubevaegelse(HISTORIE, D(2026, 6, 1))
    assert (b.fra_dato, b.ned, b.samme, b.op, b.antal) == (D(2025, 6, 1), 1, 3, 1, 5)
    assert (b.andel_ned, b.andel_samme, b.andel_op) == (
        Decimal(20),
        Decimal(60),
        Decimal(20),
    )


def test_no_borger_compared_gives_no_share():
    b = engine.niveaubevaegelse([], D(2026, 6, 1))
    assert (b.antal, b.andel_ned) == (0, None)


def test_average_length_of_stay_by_hand():
    # On 01.03.2026, a stay lasting [tilgang, afgang):
    #   01.01.2025-31.01.2025: ended, 30 days
    #   01.03.2025-01.06.2025: ended, 31 + 30 + 31 = 92 days
    #   01.02.2026-01.03.2026: afgang on the day itself: ended, 28 days
    #   from 01.01.2026, open: current, 31 + 28 = 59 days to date
    #   15.02.2026-01.04.2026: afgang later: current, 14 days to date
    #   from 02.03.2026: begins later, neither
    # Ended: (30 + 92 + 28) / 3 = 150 / 3 = 50. Current: (59 + 14) / 2 = 36.5.
    laengde = engine.opholdslaengde(
        [
            (D(2025, 1, 1), D(2025, 1, 31)),
            (D(2025, 3, 1), D(2025, 6, 1)),
            (D(2026, 2, 1), D(2026, 3, 1)),
            (D(2026, 1, 1), None),
            (D(2026, 2, 15), D(2026, 4, 1)),
            (D(2026, 3, 2), None),
        ],
        D(2026, 3, 1),
    )
    assert laengde == engine.Opholdslaengde(3, Decimal(50), 2, Decimal("36.5"))


def test_no_stays_gives_no_average():
    assert engine.opholdslaengde([], D(2026, 3, 1)) == engine.Opholdslaengde(
        0, None, 0, None
    )


def _opf(dato, navn, borger_id=1):
    return Opfoelgning(dato, borger_id, navn, "010190-xxxx", "Ahorn", "2")


def test_due_list_is_overdue_first_and_includes_today_plus_30():
    # Today 03.12.2026; the window ends 03.12.2026 + 30 days = 02.01.2027
    # (28 days left of December + 2 of January), that day included.
    idag = D(2026, 12, 3)
    rows = [
        _opf(D(2027, 1, 3), "Efter vinduet"),  # 31 days ahead: not due
        _opf(D(2027, 1, 2), "Sidste dag"),  # exactly +30: due
        _opf(D(2026, 12, 3), "I dag"),
        _opf(D(2026, 11, 1), "Bo"),  # overdue
        _opf(D(2026, 11, 1), "Anna"),  # overdue, same day: by name
    ]
    due = engine.opfoelgninger_forfaldne(rows, idag)
    assert [o.navn for o in due] == ["Anna", "Bo", "I dag", "Sidste dag"]


def test_level_time_line_runs_each_level_to_the_next_or_the_afgang():
    forloeb = engine.niveauforloeb(HISTORIE[2])
    assert [(p.fra, p.til, p.kode) for p in forloeb] == [
        (D(2025, 1, 1), D(2025, 10, 1), "2"),
        (D(2025, 11, 1), None, "2"),
    ]
    forloeb = engine.niveauforloeb(HISTORIE[0])
    assert [(p.fra, p.til, p.raekkefoelge) for p in forloeb] == [
        (D(2024, 1, 10), D(2025, 9, 1), 2),
        (D(2025, 9, 1), None, 3),
    ]


def test_funktionsevne_per_theme_oldest_first_without_unscored_skemaer():
    datoer, temaer = engine.funktionsevne_forloeb(
        [
            Vurdering(D(2026, 5, 1), {"egenomsorg": 2}),
            Vurdering(D(2025, 5, 1), {"egenomsorg": 3, "mobilitet": 1}),
            Vurdering(D(2025, 12, 1), {}),  # no scores: left out
        ],
        [("egenomsorg", "Egenomsorg"), ("mobilitet", "Mobilitet")],
    )
    assert datoer == (D(2025, 5, 1), D(2026, 5, 1))
    assert [(t.kode, t.scores) for t in temaer] == [
        ("egenomsorg", (3, 2)),
        ("mobilitet", (1, None)),
    ]


def test_the_level_in_force_or_the_first_to_come():
    fra = [D(2026, 1, 1), D(2026, 6, 1)]
    assert engine.gaeldende_niveau_index(fra, D(2026, 5, 31)) == 0
    assert engine.gaeldende_niveau_index(fra, D(2026, 6, 1)) == 1
    assert engine.gaeldende_niveau_index(fra, D(2025, 12, 1)) == 0
    assert engine.gaeldende_niveau_index([], D(2025, 12, 1)) is None


def test_the_level_chart_holds_the_last_level_to_today():
    from offers.selectors_progression import BorgerProgression, progression_graf

    p = BorgerProgression(
        niveauer=engine.niveauforloeb(HISTORIE[0]),
        datoer=(),
        temaer=[],
        opfoelgning=None,
    )
    graf = progression_graf(p, D(2026, 6, 1))
    # Level 2 from 10.01.2024, 3 from 01.09.2025, held to today 01.06.2026.
    assert graf["niveau_labels"] == ["10.01.2024", "01.09.2025", "01.06.2026"]
    assert graf["niveau_raekkefoelge"] == [2, 3, 3]
    assert graf["niveau_koder"] == {"2": "2", "3": "3"}
