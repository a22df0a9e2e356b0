"""The liveability report: HTML (maps as PNG, charts as inline SVG, one row per buurt) and a PDF made
with a QGIS print layout (map, legend, chart, table). GUI-free: uses qgis.core rendering only."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from string import Template

import numpy as np

from .index import CLASS_LABELS, DIMENSION_NL, DIMENSIONS

TEMPLATE = Path(__file__).resolve().parents[2] / "resources" / "liveability" / "report_template.html"
STYLE = Path(__file__).resolve().parents[2] / "resources" / "styles" / "liveability_index.qml"
CLASS_COLOURS = (
    "#a50026",
    "#d73027",
    "#f46d43",
    "#fdae61",
    "#fee08b",
    "#d9ef8b",
    "#a6d96a",
    "#66bd63",
    "#1a9850",
)
DIMENSION_COLOURS = {
    "housing": "#8c510a",
    "physical": "#1b9e77",
    "amenities": "#7570b3",
    "social": "#e7298a",
    "nuisance": "#d95f02",
}


def index_renderer(field: str = "class"):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsRendererCategory

    categories = []
    for number, (label, colour) in enumerate(zip(CLASS_LABELS, CLASS_COLOURS), start=1):
        symbol = QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": "#404040", "outline_width": "0.2"}
        )
        categories.append(QgsRendererCategory(number, symbol, f"{number} {label}"))
    return QgsCategorizedSymbolRenderer(field, categories)


def style_index_layer(layer) -> None:
    if STYLE.is_file():
        layer.loadNamedStyle(str(STYLE))
    else:
        layer.setRenderer(index_renderer())
    layer.triggerRepaint()


def render_map(layers: list, path, extent=None, width: int = 1200, height: int = 900) -> str:
    """Render ``layers`` (top first) to a PNG with the QGIS map renderer."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsMapRendererParallelJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
    settings.setOutputSize(QSize(width, height))
    settings.setBackgroundColor(QColor("white"))
    target = extent or layers[-1].extent()
    target.scale(1.05)
    settings.setExtent(target)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(path), "PNG")
    return str(path)


def _rows(layer) -> list:
    names = [f.name() for f in layer.fields()]
    rows = []
    for feature in layer.getFeatures():
        row = {}
        for name, value in zip(names, feature.attributes()):
            if value is None or (hasattr(value, "isNull") and value.isNull()):
                value = None
            row[name] = value
        rows.append(row)
    return rows


def dimension_chart_svg(rows: list, id_field: str, name_field: str | None = None, width: int = 760) -> str:
    """Horizontal stacked bars: each area's dimension scores (negative left, positive right)."""
    dims = [d for d in DIMENSIONS if rows and f"dim_{d}" in rows[0]]
    bar, gap, left = 14, 4, 220
    ordered = sorted(rows, key=lambda r: r.get("total") if r.get("total") is not None else 0)
    extent = max([sum(abs(r.get(f"dim_{d}") or 0) for d in dims) for r in ordered] + [1.0])
    half = (width - left - 20) / 2
    scale = half / extent
    zero = left + half
    height = 40 + len(ordered) * (bar + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="11">'
    ]
    parts.append(f'<line x1="{zero}" y1="20" x2="{zero}" y2="{height - 10}" stroke="#333"/>')
    for i, d in enumerate(dims):
        parts.append(
            f'<rect x="{left + i * 110}" y="2" width="10" height="10" fill="{DIMENSION_COLOURS[d]}"/>'
            f'<text x="{left + i * 110 + 14}" y="11">{html.escape(d)}</text>'
        )
    for row_number, row in enumerate(ordered):
        y = 24 + row_number * (bar + gap)
        label = str(row.get(id_field, ""))
        if name_field and row.get(name_field):
            label = f"{row[name_field]} ({label})"
        parts.append(
            f'<text x="{left - 6}" y="{y + bar - 3}" text-anchor="end">{html.escape(label[:34])}</text>'
        )
        positive, negative = zero, zero
        for d in dims:
            value = float(row.get(f"dim_{d}") or 0.0)
            length = abs(value) * scale
            if value >= 0:
                x, positive = positive, positive + length
            else:
                negative -= length
                x = negative
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar}" '
                f'fill="{DIMENSION_COLOURS[d]}"><title>{html.escape(d)}: {value:+.2f}</title></rect>'
            )
        total = row.get("total")
        if total is not None:
            parts.append(
                f'<text x="{width - 4}" y="{y + bar - 3}" text-anchor="end">{float(total):+.2f}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _fmt(value) -> str:
    if value is None:
        return "&ndash;"
    if isinstance(value, float):
        return "&ndash;" if np.isnan(value) else _number(value)
    return html.escape(str(value))


def write_report(
    index_layer,
    html_path,
    pdf_path=None,
    *,
    title: str = "Liveability report",
    provenance: list | None = None,
    notes: list | None = None,
    extra_layers: list | None = None,
    id_field: str = "bu_code",
) -> dict:
    """Write the HTML report (and the PDF when ``pdf_path``); returns {'html': path, 'pdf': path|None}."""
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    assets = html_path.parent / (html_path.stem + "_files")
    assets.mkdir(exist_ok=True)
    style_index_layer(index_layer)
    map_png = render_map([index_layer], assets / "index_map.png")
    rows = _rows(index_layer)
    name_field = "bu_naam" if rows and "bu_naam" in rows[0] else None
    chart = dimension_chart_svg(rows, id_field, name_field)
    (assets / "dimensions.svg").write_text(chart, encoding="utf-8")
    dims = [d for d in DIMENSIONS if rows and f"dim_{d}" in rows[0]]
    indicator_fields = [k[2:] for k in (rows[0] if rows else {}) if k.startswith("c_")]
    head = (
        [id_field]
        + ([name_field] if name_field else [])
        + ["total", "class", "label", "dev_mean", "weakest"]
        + [f"dim_{d}" for d in dims]
    )
    table = [
        "<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "<th>explanation</th></tr>"
    ]
    for row in sorted(rows, key=lambda r: -(r.get("total") or 0)):
        explanation = "; ".join(
            f"{name} {_fmt(row.get('ind_' + name))} (z {float(row.get('z_' + name) or 0):+.2f}, "
            f"c {float(row.get('c_' + name) or 0):+.2f})"
            for name in indicator_fields
        )
        cells = "".join(f"<td>{_fmt(row.get(h))}</td>" for h in head)
        colour = CLASS_COLOURS[int(row["class"]) - 1] if row.get("class") else "#fff"
        table.append(
            f'<tr style="border-left: 6px solid {colour}">{cells}<td class="x">{explanation}</td></tr>'
        )
    table.append("</table>")
    counts = {label: sum(1 for r in rows if r.get("label") == label) for label in CLASS_LABELS}
    legend = "".join(
        f'<li><span class="sw" style="background:{c}"></span>{i + 1} {html.escape(label)}: '
        f"{counts[label]}</li>"
        for i, (label, c) in enumerate(zip(CLASS_LABELS, CLASS_COLOURS))
    )
    template = (
        Template(TEMPLATE.read_text(encoding="utf-8"))
        if TEMPLATE.is_file()
        else Template("<html><body><h1>$title</h1>$body</body></html>")
    )
    body_extra = "".join(f"<li>{html.escape(line)}</li>" for line in (provenance or []))
    notes_html = "".join(f"<li>{html.escape(line)}</li>" for line in (notes or []))
    dimension_names = ", ".join(f"{d} ({DIMENSION_NL[d]})" for d in dims)
    document = template.safe_substitute(
        title=html.escape(title),
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        map_src=f"{assets.name}/index_map.png",
        legend=legend,
        chart=chart,
        table="".join(table),
        provenance=body_extra,
        notes=notes_html,
        n_areas=len(rows),
        dimensions=dimension_names,
    )
    html_path.write_text(document, encoding="utf-8")
    result = {"html": str(html_path), "pdf": None, "map": map_png}
    if pdf_path:
        result["pdf"] = write_pdf(index_layer, pdf_path, title, assets / "dimensions.svg", provenance or [])
    return result


def write_pdf(index_layer, pdf_path, title: str, chart_svg, provenance: list) -> str:
    """A two-page A4 landscape PDF through a QGIS print layout: map + legend + chart, then the table."""
    from qgis.core import (
        QgsProject,
    )

    project = QgsProject.instance()
    layer = index_layer.clone()
    layer.updateExtents(True)
    style_index_layer(layer)
    project.addMapLayer(layer, False)  # registered for rendering, not added to the user's layer tree
    table_layer = _rounded_table(layer)
    project.addMapLayer(table_layer, False)
    try:
        return _export_pdf(project, layer, table_layer, pdf_path, title, chart_svg, provenance)
    finally:
        project.removeMapLayer(table_layer.id())
        project.removeMapLayer(layer.id())


def _rounded_table(layer):
    """A geometry-less memory layer with the report table's columns, numbers rounded to 2 decimals."""
    from qgis.core import QgsFeature, QgsVectorLayer

    names = [c for c in ("bu_code", "cell_id", "bu_naam", "total", "class", "label", "weakest", "dev_mean")
             if layer.fields().indexOf(c) >= 0]
    numeric = {"total", "dev_mean"}
    spec = "&".join(f"field={n}:{'double' if n in numeric else 'string'}" for n in names)
    table = QgsVectorLayer(f"None?{spec}", "table", "memory")
    features = []
    for source in sorted(layer.getFeatures(), key=lambda f: -(f["total"] or 0)):
        feature = QgsFeature(table.fields())
        values = []
        for name in names:
            value = source[name]
            if name in numeric:
                values.append(None if value is None else round(float(value), 2))
            else:
                values.append(None if value is None else str(value))
        feature.setAttributes(values)
        features.append(feature)
    table.dataProvider().addFeatures(features)
    return table


def _export_pdf(project, layer, table_layer, pdf_path, title: str, chart_svg, provenance: list) -> str:
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsLayoutExporter,
        QgsLayoutFrame,
        QgsLayoutItemAttributeTable,
        QgsLayoutItemLabel,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemPage,
        QgsLayoutItemPicture,
        QgsLayoutMultiFrame,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsPrintLayout,
        QgsRectangle,
        QgsUnitTypes,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtGui import QFont

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize("A4", QgsLayoutItemPage.Landscape)
    mm = QgsUnitTypes.LayoutMillimeters
    label = QgsLayoutItemLabel(layout)
    label.setText(title)
    label.setFont(QFont("Sans", 18))
    label.attemptMove(QgsLayoutPoint(10, 6, mm))
    label.attemptResize(QgsLayoutSize(277, 12, mm))
    layout.addLayoutItem(label)
    note = QgsLayoutItemLabel(layout)
    note.setText("\n".join(provenance[:6]))
    note.setFont(QFont("Sans", 7))
    note.attemptMove(QgsLayoutPoint(10, 185, mm))
    note.attemptResize(QgsLayoutSize(277, 20, mm))
    layout.addLayoutItem(note)
    map_item = QgsLayoutItemMap(layout)
    map_item.attemptMove(QgsLayoutPoint(10, 20, mm))
    map_item.attemptResize(QgsLayoutSize(150, 160, mm))
    map_item.setCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
    map_item.setLayers([layer])
    map_item.setKeepLayerSet(True)
    extent = layer.extent()
    if extent.isEmpty():
        extent = QgsVectorLayer(layer.source(), "extent", layer.providerType()).extent()
    extent.scale(1.05)
    # match the frame's aspect ratio (150 x 160 mm) around the layer's centre, then set it
    centre_x, centre_y = extent.center().x(), extent.center().y()
    half_w = max(extent.width(), extent.height() * 150 / 160) / 2
    half_h = half_w * 160 / 150
    map_item.setExtent(
        QgsRectangle(centre_x - half_w, centre_y - half_h, centre_x + half_w, centre_y + half_h)
    )
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)
    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.model().rootGroup().removeAllChildren()
    legend.model().rootGroup().addLayer(layer)
    legend.setTitle("Leefbaarheid / liveability")
    legend.attemptMove(QgsLayoutPoint(165, 20, mm))
    layout.addLayoutItem(legend)
    picture = QgsLayoutItemPicture(layout)
    picture.setPicturePath(str(chart_svg))
    picture.attemptMove(QgsLayoutPoint(165, 105, mm))
    picture.attemptResize(QgsLayoutSize(122, 78, mm))
    layout.addLayoutItem(picture)
    layout.pageCollection().addPage(QgsLayoutItemPage(layout))
    second = layout.pageCollection().page(1)
    second.setPageSize("A4", QgsLayoutItemPage.Landscape)
    table = QgsLayoutItemAttributeTable.create(layout)
    table.setVectorLayer(table_layer)
    table.setMaximumNumberOfFeatures(200)
    table.setDisplayedFields([f.name() for f in table_layer.fields()])
    table.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
    layout.addMultiFrame(table)
    y0 = second.pos().y()
    frame = QgsLayoutFrame(layout, table)
    frame.attemptMove(QgsLayoutPoint(10, y0 + 10, mm))
    frame.attemptResize(QgsLayoutSize(277, 190, mm))
    table.addFrame(frame)
    exporter = QgsLayoutExporter(layout)
    Path(pdf_path).parent.mkdir(parents=True, exist_ok=True)
    status = exporter.exportToPdf(str(pdf_path), QgsLayoutExporter.PdfExportSettings())
    if status != QgsLayoutExporter.Success:
        from .errors import LiveabilityError

        raise LiveabilityError(f"report: the print layout could not be exported to '{pdf_path}' ({status})")
    return str(pdf_path)


def difference_renderer(field: str = "d_total"):
    from qgis.core import QgsFillSymbol, QgsGraduatedSymbolRenderer, QgsRendererRange

    bins = [
        (-99.0, -0.5, "#b2182b", "< -0.5"),
        (-0.5, -0.1, "#ef8a62", "-0.5 .. -0.1"),
        (-0.1, 0.1, "#f7f7f7", "-0.1 .. 0.1"),
        (0.1, 0.5, "#67a9cf", "0.1 .. 0.5"),
        (0.5, 99.0, "#2166ac", "> 0.5"),
    ]
    ranges = [
        QgsRendererRange(
            low,
            high,
            QgsFillSymbol.createSimple({"color": colour, "outline_color": "#404040", "outline_width": "0.2"}),
            label,
        )
        for low, high, colour, label in bins
    ]
    return QgsGraduatedSymbolRenderer(field, ranges)


def write_styles(directory=None) -> list:
    """(Re)write the shipped styles liveability_index.qml and liveability_scenario.qml."""
    from qgis.core import (
        QgsPalLayerSettings,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    directory = Path(directory) if directory else STYLE.parent
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, renderer, expression in (
        ("liveability_index", index_renderer(), "coalesce(\"bu_naam\", '') || '\\n' || \"label\""),
        ("liveability_scenario", difference_renderer(), 'format_number("d_total", 2)'),
    ):
        layer = QgsVectorLayer(
            "MultiPolygon?crs=EPSG:28992&field=bu_naam:string&field=label:string"
            "&field=class:integer&field=d_total:double",
            name,
            "memory",
        )
        layer.setRenderer(renderer)
        settings = QgsPalLayerSettings()
        settings.isExpression = True
        settings.fieldName = expression
        text = QgsTextFormat()
        text.setFont(QFont("Sans", 8))
        text.setSize(8)
        buffer = QgsTextBufferSettings()
        buffer.setEnabled(True)
        buffer.setColor(QColor("white"))
        text.setBuffer(buffer)
        settings.setFormat(text)
        settings.scaleVisibility = True
        settings.minimumScale = 60000  # labels only when zoomed in beyond 1:60,000
        settings.maximumScale = 1
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        path = directory / f"{name}.qml"
        layer.saveNamedStyle(str(path))
        written.append(str(path))
    return written
