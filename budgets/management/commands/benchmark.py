import datetime
import json
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.urls import NoReverseMatch, reverse

from budgets.bench import generate, http, hukommelse, measure
from budgets.services import maanedstal

IDAG = datetime.date(2026, 11, 15)
SCENARIE_MAAL_S = 1.0  # issue 16 #3: a scenario's result within 1 s


def _central_page() -> str:
    try:
        return reverse("budgets:central") + f"?aar={generate.AAR}"
    except NoReverseMatch:
        return f"/budget/central/?aar={generate.AAR}"


class Command(BaseCommand):
    help = (
        "Genererer data i en given skala og måler budgetmodellerne (skriver en tabel)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(generate.SCALES), default="small")
        parser.add_argument(
            "--gange",
            type=int,
            default=1,
            help="Så mange kommuner af skalaen i én database (fx 10).",
        )
        parser.add_argument(
            "--linear",
            type=int,
            default=0,
            metavar="N",
            help="Mål bagefter den fulde beregning igen med N gange data (fx 10).",
        )
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--clients", type=int, default=20)
        parser.add_argument("--requests", type=int, default=400)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-http", action="store_true", help="Spring HTTP-målingen over."
        )
        parser.add_argument("--results", default="benchmark-results")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Kør også på en database, hvis navn ikke indeholder 'bench'.",
        )

    def handle(self, *args, **opts) -> None:
        if "bench" not in str(connection.settings_dict["NAME"]) and not opts["force"]:
            raise CommandError(
                "Benchmark tømmer databasen: brug en database med 'bench' i navnet "
                "(fx DATABASE_URL=postgres://postgres@127.0.0.1:5432/takstvaerk_bench)."
            )
        if opts["gange"] < 1 or opts["linear"] < 0:
            raise CommandError("--gange skal være mindst 1 og --linear mindst 0.")
        scale = generate.SCALES[opts["scale"]]
        figures = self._run(scale, opts)
        self._print(figures)
        self._save(figures, Path(opts["results"]))

    def _run(self, scale, opts) -> dict:
        faser = hukommelse.Faser()
        user = generate.bench_user()
        aar = generate.AAR
        measure.wipe()
        with faser.fase("generering"):
            gen_s, data = measure.timed(
                lambda: generate.generate(scale, opts["seed"], opts["gange"])
            )
            measure.analyze()
        with faser.fase("opbygning"):
            # Bulk inserted past the services: every year's monthly figures once.
            opbygning_s = measure.fyld(maanedstal.budgetaarene())
            measure.analyze()
        with faser.fase("central"):
            central = measure.central(user, aar, IDAG)
            floor_s, floor_rows = measure.floor(aar)
        with faser.fase("fuld beregning"):
            uden_s = measure.uden_raekker(user, aar, IDAG)
            uden_aar_s = measure.uden_aarets_raekker(user, aar, IDAG)
        with faser.fase("tilbud og afgang"):
            largest = measure.largest_tilbud()
            tilbud_s = measure.warm(lambda: measure.tilbud_resultat(largest, aar, IDAG))
            afgang_s = measure.afgang_and_budget(user, largest, aar, IDAG)
        with faser.fase("hvad-nu-hvis"):
            hvis_s = measure.hvis(user, aar, IDAG)
        with faser.fase("scenarie"):
            scenarie = measure.scenarie(user, aar, largest)
        with faser.fase("http (klienterne)"):
            web = (
                http.Http([], [])
                if opts["no_http"]
                else http.measure(
                    user,
                    [_central_page(), f"/api/v1/budgetter/{aar}/central/"],
                    opts["clients"],
                    opts["requests"],
                    opts["workers"],
                )
            )
        f = {
            "scale": scale.navn + (f"x{opts['gange']}" if opts["gange"] > 1 else ""),
            "gange": opts["gange"],
            "dato": datetime.date.today().isoformat(),
            "database": connection.vendor,
            "data": asdict(data),
            "haendelser": data.haendelser,
            "generering_s": gen_s,
            "opbygning_s": opbygning_s,
            "genberegning_s": central.genberegning,
            "central_kold_s": central.kold,
            "central_laes_s": central.laes,
            "central_efter_afgang_s": central.efter_afgang,
            "central_varm_s": central.varm,
            "central_uden_raekker_s": uden_s,
            "central_uden_aarets_raekker_s": uden_aar_s,
            "gulv_s": floor_s,
            "gulv_raekker": floor_rows,
            "ratio_uden_raekker_gulv": uden_s / floor_s,
            "ratio_uden_aarets_raekker_gulv": uden_aar_s / floor_s,
            "ratio_genberegning_gulv": central.genberegning / floor_s,
            "ratio_kold_gulv": central.kold / floor_s,
            "ratio_laes_gulv": central.laes / floor_s,
            "ratio_efter_afgang_gulv": central.efter_afgang / floor_s,
            "ratio_varm_gulv": central.varm / floor_s,
            "stoerste_tilbud_pladser": largest.pladser,
            "tilbud_s": tilbud_s,
            "afgang_s": afgang_s,
            "hvis_s": hvis_s,
            "scenarie": asdict(scenarie),
            "ratio_scenarie_maal": scenarie.resultat / SCENARIE_MAAL_S,
            "ratio_scenarie2_maal": scenarie.resultat2 / SCENARIE_MAAL_S,
            "http": [asdict(m) for m in web.latenser],
            "gunicorn_workers_peak_mb": web.workers_peak_mb,
            "maskine_mb": hukommelse.maskinens_mb(),
        }
        if opts["linear"]:
            f["linear"] = self._linear(f, scale, opts, faser)
        f["hukommelse"] = faser.maalt
        f["peak_mb"] = hukommelse.peak_mb()
        return f

    def _linear(self, f: dict, scale, opts, faser: hukommelse.Faser) -> dict:
        """The full computation again with N times the data, in this run (issue
        16 #3: cost linear in segments): N municipalities in one database."""
        n = opts["linear"]
        measure.wipe()
        with faser.fase(f"×{n} generering"):
            gen_s, data = measure.timed(
                lambda: generate.generate(scale, opts["seed"], opts["gange"] * n)
            )
            measure.analyze()
        with faser.fase(f"×{n} fuld beregning"):
            # Nothing is stored after the generation: every tilbud is computed.
            uden_s = measure.uden_raekker(generate.bench_user(), generate.AAR, IDAG)
        gulv_s, gulv_rows = measure.floor(generate.AAR)
        peak = faser.maalt[-1]["fase_peak_mb"]
        # What the computation itself took: its peak above the resident start.
        vaekst, vaekst_1 = (
            _vaekst(faser.maalt[-1]),
            _vaekst(_fase(faser, "fuld beregning")),
        )
        return {
            "gange": n,
            "data": asdict(data),
            "haendelser": data.haendelser,
            "generering_s": gen_s,
            "central_uden_raekker_s": uden_s,
            "gulv_s": gulv_s,
            "gulv_raekker": gulv_rows,
            "ratio_uden_raekker_gulv": uden_s / gulv_s,
            "ratio_tid": uden_s / f["central_uden_raekker_s"],
            "ratio_haendelser": data.haendelser / f["haendelser"],
            "maal_tid": 1.1 * n,
            "fuld_beregning_peak_mb": peak,
            "fuld_beregning_vaekst_mb": vaekst,
            # None where ×1 grew less than 1 MB above its start (its peak
            # within the memory already resident): a ratio to ~0 says nothing.
            "ratio_vaekst": (
                vaekst / vaekst_1 if vaekst and vaekst_1 and vaekst_1 >= 1 else None
            ),
            "ratio_peak_maskine": (
                peak / f["maskine_mb"] if peak and f["maskine_mb"] else None
            ),
        }

    def _print(self, f: dict) -> None:
        d = f["data"]
        w = self.stdout.write
        w(
            f"Benchmark {f['scale']} på {f['database']} ({f['dato']}): "
            f"{d['tilbud']} tilbud, {d['borgere']} borgere, {d['ophold']} ophold, "
            f"{d['indplaceringer']} indplaceringer, {d['forbrug']} forbrugsrækker; "
            f"data genereret på {f['generering_s']:.1f} s"
        )
        w(f"{'måling':<72}{'værdi':>14}")
        for label, value in _rows(f):
            w(f"{label:<72}{value:>14}")

    def _save(self, f: dict, folder: Path) -> None:
        folder.mkdir(exist_ok=True)
        fil = folder / f"{f['scale']}.json"
        fil.write_text(json.dumps(f, indent=2))
        medium, national = folder / "medium.json", folder / "national.json"
        if fil in (medium, national) and medium.exists() and national.exists():
            m, n = json.loads(medium.read_text()), json.loads(national.read_text())
            # Computing every tilbud from its events is the work that grows with them.
            tid = n["genberegning_s"] / m["genberegning_s"]
            events = n["haendelser"] / m["haendelser"]
            self.stdout.write(
                f"8. national/medium fra to kørsler (genberegning): tid × {tid:.2f} "
                f"ved × {events:.2f} hændelser (mål: ≤ {1.1 * events:.2f})"
            )
            f["national_medium"] = {"ratio_tid": tid, "ratio_haendelser": events}
            fil.write_text(json.dumps(f, indent=2))


def _fase(faser: hukommelse.Faser, navn: str) -> dict:
    return next(h for h in faser.maalt if h["fase"] == navn)


def _vaekst(h: dict) -> float | None:
    if h["fase_peak_mb"] is None or h["start_mb"] is None:
        return None
    return h["fase_peak_mb"] - h["start_mb"]


def _mb(v: float | None) -> str:
    return "–" if v is None else f"{v:.0f}"


def _rows(f: dict) -> list[tuple[str, str]]:
    """The table: every figure, and every ratio beside the seconds it divides."""
    rows = [
        (
            "0. månedstal for alle år gemt efter indlæsning (s)",
            f"{f['opbygning_s']:.3f}",
        ),
        (
            "1. genberegning af årets tilbud, fx efter ny timepris (s)",
            f"{f['genberegning_s']:.3f}",
        ),
        (
            "1. central, kold: genberegning + første læsning (s)",
            f"{f['central_kold_s']:.3f}",
        ),
        (
            "1. central, læst af de gemte månedstal, ny proces (s)",
            f"{f['central_laes_s']:.3f}",
        ),
        (
            "1. afgang (dens tilbud genberegnes) + central (s)",
            f"{f['central_efter_afgang_s']:.3f}",
        ),
        (
            "1. central, igen i samme proces (s, median af 3)",
            f"{f['central_varm_s']:.3f}",
        ),
        (
            "1. central uden gemte rækker: året og året før beregnes (s, median af 3)",
            f"{f['central_uden_raekker_s']:.3f}",
        ),
        (
            "1. central efter ny timepris: årets tilbud beregnes (s, median af 3)",
            f"{f['central_uden_aarets_raekker_s']:.3f}",
        ),
        (
            f"2. gulv: én SQL over årets {f['gulv_raekker']} rækker (s)",
            f"{f['gulv_s']:.3f}",
        ),
        (
            "2. ratio fuld beregning, året og forrige år / gulv (mål ≤ 3)",
            f"{f['ratio_uden_raekker_gulv']:.2f}",
        ),
        (
            "2. ratio fuld beregning af året (ny timepris) / gulv (mål ≤ 3)",
            f"{f['ratio_uden_aarets_raekker_gulv']:.2f}",
        ),
        ("2. ratio genberegning / gulv", f"{f['ratio_genberegning_gulv']:.2f}"),
        ("2. ratio læst / gulv", f"{f['ratio_laes_gulv']:.2f}"),
        ("2. ratio kold / gulv", f"{f['ratio_kold_gulv']:.2f}"),
        ("2. ratio efter afgang / gulv", f"{f['ratio_efter_afgang_gulv']:.2f}"),
        ("2. ratio varm / gulv", f"{f['ratio_varm_gulv']:.2f}"),
        (
            "3. tilbudsmodel, største tilbud "
            f"({f['stoerste_tilbud_pladser']} pladser) (s)",
            f"{f['tilbud_s']:.3f}",
        ),
        (
            "4. afgang via service + opdateret tilbudsbudget (ms)",
            f"{f['afgang_s'] * 1000:.0f}",
        ),
    ]
    rows += _scenarie_rows(f)
    for m in f["http"]:
        rows.append(
            (
                f"5. {m['url']} p50/p95/p99 "
                f"(ms, {m['requests']} req, fejl {m['fejl']})",
                f"{m['p50_ms']}/{m['p95_ms']}/{m['p99_ms']}",
            )
        )
        rows.append((f"5. {m['url']} forespørgsler/s", f"{m['pr_sekund']:.1f}"))
    rows += _hukommelse_rows(f)
    if "linear" in f:
        rows += _linear_rows(f["linear"])
    rows.append(
        (
            "(ekstra) hvad-nu-hvis sygefravær +1 point, alle tilbud (s)",
            f"{f['hvis_s']:.3f}",
        )
    )
    return rows


def _scenarie_rows(f: dict) -> list[tuple[str, str]]:
    s = f["scenarie"]
    return [
        ("S. scenarie: første resultat, året beregnes (s)", f"{s['foerste']:.3f}"),
        ("S. scenarie: ændring sygefravær +1 point gemt (s)", f"{s['aendring']:.3f}"),
        ("S. scenarie: resultat efter én ændring (s)", f"{s['resultat']:.3f}"),
        ("S. ratio resultat / 1 s (mål ≤ 1)", f"{f['ratio_scenarie_maal']:.2f}"),
        (
            "S. scenarie: 2. ændring, pladser i største tilbud +2, gemt (s)",
            f"{s['aendring2']:.3f}",
        ),
        ("S. scenarie: resultat efter to ændringer (s)", f"{s['resultat2']:.3f}"),
        (
            "S. ratio resultat efter to / 1 s (mål ≤ 1)",
            f"{f['ratio_scenarie2_maal']:.2f}",
        ),
        (
            "S. scenarie: samme resultat i en anden webproces (basen fra Redis) (s)",
            f"{s['anden_proces']:.3f}",
        ),
    ]


def _hukommelse_rows(f: dict) -> list[tuple[str, str]]:
    rows = [
        (
            f"6. peak-hukommelse efter {h['fase']}: fasen / processen hidtil (MB)",
            f"{_mb(h['fase_peak_mb'])}/{_mb(h['proces_peak_mb'])}",
        )
        for h in f["hukommelse"]
    ]
    workers = f["gunicorn_workers_peak_mb"]
    if workers:
        rows.append(
            (
                f"6. peak-hukommelse, gunicorn-workers (MB, største af {len(workers)})",
                f"{max(workers):.0f}",
            )
        )
    rows.append(("6. peak-hukommelse for processen (MB)", f"{f['peak_mb']:.0f}"))
    rows.append(("6. maskinens hukommelse (MB)", _mb(f["maskine_mb"])))
    return rows


def _linear_rows(lin: dict) -> list[tuple[str, str]]:
    n, d = lin["gange"], lin["data"]
    ratio_peak = lin["ratio_peak_maskine"]
    return [
        (
            f"7. ×{n}: {d['tilbud']} tilbud, {d['borgere']} borgere, genereret (s)",
            f"{lin['generering_s']:.1f}",
        ),
        (
            f"7. ×{n}: fuld beregning uden gemte rækker (s)",
            f"{lin['central_uden_raekker_s']:.3f}",
        ),
        (
            f"7. ×{n}: gulv over {lin['gulv_raekker']} rækker (s)",
            f"{lin['gulv_s']:.3f}",
        ),
        (
            f"7. ×{n}: ratio fuld beregning / gulv",
            f"{lin['ratio_uden_raekker_gulv']:.2f}",
        ),
        (
            f"7. ratio tid ×{n} / ×1 (mål ≤ {lin['maal_tid']:.1f}; "
            f"hændelser × {lin['ratio_haendelser']:.2f})",
            f"{lin['ratio_tid']:.2f}",
        ),
        (
            f"7. ×{n}: peak-hukommelse i den fulde beregning (MB)",
            _mb(lin["fuld_beregning_peak_mb"]),
        ),
        (
            f"7. ×{n}: den fulde beregnings vækst over fasens start (MB)",
            _mb(lin["fuld_beregning_vaekst_mb"]),
        ),
        (
            f"7. ratio vækst i den fulde beregning ×{n} / ×1",
            "–" if lin["ratio_vaekst"] is None else f"{lin['ratio_vaekst']:.2f}",
        ),
        (
            f"7. ×{n}: ratio peak / maskinens hukommelse (mål < 1)",
            "–" if ratio_peak is None else f"{ratio_peak:.3f}",
        ),
    ]
