"""RD New (EPSG:28992) to WGS84 for RFC 7946 GeoJSON, through RDNAPTRANS2018 when PROJ has its grid.

RDNAPTRANS2018 is the EPSG operation "Amersfoort to ETRS89 (9)" using the NSGI grid
``nl_nsgi_rdtrans2018.tif`` (1 mm). Without that grid the best available operation is used and a warning
says so. RFC 7946 coordinates are WGS84 longitude/latitude; as on PDOK, ETRS89 is written as WGS84 (they
differ by well under the accuracy of any municipal layer at the time of the export).
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsDatumTransform,
)

RDNAPTRANS2018_GRID = "nl_nsgi_rdtrans2018.tif"
RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
ETRS89 = "EPSG:4258"


@dataclass
class WgsTransform:
    """The transform used for GeoJSON, and what the README and the user must be told about it."""

    transform: QgsCoordinateTransform
    operation_name: str
    accuracy_m: float | None
    uses_rdnaptrans2018: bool
    warning: str = ""


def rdnaptrans2018_available() -> bool:
    """Whether PROJ can find the RDNAPTRANS2018 grid."""
    operations = QgsDatumTransform.operations(
        QgsCoordinateReferenceSystem(RD_NEW), QgsCoordinateReferenceSystem(ETRS89)
    )
    return any(
        op.isAvailable and any(g.shortName == RDNAPTRANS2018_GRID for g in op.grids) for op in operations
    )


def wgs84_transform(
    source_crs: QgsCoordinateReferenceSystem, context: QgsCoordinateTransformContext | None = None
) -> WgsTransform:
    """A transform from ``source_crs`` to WGS84 lon/lat; for RD New through RDNAPTRANS2018 when possible."""
    context = context or QgsCoordinateTransformContext()
    target = QgsCoordinateReferenceSystem(WGS84)
    transform = QgsCoordinateTransform(source_crs, target, context)
    if source_crs.authid() != RD_NEW:
        return WgsTransform(
            transform,
            f"{source_crs.authid() or source_crs.description()} to WGS 84 (QGIS default)",
            None,
            False,
        )
    operations = QgsDatumTransform.operations(source_crs, QgsCoordinateReferenceSystem(ETRS89))
    grid_ops = [op for op in operations if any(g.shortName == RDNAPTRANS2018_GRID for g in op.grids)]
    chosen = next((op for op in grid_ops if op.isAvailable), None)
    from_grid = chosen is not None
    warning = ""
    if chosen is None:
        available = [op for op in operations if op.isAvailable and not op.grids]
        available.sort(key=lambda op: op.accuracy if op.accuracy > 0 else 1e9)
        chosen = available[0] if available else None
        warning = (
            "PROJ has no RDNAPTRANS2018 grid ({grid}); RD New was converted to WGS84 with "
            "'{name}' (about {accuracy} m) instead. Install the grid (proj-data or "
            "https://cdn.proj.org/{grid}) for millimetre accuracy."
        )
        warning = warning.format(
            grid=RDNAPTRANS2018_GRID,
            name=chosen.name if chosen else "QGIS default",
            accuracy=chosen.accuracy if chosen and chosen.accuracy > 0 else "1",
        )
    if chosen is not None:
        transform.setCoordinateOperation(chosen.proj)
        transform.setAllowFallbackTransforms(False)
    return WgsTransform(
        transform,
        chosen.name if chosen else "QGIS default",
        chosen.accuracy if chosen and chosen.accuracy > 0 else None,
        from_grid,
        warning,
    )
