"""Dordrecht Smart Twin: one QGIS plugin with three components and a Processing provider."""


def classFactory(iface):  # noqa: N802 - name required by QGIS
    from .suite import SmartSocietySuite

    return SmartSocietySuite(iface)
