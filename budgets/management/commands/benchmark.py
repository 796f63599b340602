import datetime
import json
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.urls import NoReverseMatch, reverse

from budgets.bench import generate, http, measure
from budgets.services import maanedstal

IDAG = datetime.date(2026, 11, 15)


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
        scale = generate.SCALES[opts["scale"]]
        figures = self._run(scale, opts)
        self._print(figures)
        self._save(figures, Path(opts["results"]))

    def _run(self, scale, opts) -> dict:
        measure.wipe()
        gen_s, data = measure.timed(lambda: generate.generate(scale, opts["seed"]))
        user = generate.bench_user()
        aar = generate.AAR
        # Bulk inserted past the services: every year's monthly figures once.
        opbygning_s = measure.fyld(maanedstal.budgetaarene())
        central = measure.central(user, aar, IDAG)
        floor_s, floor_rows = measure.floor(aar)
        largest = measure.largest_tilbud()
        tilbud_s = measure.warm(lambda: measure.tilbud_resultat(largest, aar, IDAG))
        afgang_s = measure.afgang_and_budget(user, largest, aar, IDAG)
        hvis_s = measure.hvis(user, aar, IDAG)
        latens = (
            []
            if opts["no_http"]
            else http.measure(
                user,
                [_central_page(), f"/api/v1/budgetter/{aar}/central/"],
                opts["clients"],
                opts["requests"],
                opts["workers"],
            )
        )
        return {
            "scale": scale.navn,
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
            "central_uden_raekker_s": central.laes_uden_raekker,
            "gulv_s": floor_s,
            "gulv_raekker": floor_rows,
            "ratio_kold_gulv": central.kold / floor_s,
            "ratio_laes_gulv": central.laes / floor_s,
            "ratio_efter_afgang_gulv": central.efter_afgang / floor_s,
            "ratio_varm_gulv": central.varm / floor_s,
            "stoerste_tilbud_pladser": largest.pladser,
            "tilbud_s": tilbud_s,
            "afgang_s": afgang_s,
            "hvis_s": hvis_s,
            "http": [asdict(m) for m in latens],
            "peak_mb": measure.peak_memory_mb(),
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
        w(f"{'måling':<66}{'værdi':>14}")
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
                "1. central uden gemte rækker: alt beregnes ved læsning (s)",
                f"{f['central_uden_raekker_s']:.3f}",
            ),
            (
                f"2. gulv: én SQL over de samme {f['gulv_raekker']} rækker (s)",
                f"{f['gulv_s']:.3f}",
            ),
            ("2. ratio læst / gulv (mål ≤ 3)", f"{f['ratio_laes_gulv']:.2f}"),
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
        for m in f["http"]:
            rows.append(
                (
                    f"5. {m['url']} p50/p95 "
                    f"(ms, {m['requests']} req, fejl {m['fejl']})",
                    f"{m['p50_ms']}/{m['p95_ms']}",
                )
            )
        rows.append(("6. peak-hukommelse for processen (MB)", f"{f['peak_mb']:.0f}"))
        rows.append(
            (
                "(ekstra) hvad-nu-hvis sygefravær +1 point, alle tilbud (s)",
                f"{f['hvis_s']:.3f}",
            )
        )
        for label, value in rows:
            w(f"{label:<66}{value:>14}")

    def _save(self, f: dict, folder: Path) -> None:
        folder.mkdir(exist_ok=True)
        (folder / f"{f['scale']}.json").write_text(json.dumps(f, indent=2))
        medium, national = folder / "medium.json", folder / "national.json"
        if medium.exists() and national.exists():
            m, n = json.loads(medium.read_text()), json.loads(national.read_text())
            # Computing every tilbud from its events is the work that grows with them.
            tid = n["genberegning_s"] / m["genberegning_s"]
            events = n["haendelser"] / m["haendelser"]
            self.stdout.write(
                f"7. national/medium (genberegning): tid × {tid:.2f} "
                f"ved × {events:.2f} hændelser (mål: ≤ {1.1 * events:.2f})"
            )
