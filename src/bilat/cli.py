"""The `bilat` command. Each command parses options, calls the library and prints; nothing more."""
from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from collections import Counter
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__, evaluate, jobs, output
from . import export as export_facts
from .errors import BilatError, ReadError
from .ingest import DEFAULT_MAX_MB, expand_paths, read_document
from .store import Workspace

class _Group(TyperGroup):
    """Turns a BilatError from any command into one line on stderr and exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BilatError as exc:
            fail(str(exc))
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_Group,
    help="Source-linked facts about relations between states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

# Options shared by every command that touches a workspace or prints for scripts.
DbOption = Annotated[Optional[str], typer.Option(
    "--db", envvar="BILAT_DB", help="Workspace: a SQLite file path or a SQLAlchemy URL [default: bilat.db].")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (JSON Lines for lists) for scripts.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Print a line for every file.")]
WorkersOption = Annotated[int, typer.Option(
    "--workers", "-w", min=1, envvar="BILAT_WORKERS", help="Extract in this many processes.")]
MaxSizeOption = Annotated[float, typer.Option(
    "--max-size", envvar="BILAT_MAX_MB", min=0.001, help="Refuse files larger than this many MB.")]


def fail(message: str) -> None:
    """One line on stderr for a problem the user can fix."""
    err.print(f"bilat: {message}", markup=False)


def write_json_line(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@app.command()
def text(file: Annotated[str, typer.Argument(help="A .txt, .md, .html or .pdf file.")],
         max_size: MaxSizeOption = DEFAULT_MAX_MB) -> None:
    """Print a document's plain text: the exact string that evidence offsets index into."""
    try:
        doc = read_document(file, int(max_size * 1048576))
    except ReadError as exc:
        fail(str(exc))
        raise typer.Exit(2)
    sys.stdout.buffer.write(doc.text.encode("utf-8"))
    sys.stdout.flush()


class Engine(str, Enum):
    local = "local"
    ray = "ray"


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Files, folders (read recursively), JSONL corpora (one document per line) or - for paths on stdin.")],
    db: DbOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_MB,
    workers: WorkersOption = 1,
    engine: Annotated[Optional[Engine], typer.Option(
        help="Batch engine: local (a process pool) or ray (a Ray cluster); streams any number of files "
             "[default: none, the plain ingest].")] = None,
    parquet: Annotated[Optional[str], typer.Option(
        "--parquet", help="Also write the new facts to this folder as Parquet, partitioned by kind and month "
                          "(implies --engine local unless given).")] = None,
    ray_address: Annotated[Optional[str], typer.Option(
        "--ray-address", envvar="RAY_ADDRESS", help="Ray cluster to use with --engine ray [default: a private "
                                                    "local instance].")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per batch sent to a worker "
                                                                       "(with --engine).")] = 32,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Read documents into the workspace and extract their facts. The same text twice is stored once; a
    changed file is a new version; documents extracted by an older engine are extracted again."""
    workspace = Workspace(db)
    report = None
    if engine is None and parquet is None:
        files = list(expand_paths(paths))
        total = None if any(f.suffix.lower() == ".jsonl" for f in files) else len(files)
        results = jobs.ingest(files, workspace, int(max_size * 1048576), workers)
    else:
        from . import batch

        total, report = None, batch.BatchReport((engine or Engine.local).value, workers)
        results = batch.stream(paths, report.engine, workers, workspace, parquet, batch_size,
                               max_bytes=int(max_size * 1048576), ray_address=ray_address, report=report)
    counts: Counter[str] = Counter()
    show_bar = err.is_terminal and not quiet and not as_json and (total is None or total > 1)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err, transient=True, disable=not show_bar)
    try:
        with progress:
            task = progress.add_task("ingesting", total=total)
            for result in results:
                progress.advance(task)
                status = "failed" if result.error else result.outcome.status
                counts[status] += 1
                counts["facts"] += result.facts
                if result.error:
                    fail(f"{result.path}: {result.error}")
                if as_json:
                    write_json_line(result.to_json())
                    continue
                for note in result.notes:
                    if not quiet:
                        err.print(f"bilat: note: {result.path}: {note}", markup=False)
                if verbose and not result.error:
                    out.print(f"{status:<9} {result.outcome.document_id[:12]}  v{result.outcome.version}  "
                              f"{result.path}", markup=False)
    except KeyboardInterrupt:
        results.close()  # stops the workers now, and flushes what is written (Parquet) before exiting
        done = sum(counts[s] for s in ("added", "updated", "re-extracted", "unchanged", "failed"))
        of = f" of {total}" if total is not None else ""
        fail(f"interrupted after {done}{of} files; "
             "run the same command again to finish (stored documents are kept, none is half-written)")
        raise typer.Exit(130)
    if not quiet and not as_json:
        done = sum(counts[s] for s in ("added", "updated", "re-extracted", "unchanged", "failed"))
        summary = ", ".join(f"{counts[s]} {s}" for s in ("added", "updated", "re-extracted", "unchanged", "failed")
                            if counts[s])
        out.print(f"{done} files: {summary or 'nothing to do'}; {counts['facts']} facts extracted; "
                  f"{workspace.count()} documents in the workspace", markup=False)
        if report is not None:
            out.print(report.summary() + (f"; {report.parquet_rows} Parquet rows in {parquet}" if parquet else ""),
                      markup=False)
    if counts["failed"]:
        raise typer.Exit(2)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Documents to read (.txt, .md, .html, .pdf).")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: one object for one file, JSON Lines "
                                              "for several; jsonl; csv; table.")] = OutputFormat.json,
    published: Annotated[Optional[str], typer.Option(
        help="Publication date YYYY-MM-DD (overrides what the file says).")] = None,
    max_size: MaxSizeOption = DEFAULT_MAX_MB,
    workers: WorkersOption = 1,
) -> None:
    """Extract source-linked facts from documents without storing them."""
    from .extract import Extraction

    if published is not None:
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            raise BilatError(f"--published {published!r} is not a date in the form YYYY-MM-DD") from None
    failed, results = False, []
    with jobs.Extractor(workers) as extractor:
        for batch in jobs.batched(files, jobs.BATCH * workers):
            documents = []
            for path in batch:
                try:
                    documents.append(read_document(path, int(max_size * 1048576)))
                except ReadError as exc:
                    fail(str(exc))
                    failed = True
            for document in documents:
                if published:
                    document.published = published
            for document, facts in zip(documents, extractor.map(documents)):
                _emit(Extraction.of(document, facts).to_json(), fmt, len(files), results)
    if fmt is OutputFormat.csv:
        sys.stdout.write(output.to_csv(results))
    elif fmt is OutputFormat.table:
        for result in results:
            _print_facts_table(result)
    if failed:
        raise typer.Exit(2)


def _emit(result: dict, fmt: "OutputFormat", n_files: int, results: list) -> None:
    """JSON goes out as each document is done; CSV and tables are printed at the end."""
    if fmt is OutputFormat.json and n_files == 1:
        sys.stdout.write(output.to_json(result) + "\n")
    elif fmt in (OutputFormat.json, OutputFormat.jsonl):
        sys.stdout.write(output.to_json(result, indent=None) + "\n")
        sys.stdout.flush()
    else:
        results.append(result)


def _print_facts_table(result: dict) -> None:
    meta = result["document"]
    table = Table(title=f"{meta['title'] or meta['path']} ({meta['published'] or 'undated'})", box=None,
                  header_style="bold", title_justify="left")
    for column in ("kind", "fact", "date", "evidence"):
        table.add_column(column, overflow="fold")
    for row in output.rows(result):
        table.add_row(row["kind"], row["summary"], str(row["date"]), row["evidence"][:160])
    out.print(table)


FactKind = Enum("FactKind", {kind: kind for kind in evaluate.FACT_KINDS}, type=str)


@app.command("eval")
def eval_(
    gold: Annotated[list[str], typer.Argument(help="Gold files (*.gold.json); each names its document beside it.")],
    kinds: Annotated[Optional[list[FactKind]], typer.Option(
        "--kind", "-k", help="Score only this kind of fact (repeat for several) [default: all].")] = None,
    min_f1: Annotated[Optional[float], typer.Option(
        "--min-f1", min=0.0, max=1.0, help="Exit 1 if the overall F1 is below this.")] = None,
    as_json: JsonOption = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also list each document's false positives.")] = False,
    max_size: MaxSizeOption = DEFAULT_MAX_MB,
) -> None:
    """Score bilat's extraction against gold files: recall, precision and F1 per kind of fact."""
    chosen = [k.value for k in kinds] if kinds else list(evaluate.FACT_KINDS)
    report = evaluate.evaluate(gold, chosen, int(max_size * 1048576), on_failure=lambda f: fail(f.message))
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        _print_eval(report, verbose)
    if report.failures:
        raise typer.Exit(2)
    if min_f1 is not None and (report.overall.f1 or 0.0) < min_f1:
        raise typer.Exit(1)


def _ratio_cell(value: Optional[float], width: int) -> str:
    return f"{value:>{width}.2f}" if value is not None else f"{'-':>{width}}"


def _print_eval(report: evaluate.Report, verbose: bool) -> None:
    # Plain fixed columns rather than a rich Table: the same layout as ../shared/eval/score.py, easy to diff.
    out.print(f"{'kind':<11}{'gold':>5}{'pred':>6}{'recall':>8}{'prec':>7}{'F1':>6}", markup=False)
    for kind, t in report.totals.items():
        out.print(f"{kind:<11}{t.gold:>5}{t.pred:>6}{_ratio_cell(t.recall, 8)}{_ratio_cell(t.precision, 7)}"
                  f"{_ratio_cell(t.f1, 6)}", markup=False)
    for doc in report.documents:
        name = Path(doc.gold).name
        missed = [f"{kind}:{label}" for kind, score in doc.kinds.items() for label in score.missed]
        if missed:
            out.print(f"{name} missed: {', '.join(missed)}", markup=False)
        wrong = [(kind, fact) for kind, score in doc.kinds.items() for fact in score.false_positives]
        if verbose and wrong:
            out.print(f"{name} false positives:", markup=False)
            for kind, fact in wrong:
                out.print(f"  {kind}: {evaluate.fact_summary(kind, fact)}", markup=False)
    o = report.overall
    out.print(f"overall recall {o.recall or 0:.2f} precision {o.precision or 0:.2f} F1 {o.f1 or 0:.2f} "
              f"grounded {o.grounding or 0:.2f}", markup=False)


# -- export ------------------------------------------------------------------------------------------------

ExportKind = Enum("ExportKind", {kind: kind for kind in export_facts.KINDS}, type=str)
ExportFormat = Enum("ExportFormat", {fmt: fmt for fmt in export_facts.FORMATS}, type=str)


@app.command("export")
def export_(
    kind: Annotated[ExportKind, typer.Option("--kind", "-k", help="Which facts to export.")],
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="csv; jsonl; parquet (needs --out); gdelt: events as GDELT 2.0 event records "
                               "(61 tab-separated columns, no header).")] = ExportFormat.csv,
    dyad: Annotated[Optional[str], typer.Option(
        help="Only facts whose actors include both sides, e.g. CHN-RUS (people: a person of either side).")] = None,
    since: Annotated[Optional[str], typer.Option(
        help="Only facts dated on or after YYYY-MM-DD (the event's date, the agreement's signing, "
             "else the document's publication date).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only facts dated on or before YYYY-MM-DD.")] = None,
    out_file: Annotated[Optional[str], typer.Option(
        "--out", "-o", help="Write to this file; - or nothing means standard output.")] = None,
    db: DbOption = None,
) -> None:
    """Export stored facts, one row per fact with its document and evidence, as CSV, JSON Lines, Parquet
    or GDELT 2.0 event records."""
    result = export_facts.export(Workspace(db), kind.value, fmt.value, out_file, dyad=dyad, since=since,
                                 until=until, stdout=sys.stdout)
    if result.skipped_undated:
        err.print(f"bilat: note: {result.skipped_undated} events without a date left out "
                  "(GDELT records need SQLDATE)", markup=False)
    if out_file not in (None, "-"):
        err.print(f"{result.rows} {kind.value} written to {out_file}", markup=False)


# -- analysis: bilat brief, bilat forecasts, bilat forecast ------------------------------------------------

SinceOption = Annotated[Optional[str], typer.Option("--since", help="First day, YYYY-MM-DD (events by their "
                        "date, agreements by signature, the rest by publication).")]
UntilOption = Annotated[Optional[str], typer.Option("--until", help="Last day, YYYY-MM-DD.")]


def _scope(dyad: Optional[str], actor: Optional[str], since: Optional[str], until: Optional[str]):
    from .analyze import Scope

    if bool(dyad) == bool(actor):
        raise BilatError("give either --dyad (e.g. CHN-RUS) or --actor (e.g. CHN)")
    spec = dyad or actor
    if dyad and len([p for p in spec.replace("–", "-").split("-") if p.strip()]) != 2:
        raise BilatError(f"--dyad {dyad!r} is not two actors: give codes such as CHN-RUS")
    return Scope.parse(spec, since, until)


@app.command()
def brief(
    out_path: Annotated[str, typer.Option("--out", "-o", help="brief.html (self-contained) or brief.md "
                                          "(charts as SVG files beside it).")] = "brief.html",
    dyad: Annotated[Optional[str], typer.Option("--dyad", help="Two actors, e.g. CHN-RUS.")] = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="One actor, e.g. CHN.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    freq: Annotated[Optional[str], typer.Option(
        "--freq", help="Timeline buckets: week, month or quarter [default: by the span of the events].")] = None,
    db: DbOption = None,
) -> None:
    """Write a report on a dyad or an actor: events over time, agreements, stances, figures, people and
    forecasts, every row linked to the sentence that states it."""
    from .analyze import analyze
    from .report import write_brief

    if freq not in (None, "week", "month", "quarter"):
        raise BilatError(f"--freq {freq!r}: use week, month or quarter")
    scope = _scope(dyad, actor, since, until)
    analysis = analyze(Workspace(db), scope, freq)
    written = write_brief(analysis, out_path, workspace_label=Path(db).name if db and "://" not in db else "")
    for path in written:
        out.print(str(path), markup=False)


def _forecast_views(db: Optional[str]):
    from .analyze import clusters, forecasts

    workspace = Workspace(db)
    return workspace, forecasts(workspace, clusters(workspace, "forecasts"))


@app.command("forecasts")
def forecasts_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the forecasts in the workspace (each once, however many documents make it) with their status."""
    _, views = _forecast_views(db)
    if as_json:
        for view in views:
            write_json_line(view.to_json())
        return
    table = Table(box=None, header_style="bold")
    for column in ("id", "status", "reported", "forecast", "note"):
        table.add_column(column, overflow="fold")
    for view in views:
        table.add_row(view.cluster.id[:10], view.status, view.cluster.first_reported or "", view.text, view.note or "")
    out.print(table)


@app.command()
def forecast(
    forecast_id: Annotated[str, typer.Argument(help="A forecast id (or its first digits) from `bilat forecasts`.")],
    status: Annotated[Optional[str], typer.Option("--status", help="open, confirmed or refuted.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why: what happened, with a source.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a forecast, or record whether it came true. The verdict is kept apart from the extracted facts
    and survives re-extraction."""
    from .store.annotations import set_forecast_status

    workspace, views = _forecast_views(db)
    wanted = forecast_id.strip().lower()
    if len(wanted) < 4:
        raise BilatError(f"{forecast_id!r} is too short: give at least 4 digits of the id `bilat forecasts` shows")
    matches = [v for v in views if v.cluster.id.startswith(wanted)]
    if not matches:
        raise BilatError(f"no forecast with id {forecast_id} (see `bilat forecasts`)")
    if len(matches) > 1:
        raise BilatError(f"id {forecast_id} is ambiguous: give more digits")
    view = matches[0]
    if status is not None or note is not None:
        saved = set_forecast_status(workspace, view.cluster.id, status or view.status, note)
        view.status, view.note, view.updated_at = saved.status, saved.note, saved.updated_at
    if as_json:
        write_json_line(view.to_json())
        return
    out.print(f"{view.cluster.id[:10]}  {view.status}  {view.text}", markup=False)
    if view.note:
        out.print(f"note: {view.note}", markup=False)


@app.command()
def indicators(
    dyad: Annotated[Optional[str], typer.Option("--dyad", help="Two actors, e.g. CHN-RUS.")] = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="One actor, e.g. CHN.")] = None,
    parquet: Annotated[Optional[str], typer.Option(
        "--parquet", help="Read events from Parquet with DuckDB: a file from `bilat export --format parquet` or "
                          "a folder from `bilat ingest --parquet` (DIR/kind=events/...). Counts every stored "
                          "report; without it, the workspace's deduplicated events are counted.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    freq: Annotated[Optional[str], typer.Option(
        "--freq", help="week, month or quarter [default: by the span of the events].")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print the event timeline of a dyad or an actor: events, counts by QuadClass and mean Goldstein per
    period and direction (the same SQL definition over the workspace or over Parquet)."""
    from .analyze import clusters, event_indicators
    from .analyze import sql as indicator_sql

    if freq not in (None, "week", "month", "quarter"):
        raise BilatError(f"--freq {freq!r}: use week, month or quarter")
    scope = _scope(dyad, actor, since, until)
    if parquet:
        if not Path(parquet).exists():
            raise BilatError(f"--parquet {parquet}: no such file or folder")
        result = indicator_sql.parquet_indicators(parquet, scope, freq)
    else:
        workspace = Workspace(db)
        events = [c for c in clusters(workspace, "events") if scope.covers(c.keys) and scope.in_period(c.date)]
        result = event_indicators(events, freq)
    if as_json:
        write_json_line(result.to_json())
        return
    table = Table(box=None, header_style="bold")
    # QuadClass 1-4: verbal cooperation, material cooperation, verbal conflict, material conflict.
    for column in ("period", "direction", "events", "q1", "q2", "q3", "q4", "goldstein", "top CAMEO roots"):
        table.add_column(column, no_wrap=True,
                         justify="left" if column in ("period", "direction", "top CAMEO roots") else "right")
    for row in result.by_period_direction:
        roots = sorted(row["cameo_root"].items(), key=lambda kv: -kv[1])[:3]
        mean = row["goldstein_mean"]
        table.add_row(row["period"], f"{row['source']}→{row['target']}", str(row["events"]),
                      *(str(row["quad_class"][q]) for q in (1, 2, 3, 4)), "" if mean is None else f"{mean:.2f}",
                      ",".join(f"{r or '?'}:{n}" for r, n in roots))
    out.print(table)
    total = sum(v["events"] for v in result.by_direction.values())
    out.print(f"{total} events by {result.freq}; {result.undated} undated (in no period)", markup=False)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 exposes the server to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[Optional[str], typer.Option(
        envvar="BILAT_TOKEN", help="Allow uploads and forecast edits to whoever sends this token "
                                   "(Authorization: Bearer TOKEN or the forms' token field). Without it the "
                                   "server is read-only.")] = None,
    max_upload: Annotated[float, typer.Option(
        "--max-upload", min=0.001, help="Refuse uploads larger than this many MB.")] = 20.0,
) -> None:
    """Serve the workspace in a browser: dashboard, documents with highlighted evidence, fact tables with
    CSV/JSON export, actor pages, and a JSON API under /api (reference at /docs)."""
    from .web import serve as run_server

    Workspace(db)  # a bad --db fails here, as one line, before the server starts
    out.print(f"bilat serving {'read-only ' if not token else ''}on http://{host}:{port}/ (Ctrl-C stops)",
              markup=False)
    run_server(db, host, port, token, max_upload)


@app.command()
def docs(db: DbOption = None, all_versions: Annotated[bool, typer.Option(
             "--all", help="Include earlier versions of changed files.")] = False,
         as_json: JsonOption = False) -> None:
    """List the documents in the workspace."""
    workspace = Workspace(db)
    rows = workspace.documents(all_versions)
    facts = workspace.fact_counts()
    if as_json:
        for row in rows:
            write_json_line({**_doc_summary(row), "facts": facts.get(row.id, 0)})
        return
    table = Table(box=None, header_style="bold")
    for column in ("id", "ver", "format", "published", "facts", "title", "path"):
        table.add_column(column, overflow="fold", ratio=3 if column == "title" else None)
    for row in rows:
        table.add_row(row.content_hash[:12], str(row.version), row.format, row.published or "",
                      str(facts.get(row.id, 0)), row.title or "", _short_path(row.path))
    out.print(table)
    out.print(f"{len(rows)} documents", markup=False)


@app.command()
def show(document_id: Annotated[str, typer.Argument(help="A document id or its first digits.")],
         db: DbOption = None, as_json: JsonOption = False) -> None:
    """Print one document: its metadata, then its text."""
    row = Workspace(db).document(document_id)
    summary = _doc_summary(row)
    if as_json:
        sys.stdout.write(json.dumps({**summary, "text": row.text}, ensure_ascii=False, indent=1) + "\n")
        return
    for key, value in summary.items():
        if value not in (None, [], ""):
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            out.print(f"{key + ':':<12} {shown}", markup=False)
    out.print()
    out.print(row.text, markup=False)


def _short_path(path: str) -> str:
    """Paths under the current folder are shown relative to it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _doc_summary(row) -> dict:
    return {
        "id": row.content_hash, "path": row.path, "format": row.format, "title": row.title,
        "authors": row.authors, "published": row.published, "source": row.source, "url": row.url,
        "language": row.language, "encoding": row.encoding, "chars": row.chars, "version": row.version,
        "pages": len(row.pages or []), "notes": row.notes, "ingested_at": row.ingested_at.isoformat(),
    }


def _version(value: bool) -> None:
    if value:
        out.print(f"bilat {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Source-linked facts about relations between states."""


def main() -> None:
    app()
