"""Air quality: IDW or ordinary kriging of sensor observations, leave-one-out RMSE, WHO/EU exceedance."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterString,
)

from ..liveability import qgis_io as io
from ..liveability.air import AVERAGING, air_quality
from ..liveability.areas import buurten_from_table, grid_over_areas
from ..liveability.data import Table
from .base import SmartSocietyAlgorithm

METHODS = ("idw", "kriging")


class AirQualityAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "airquality"
    display_name = "Air quality"
    group_id = "liveability"
    group_name = "Liveability"
    help_en = (
        "Interpolates sensor observations of one component (e.g. NO2, PM10, PM2.5) in a period [start, end) "
        "with inverse distance weighting (power 2 by default) or ordinary kriging (exponential "
        "variogram fitted "
        "to the empirical semivariogram), averaged per station first. The leave-one-out RMSE (each station "
        "predicted from the others) is reported with the result and in every output row. Values at buurt "
        "interior points and 100 m grid cell centres, with exceedance of the WHO 2021 guideline and the EU "
        "limit value for the chosen averaging period (-1: no limit exists). Times as ISO text, e.g. "
        "2014-07-07 08:00. Works on the RIVM LML observations (component, value_ugm3, "
        "begin_time). EPSG:28992."
    )
    help_nl = (
        "Interpoleert sensorwaarnemingen van één component (bijv. NO2, PM10, PM2.5) in een periode [begin, "
        "eind) met inverse-afstandsweging (standaard macht 2) of ordinary kriging (exponentieel variogram, "
        "gefit op het empirische semivariogram), eerst gemiddeld per station. De "
        "leave-one-out-RMSE (elk station "
        "voorspeld uit de andere) wordt gemeld en staat in elke uitvoerrij. Waarden op een "
        "binnenpunt per buurt "
        "en het midden van elke 100 m-gridcel, met overschrijding van de WHO-richtwaarde 2021 en de EU-"
        "grenswaarde voor de gekozen middelingsperiode (-1: geen grenswaarde). Tijden als ISO-tekst, bijv. "
        "2014-07-07 08:00. Werkt op de RIVM LML-waarnemingen (component, value_ugm3, begin_time). EPSG:28992."
    )

    def initAlgorithm(self, config=None):
        io.add_source(self, "OBSERVATIONS", self.tr("Sensor observations (points)"), io.POINT)
        self.addParameter(QgsProcessingParameterString("COMPONENT", self.tr("Component"), "NO2"))
        io.add_field(self, "COMPONENT_FIELD", self.tr("Component field"), "component", "OBSERVATIONS")
        io.add_field(
            self, "VALUE_FIELD", self.tr("Value field (ug/m3)"), "value_ugm3", "OBSERVATIONS", numeric=True
        )
        io.add_field(self, "TIME_FIELD", self.tr("Time field"), "begin_time", "OBSERVATIONS")
        self.addParameter(
            QgsProcessingParameterString("START", self.tr("Period start (ISO, optional)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString("END", self.tr("Period end (ISO, optional)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "METHOD",
                self.tr("Interpolation method"),
                [self.tr("Inverse distance weighting"), self.tr("Ordinary kriging")],
                defaultValue=0,
            )
        )
        io.add_number(self, "POWER", self.tr("IDW power"), 2.0, 0.1)
        self.addParameter(
            QgsProcessingParameterEnum(
                "AVERAGING",
                self.tr("Averaging period of the limits"),
                [self.tr("Annual"), self.tr("Daily"), self.tr("Hourly")],
                defaultValue=0,
            )
        )
        io.add_source(self, "BUURTEN", self.tr("Buurten (bu_code)"), io.POLYGON)
        io.add_number(self, "GRID_SIZE", self.tr("Grid cell size (m)"), 100.0, 1.0)
        io.add_sink(self, "BUURT_OUT", self.tr("Buurten"))
        io.add_sink(self, "GRID_OUT", self.tr("Grid cells"))
        io.add_sink(self, "STATIONS_OUT", self.tr("Stations with leave-one-out predictions"))
        self.addOutput(QgsProcessingOutputNumber("RMSE", self.tr("Leave-one-out RMSE (ug/m3)")))

    def processAlgorithm(self, parameters, context, feedback):
        import numpy as np
        from shapely.geometry import Point

        component_field = (
            self.parameterAsString(parameters, "COMPONENT_FIELD", context) or "component"
        ).lower()
        value_field = (self.parameterAsString(parameters, "VALUE_FIELD", context) or "value_ugm3").lower()
        time_field = (self.parameterAsString(parameters, "TIME_FIELD", context) or "").lower() or None
        fields = (component_field, value_field) + ((time_field,) if time_field else ())
        observations = io.source_table(
            self, parameters, "OBSERVATIONS", context, "observations", "point", fields, feedback=feedback
        )
        buurten = io.source_table(
            self, parameters, "BUURTEN", context, "buurten", "polygon", ("bu_code",), feedback=feedback
        )
        buurt_set = io.run_core(buurten_from_table, buurten)
        grid = io.run_core(
            grid_over_areas, buurt_set, self.parameterAsDouble(parameters, "GRID_SIZE", context)
        )
        method = METHODS[self.parameterAsEnum(parameters, "METHOD", context)]
        result = io.run_core(
            air_quality,
            [buurt_set, grid],
            observations,
            self.parameterAsString(parameters, "COMPONENT", context),
            method=method,
            power=self.parameterAsDouble(parameters, "POWER", context),
            start=self.parameterAsString(parameters, "START", context) or None,
            end=self.parameterAsString(parameters, "END", context) or None,
            averaging=AVERAGING[self.parameterAsEnum(parameters, "AVERAGING", context)],
            component_field=component_field,
            value_field=value_field,
            time_field=time_field,
            feedback=feedback,
        )
        outputs = {"RMSE": result["rmse"]}
        outputs["BUURT_OUT"] = io.write_sink(
            self,
            parameters,
            "BUURT_OUT",
            context,
            buurt_set.table("airquality_buurt", result["areas"]["buurt"]),
        )
        outputs["GRID_OUT"] = io.write_sink(
            self, parameters, "GRID_OUT", context, grid.table("airquality_grid", result["areas"]["grid"])
        )
        xy, values, predicted = result["stations"]
        stations = Table(
            "airquality_stations",
            [Point(x, y) for x, y in xy],
            {
                "value": values,
                "loo_pred": predicted,
                "loo_error": predicted - values,
                "loo_rmse": np.full(len(values), result["rmse"]),
            },
            "Point",
        )
        outputs["STATIONS_OUT"] = io.write_sink(self, parameters, "STATIONS_OUT", context, stations)
        feedback.pushInfo(f"leave-one-out RMSE: {result['rmse']:.3f} ug/m3 ({result['n_stations']} stations)")
        return outputs
