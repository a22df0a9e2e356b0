"""Noise exposure: Lden at homes, homes and residents per 5 dB band, share above 53 dB (thin shell)."""

from __future__ import annotations

from ..liveability import qgis_io as io
from ..liveability.noise import noise_exposure
from .base import SmartSocietyAlgorithm


class NoiseExposureAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "noiseexposure"
    display_name = "Noise exposure"
    group_id = "liveability"
    group_name = "Liveability"
    help_en = (
        "Lden at every home from an Lden raster, or from Ld, Le and Ln rasters with the EU formula "
        "Lden = 10 log10((12 x 10^(Ld/10) + 4 x 10^((Le+5)/10) + 8 x 10^((Ln+10)/10)) / 24). Homes and "
        "residents per EU 5 dB band (< 45 ... >= 75 dB), the mean Lden and the share of homes "
        "(and residents) "
        "above the WHO 53 dB road-traffic guideline, per buurt and 100 m grid cell. Homes outside the raster "
        "or on nodata get no Lden and are reported. EPSG:28992."
    )
    help_nl = (
        "Lden bij elke woning uit een Lden-raster, of uit Ld-, Le- en Ln-rasters met de EU-formule "
        "Lden = 10 log10((12 x 10^(Ld/10) + 4 x 10^((Le+5)/10) + 8 x 10^((Ln+10)/10)) / 24). Woningen en "
        "bewoners per EU-klasse van 5 dB (< 45 ... >= 75 dB), de gemiddelde Lden en het aandeel woningen (en "
        "bewoners) boven de WHO-richtwaarde van 53 dB voor wegverkeer, per buurt en 100 m-gridcel. Woningen "
        "buiten het raster of op nodata krijgen geen Lden en worden gemeld. EPSG:28992."
    )

    def initAlgorithm(self, config=None):
        io.add_study_parameters(self)
        io.add_raster(self, "LDEN", self.tr("Lden raster (dB)"))
        io.add_raster(self, "LD", self.tr("Ld raster (dB)"))
        io.add_raster(self, "LE", self.tr("Le raster (dB)"))
        io.add_raster(self, "LN", self.tr("Ln raster (dB)"))
        io.add_number(self, "THRESHOLD", self.tr("Guideline (dB Lden)"), 53.0)
        io.add_area_outputs(self)

    def processAlgorithm(self, parameters, context, feedback):
        study = io.study_from_parameters(self, parameters, context, feedback)
        outcome = io.run_core(
            noise_exposure,
            study,
            lden_raster=io.raster_path(self, parameters, "LDEN", context),
            ld_raster=io.raster_path(self, parameters, "LD", context),
            le_raster=io.raster_path(self, parameters, "LE", context),
            ln_raster=io.raster_path(self, parameters, "LN", context),
            threshold=self.parameterAsDouble(parameters, "THRESHOLD", context),
            feedback=feedback,
        )
        return io.write_outputs(self, parameters, context, study, outcome, "noiseexposure", feedback)
