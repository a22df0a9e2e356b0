"""Bulk import of sensors from CSV, XLSX (Amsterdam's bulk template, Dutch headers) and GeoJSON.

Idempotent on (owner, reference): importing the same file twice changes nothing the second time. Every
problem is reported per row and field. The user chooses ``all_or_nothing`` (any error: nothing written)
or ``valid_only`` (rows with errors skipped); either way the rows are written in ONE database
transaction, so an import that fails or is killed half-way leaves the register exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .errors import RegisterImportError
from .storage import Register
from .validation import Issue, check_raw, is_empty

ALL_OR_NOTHING = "all_or_nothing"
VALID_ONLY = "valid_only"
MODES = (ALL_OR_NOTHING, VALID_ONLY)


@dataclass
class ImportReport:
    source: str
    mode: str
    total: int = 0
    valid: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    issues: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rows_with_errors(self) -> list[int]:
        return sorted({i.row for i in self.issues if i.row is not None})

    def summary(self) -> str:
        state = "geschreven" if self.written else "NIETS geschreven"
        return (
            f"{self.source}: {self.total} rijen, {self.valid} geldig, "
            f"{len(self.rows_with_errors)} met fouten "
            f"({len(self.issues)} meldingen); {state}: {self.inserted} nieuw, {self.updated} gewijzigd, "
            f"{self.unchanged} ongewijzigd."
        )

    def write_csv(self, path) -> Path:
        """The per-row, per-field error report (Dutch headers, ';'-separated, opens in Excel)."""
        path = Path(path)
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(["rij", "veld", "melding"])
            for issue in self.issues:
                writer.writerow([issue.row if issue.row is not None else "", issue.field, issue.message])
        return path


# --- readers: each returns (rows, notes); a row is (row number as the user sees it, {field: raw}) --------


def _map_row(headers: list, values: list) -> dict:
    raw: dict = {}
    themes: list = []
    for header, value in zip(headers, values):
        if header is None:
            continue
        if header == "themes":
            if not is_empty(value):
                themes.append(value)
            continue
        if header in raw and not is_empty(raw[header]) and is_empty(value):
            continue
        raw[header] = value
    if themes:
        raw["themes"] = ";".join(str(t) for t in themes)
    return raw


def _map_headers(headers: list, notes: list[str]) -> list:
    mapped = []
    for header in headers:
        name = model.header_to_field(header) if not is_empty(header) else None
        if name is None and not is_empty(header):
            notes.append(f"kolom '{header}' is onbekend en wordt genegeerd.")
        mapped.append(name)
    return mapped


def read_csv(path) -> tuple[list[tuple[int, dict]], list[str]]:
    path = Path(path)
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise RegisterImportError(
            f"{path}: het bestand is leeg; verwacht een kopregel met kolomnamen."
        ) from None
    notes: list[str] = []
    mapped = _map_headers(headers, notes)
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append((number, _map_row(mapped, values)))
    return rows, notes


def read_xlsx(path, sheet: str | None = None) -> tuple[list[tuple[int, dict]], list[str]]:
    import openpyxl

    path = Path(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise RegisterImportError(f"{path}: geen leesbaar XLSX-bestand ({error}).") from error
    names = workbook.sheetnames
    chosen = sheet or next((n for n in names if n.lower().startswith("sensorregistratie")), names[0])
    if chosen not in names:
        raise RegisterImportError(f"{path}: tabblad '{chosen}' ontbreekt; aanwezig: {', '.join(names)}.")
    notes: list[str] = []
    iterator = workbook[chosen].iter_rows(values_only=True)
    try:
        headers = list(next(iterator))
    except StopIteration:
        raise RegisterImportError(f"{path}: tabblad '{chosen}' is leeg; verwacht een kopregel.") from None
    mapped = _map_headers(headers, notes)
    rows = []
    for number, values in enumerate(iterator, start=2):
        if not any(not is_empty(v) for v in values):
            continue
        rows.append((number, _map_row(mapped, list(values))))
    owner = None
    for name in names:  # Amsterdam template: the owner's details live on the sheet "Uw gegevens"
        if name.lower().startswith("uw gegevens"):
            for label, value, *_rest in list(workbook[name].iter_rows(values_only=True)) + [(None, None)]:
                if label and str(label).lower().startswith(("naam organisatie", "organisatie")) and value:
                    owner = str(value)
    workbook.close()
    if owner:
        for _number, raw in rows:
            raw.setdefault("owner", owner)
    return rows, notes


def read_geojson(path) -> tuple[list[tuple[int, dict]], list[str]]:
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RegisterImportError(f"{path}: geen geldige GeoJSON ({error}).") from error
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        raise RegisterImportError(f"{path}: verwacht een GeoJSON FeatureCollection met 'features'.")
    crs_name = json.dumps(document.get("crs", ""))
    rd = "28992" in crs_name
    notes: list[str] = []
    rows = []
    unknown: set[str] = set()
    for number, feature in enumerate(document["features"], start=1):
        raw: dict = {}
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(properties, dict):
            headers = list(properties)
            mapped = []
            for header in headers:
                name = model.header_to_field(header)
                if name is None:
                    unknown.add(str(header))
                mapped.append(name)
            raw = _map_row(mapped, [properties[h] for h in headers])
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if isinstance(geometry, dict) and geometry.get("type") == "Point":
            coordinates = geometry.get("coordinates")
            if isinstance(coordinates, list) and len(coordinates) >= 2:
                a, b = coordinates[0], coordinates[1]
                raw.update({"x": a, "y": b} if rd else {"lon": a, "lat": b})
                if len(coordinates) > 2 and is_empty(raw.get("height_m")):
                    raw["height_m"] = coordinates[2]
        elif geometry is not None:
            raw["x"] = raw["y"] = "geen punt"
        rows.append((number, raw))
    notes += [f"eigenschap '{name}' is onbekend en wordt genegeerd." for name in sorted(unknown)]
    return rows, notes


READERS = {
    ".csv": read_csv,
    ".txt": read_csv,
    ".xlsx": read_xlsx,
    ".geojson": read_geojson,
    ".json": read_geojson,
}


def read_rows(path) -> tuple[list[tuple[int, dict]], list[str]]:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise RegisterImportError(
            f"{path}: onbekend bestandstype '{path.suffix}'; verwacht .csv, .xlsx of .geojson."
        )
    if not path.is_file():
        raise RegisterImportError(f"{path}: bestand niet gevonden.")
    return reader(path)


# --- checking and writing ---------------------------------------------------------------------------


def check_rows(
    rows: list[tuple[int, dict]], default_owner: str | None = None
) -> tuple[list[dict], list[Issue]]:
    """Normalise and validate rows; also catches duplicate (owner, reference) within the file."""
    records, issues = [], []
    seen: dict[tuple, int] = {}
    for number, raw in rows:
        if default_owner and is_empty(raw.get("owner")):
            raw = dict(raw, owner=default_owner)
        record, row_issues = check_raw(raw, number)
        key = (record.get("owner"), record.get("reference"))
        if not row_issues and key in seen:
            row_issues.append(
                Issue(
                    "reference",
                    f"referentie '{key[1]}' van eigenaar '{key[0]}' staat ook al in "
                    f"rij {seen[key]}; verwacht één rij per sensor.",
                    number,
                    "uq_owner_reference",
                )
            )
        if not row_issues:
            seen.setdefault(key, number)
            record["_row"] = number
            records.append(record)
        issues += row_issues
    return records, issues


def import_rows(
    register: Register,
    rows: list[tuple[int, dict]],
    source: str,
    mode: str = ALL_OR_NOTHING,
    user: str | None = None,
    default_owner: str | None = None,
    progress=None,
) -> ImportReport:
    if mode not in MODES:
        raise RegisterImportError(f"importmodus '{mode}': verwacht {' of '.join(MODES)}.")
    report = ImportReport(source=source, mode=mode, total=len(rows))
    records, report.issues = check_rows(rows, default_owner)
    report.valid = len(records)
    if report.issues and mode == ALL_OR_NOTHING:
        return report
    if records:
        counts = register.upsert_sensors(records, user=user, progress=progress)
        report.inserted, report.updated, report.unchanged = (
            counts["inserted"],
            counts["updated"],
            counts["unchanged"],
        )
    report.written = True
    return report


def import_file(
    register: Register,
    path,
    mode: str = ALL_OR_NOTHING,
    user: str | None = None,
    default_owner: str | None = None,
    progress=None,
) -> ImportReport:
    """Import ``path`` (.csv, .xlsx, .geojson) into ``register``; see the module docstring."""
    rows, notes = read_rows(path)
    report = import_rows(register, rows, str(path), mode, user, default_owner, progress)
    report.notes = notes
    return report


def write_template(path) -> Path:
    """An XLSX template with Amsterdam's Dutch headers plus the register's extra columns and value lists."""
    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sensorregistratie"
    extra = [
        f.label_nl
        for f in model.IMPORT_FIELDS
        if f.name not in {v for v in model.AMSTERDAM_HEADERS.values()} and f.name != "sensor_type_other"
    ]
    headers = model.TEMPLATE_HEADERS + ["Anders, namelijk"] + extra
    sheet.append(headers)
    sheet.append(
        [
            "Gemeente Dordrecht",
            "DOR-LK-001",
            "Chemiesensor",
            51.8098,
            4.6690,
            "NO2 en fijnstof (PM2,5)",
            "Luchtkwaliteit in de Spoorzone volgen",
            "Lucht",
            "Gezondheidsrisico's",
            "",
            "Nee",
            "",
            "",
            "2030-12-31",
            "",
        ]
    )
    lists = workbook.create_sheet("Waardelijsten")
    for column, (table, values) in enumerate(model.VALUE_LISTS.items(), start=1):
        lists.cell(row=1, column=column, value=table)
        for row, (_code, label) in enumerate(values, start=2):
            lists.cell(row=row, column=column, value=label)
    letter = openpyxl.utils.get_column_letter(list(model.VALUE_LISTS).index("vl_sensor_type") + 1)
    validation = DataValidation(
        type="list", formula1=f"=Waardelijsten!${letter}$2:${letter}$13", allow_blank=True
    )
    sheet.add_data_validation(validation)
    validation.add("C2:C5000")
    owner = workbook.create_sheet("Uw gegevens")
    for label in ("Naam organisatie/bedrijf", "Website", "Publiek contactadres (functioneel)"):
        owner.append([label, ""])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
