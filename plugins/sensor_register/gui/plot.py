"""A small dependency-free time-series plot widget (QPainter), used by the Register dock."""

from __future__ import annotations

import datetime as _dt

from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPen, QPolygonF
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ....core.i18n import tr


def _parse(moment: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))


class TimeSeriesPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.series: list[tuple[str, float]] = []
        self.title = ""
        self.unit = ""
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_series(self, series: list[tuple[str, float]], title: str = "", unit: str = ""):
        self.series = [(t, v) for t, v in series if v is not None]
        self.title, self.unit = title, unit or ""
        self.update()

    def paintEvent(self, event):  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        painter.setFont(font)
        left, top, right, bottom = 48, 22, 12, 28
        area = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))
        painter.setPen(QColor("#222222"))
        painter.drawText(
            QRectF(4, 2, self.width() - 8, 18),
            Qt.AlignLeft | Qt.AlignVCenter,
            self.title or tr("Time series"),
        )
        if len(self.series) < 1:
            painter.drawText(area, Qt.AlignCenter, tr("No observations for this sensor"))
            painter.end()
            return
        times = [_parse(t).timestamp() for t, _v in self.series]
        values = [v for _t, v in self.series]
        t0, t1 = min(times), max(times)
        v0, v1 = min(values), max(values)
        if t1 == t0:
            t1 = t0 + 1
        if v1 == v0:
            v0, v1 = v0 - 1, v1 + 1
        pad = (v1 - v0) * 0.08
        v0, v1 = v0 - pad, v1 + pad

        def point(t: float, v: float) -> QPointF:
            return QPointF(
                area.left() + (t - t0) / (t1 - t0) * area.width(),
                area.bottom() - (v - v0) / (v1 - v0) * area.height(),
            )

        painter.setPen(QPen(QColor("#dddddd"), 1))
        for i in range(5):
            y = area.top() + i * area.height() / 4
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(QColor("#555555"))
            painter.drawText(
                QRectF(0, y - 8, left - 4, 16),
                Qt.AlignRight | Qt.AlignVCenter,
                f"{v1 - i * (v1 - v0) / 4:.1f}",
            )
            painter.setPen(QPen(QColor("#dddddd"), 1))
        painter.setPen(QColor("#555555"))
        for fraction, align in ((0.0, Qt.AlignLeft), (1.0, Qt.AlignRight)):
            moment = _dt.datetime.fromtimestamp(t0 + fraction * (t1 - t0), _dt.timezone.utc)
            painter.drawText(
                QRectF(area.left(), area.bottom() + 4, area.width(), 18),
                align | Qt.AlignTop,
                moment.strftime("%Y-%m-%d %H:%M"),
            )
        if self.unit:
            painter.drawText(QRectF(area.left() + 4, area.top(), 120, 16), Qt.AlignLeft, self.unit)
        painter.setPen(QPen(QColor("#1f6fb2"), 2))
        polygon = QPolygonF([point(t, v) for t, v in zip(times, values)])
        painter.drawPolyline(polygon)
        painter.setBrush(QColor("#1f6fb2"))
        for p in polygon:
            painter.drawEllipse(p, 2.2, 2.2)
        painter.end()
