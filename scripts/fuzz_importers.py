"""A long, coverage-guided fuzzing campaign of both importers, run by hand (not part of `make test`).

    pip install --target /tmp/atheris atheris        # not a dependency of Styrkort
    PYTHONPATH=/tmp/atheris:. .venv/bin/python scripts/fuzz_importers.py ils -atheris_runs=20000
    PYTHONPATH=/tmp/atheris:. .venv/bin/python scripts/fuzz_importers.py json -max_total_time=3600

Targets: ``ils`` (bytes mutated by libFuzzer from the example report), ``json`` (bytes mutated
from an exchange document), ``ils-ops`` and ``json-ops`` (the structured mutations of
``tests.fuzzing``, chosen by libFuzzer). Each input runs through the command as a user runs it,
against a scratch SQLite database (or ``DATABASE_URL``) that holds the complete report, inside a
transaction that is rolled back. A ``CommandError`` is a refusal and fine; any other exception is
a crash: libFuzzer stops, prints the traceback and writes the input to ``crash-*``.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from io import StringIO
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "hasselby-vallingby-tertialrapport-1-2026.txt"
SCRATCH = Path(tempfile.mkdtemp(prefix="styrkort-fuzz-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH / 'fuzz.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["styrkort"]):
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import transaction

    from styrkort.exchange.document import to_dict, to_json

    for module in ("import-ils", "import-json"):  # loaded here, so that libFuzzer sees their coverage
        importlib.import_module(
            f"styrkort.{'ils' if module == 'import-ils' else 'storage'}.management.commands.{module}"
        )
    from tests.factories import make_followup
    from tests.fuzzing import DOCUMENT_OPERATIONS, LINE_OPERATIONS, ODD_VALUES, mutate_document, mutate_lines

INPUT = SCRATCH / "input"


def _run(command: str) -> None:
    with transaction.atomic():
        try:
            call_command(command, str(INPUT), stdout=StringIO(), stderr=StringIO())
        except CommandError:
            pass  # a refusal with a message: what we want for bad input
        finally:
            transaction.set_rollback(True)


def _operations(data: bytes, names: tuple[str, ...]) -> list[tuple[str, int, int, str]]:
    provider = atheris.FuzzedDataProvider(data)
    return [
        (
            names[provider.ConsumeIntInRange(0, len(names) - 1)],
            provider.ConsumeIntInRange(0, 10**6),
            provider.ConsumeIntInRange(0, 10**6),
            ODD_VALUES[provider.ConsumeIntInRange(0, len(ODD_VALUES) - 1)]
            if provider.ConsumeBool()
            else provider.ConsumeUnicode(40),
        )
        for _ in range(provider.ConsumeIntInRange(1, 4))
    ]


def main() -> None:
    target = sys.argv.pop(1) if len(sys.argv) > 1 else "ils"
    call_command("migrate", verbosity=0)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    document = to_dict(make_followup())
    seed_file = SCRATCH / "seed.txt"
    seed_file.write_text("\n".join(lines), encoding="utf-8")
    call_command("import-ils", str(seed_file), stdout=StringIO(), stderr=StringIO())
    corpus = SCRATCH / "corpus"
    corpus.mkdir()
    command = "import-json" if target.startswith("json") else "import-ils"
    if target == "ils":
        (corpus / "seed").write_bytes(SEED.read_bytes())
    elif target == "json":
        (corpus / "seed").write_text(to_json(make_followup()), encoding="utf-8")

    def one_input(data: bytes) -> None:
        if target in ("ils", "json"):
            INPUT.write_bytes(data)
        elif target == "ils-ops":
            text = mutate_lines(lines, _operations(data, LINE_OPERATIONS))
            INPUT.write_text(text, encoding="utf-8", errors="surrogatepass")
        else:
            text = mutate_document(document, _operations(data, DOCUMENT_OPERATIONS))
            INPUT.write_text(text, encoding="utf-8", errors="surrogatepass")
        _run(command)

    args = [sys.argv[0], "-max_len=400000", *sys.argv[1:]]
    if target in ("ils", "json"):
        args.append(str(corpus))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
