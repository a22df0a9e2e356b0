"""The provider and every algorithm pass the checks QGIS applies; each is documented in Dutch and English."""

from __future__ import annotations

import re

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameters,
    QgsProcessingParameterVectorDestination,
)
from qgis.PyQt.QtCore import QCoreApplication

from smart_society.processing.provider import PROVIDER_ID, SmartSocietyProvider, algorithm_classes

ALGORITHMS = [cls() for cls in algorithm_classes()]
VECTOR_OUTPUTS = (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination)


def test_algorithm_ids_are_unique_and_lowercase():
    ids = [alg.name() for alg in ALGORITHMS]
    assert ids, "the provider lists no algorithms"
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    for algorithm_id in ids:
        assert re.fullmatch(r"[a-z][a-z0-9]*", algorithm_id), f"id {algorithm_id!r} is not lowercase a-z0-9"


def test_provider_registers_every_listed_algorithm(qgis_app):
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById(PROVIDER_ID)
    owned = provider is None
    if owned:
        provider = SmartSocietyProvider()
        assert registry.addProvider(provider)
    try:
        registered = sorted(alg.id() for alg in provider.algorithms())
        assert registered == sorted(f"{PROVIDER_ID}:{alg.name()}" for alg in ALGORITHMS)
        assert provider.name() and provider.longName() and not provider.icon().isNull()
    finally:
        if owned:
            registry.removeProvider(provider)


@pytest.mark.parametrize("algorithm", ALGORITHMS, ids=lambda alg: alg.name())
def test_algorithm_definition_is_valid_and_documented(qgis_app, algorithm):
    instance = algorithm.createInstance()
    instance.initAlgorithm({})
    definitions = instance.parameterDefinitions()
    assert definitions, f"{instance.name()} has no parameters"
    names = [d.name() for d in definitions]
    assert len(names) == len(set(names))
    for definition in definitions:
        assert definition.description().strip(), f"{instance.name()}.{definition.name()} has no description"
        # QGIS must be able to serialise and rebuild the definition (the Model Designer does this)
        rebuilt = QgsProcessingParameters.parameterFromVariantMap(definition.toVariantMap())
        assert rebuilt is not None and rebuilt.name() == definition.name()
        # QGIS itself picks the extension of geometry-less tables (dbf on 3.22), so only spatial outputs count
        if isinstance(definition, VECTOR_OUTPUTS) and definition.hasGeometry():
            assert definition.defaultFileExtension() == "gpkg", f"{definition.name()}: default is not gpkg"
    assert instance.outputDefinitions() or instance.destinationParameterDefinitions()
    assert instance.displayName().strip() and instance.group().strip() and instance.groupId().islower()
    assert len(instance.help_en.strip()) > 40, f"{instance.name()} lacks an English help text"
    assert len(instance.help_nl.strip()) > 40, f"{instance.name()} lacks a Dutch help text"
    assert instance.help_en.strip() != instance.help_nl.strip()
    assert instance.shortHelpString().strip()


@pytest.mark.parametrize("algorithm", ALGORITHMS, ids=lambda alg: alg.name())
def test_algorithm_name_and_group_have_dutch_translations(qgis_app, algorithm):
    from smart_society.core.i18n import CONTEXT, install_translator

    translator = install_translator("nl")
    try:
        for text in (algorithm.display_name, algorithm.group_name):
            assert translator.translate(CONTEXT, text), (
                f"no Dutch translation for {text!r} (add it to resources/i18n/pending/ and run make i18n)")
    finally:
        QCoreApplication.removeTranslator(translator)
