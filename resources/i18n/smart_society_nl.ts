<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>SmartSociety</name>
    <message>
        <source>$filter on Things</source>
        <translation>$filter op Things</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <source>15-minute proximity</source>
        <translation>15-minutennabijheid</translation>
    </message>
    <message>
        <source>3-30-300 green rule</source>
        <translation>3-30-300-groenregel</translation>
    </message>
    <message>
        <source>3D renderers and 3D view</source>
        <translation>3D-weergave en 3D-kaartbeeld</translation>
    </message>
    <message>
        <source>3DBAG CityJSON tiles or GeoPackages (files or folder, separated by ;)</source>
        <translation>3DBAG CityJSON-tegels of GeoPackages (bestanden of map, gescheiden door ;)</translation>
    </message>
    <message>
        <source>3DBAG tiles (optional)</source>
        <translation>3DBAG-tegels (optioneel)</translation>
    </message>
    <message>
        <source>API key (QGIS authentication)</source>
        <translation>API-sleutel (QGIS-authenticatie)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Add to map</source>
        <translation>Toevoegen aan kaart</translation>
    </message>
    <message>
        <source>Added {name}</source>
        <translation>{name} toegevoegd</translation>
    </message>
    <message>
        <source>Addresses (one point per home, optional)</source>
        <translation>Adressen (één punt per woning, optioneel)</translation>
    </message>
    <message>
        <source>Aerial photo</source>
        <translation>Luchtfoto</translation>
    </message>
    <message>
        <source>Aerial photo (GeoTIFF)</source>
        <translation>Luchtfoto (GeoTIFF)</translation>
    </message>
    <message>
        <source>Aerial photo, earlier year</source>
        <translation>Luchtfoto, eerder jaar</translation>
    </message>
    <message>
        <source>Aerial photo, later year</source>
        <translation>Luchtfoto, later jaar</translation>
    </message>
    <message>
        <source>Air quality</source>
        <translation>Luchtkwaliteit</translation>
    </message>
    <message>
        <source>All or nothing</source>
        <translation>Alles of niets</translation>
    </message>
    <message>
        <source>Also fetch the latest observations</source>
        <translation>Ook de laatste waarnemingen ophalen</translation>
    </message>
    <message>
        <source>Amenities (points)</source>
        <translation>Voorzieningen (punten)</translation>
    </message>
    <message>
        <source>Annual</source>
        <translation>Jaar</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Gebied</translation>
    </message>
    <message>
        <source>Area id field</source>
        <translation>Veld gebieds-id</translation>
    </message>
    <message>
        <source>Area of interest</source>
        <translation>Interessegebied</translation>
    </message>
    <message>
        <source>Area of one panel (m2)</source>
        <translation>Oppervlakte van één paneel (m2)</translation>
    </message>
    <message>
        <source>Area: buurten (names or codes, comma separated)</source>
        <translation>Gebied: buurten (namen of codes, gescheiden door komma's)</translation>
    </message>
    <message>
        <source>Area: extent</source>
        <translation>Gebied: extent</translation>
    </message>
    <message>
        <source>Area: whole district</source>
        <translation>Gebied: hele wijk</translation>
    </message>
    <message>
        <source>Area: {label} ({width:.0f} x {height:.0f} m)</source>
        <translation>Gebied: {label} ({width:.0f} x {height:.0f} m)</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>Naamsvermelding</translation>
    </message>
    <message>
        <source>Authentication (CKAN API key)</source>
        <translation>Authenticatie (CKAN API-sleutel)</translation>
    </message>
    <message>
        <source>Averaging period of the limits</source>
        <translation>Middelingsperiode van de grenswaarden</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Bladeren…</translation>
    </message>
    <message>
        <source>Build twin project</source>
        <translation>Twinproject bouwen</translation>
    </message>
    <message>
        <source>Build twin project…</source>
        <translation>Twinproject bouwen…</translation>
    </message>
    <message>
        <source>Building footprints</source>
        <translation>Pandcontouren</translation>
    </message>
    <message>
        <source>Building footprints are required</source>
        <translation>Pandcontouren zijn verplicht</translation>
    </message>
    <message>
        <source>Building id field</source>
        <translation>Veld met pand-id</translation>
    </message>
    <message>
        <source>Building the twin project…</source>
        <translation>Het twinproject wordt gebouwd…</translation>
    </message>
    <message>
        <source>Building twin project</source>
        <translation>Twinproject bouwen</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>Gebouwen</translation>
    </message>
    <message>
        <source>Buildings (woningen or gebruiksdoel)</source>
        <translation>Gebouwen (woningen of gebruiksdoel)</translation>
    </message>
    <message>
        <source>Buildings in the area</source>
        <translation>Gebouwen in het gebied</translation>
    </message>
    <message>
        <source>Buildings read</source>
        <translation>Gelezen gebouwen</translation>
    </message>
    <message>
        <source>Buurten</source>
        <translation>Buurten</translation>
    </message>
    <message>
        <source>Buurten (bu_code)</source>
        <translation>Buurten (bu_code)</translation>
    </message>
    <message>
        <source>Buurten (bu_code, bu_naam) for totals</source>
        <translation>Buurten (bu_code, bu_naam) voor totalen</translation>
    </message>
    <message>
        <source>Buurten (select one or more)</source>
        <translation>Buurten (kies er een of meer)</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <source>CKAN organisation (owner_org)</source>
        <translation>CKAN-organisatie (owner_org)</translation>
    </message>
    <message>
        <source>CKAN portal URL</source>
        <translation>URL van de CKAN-portal</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <source>CSV with WKT (UTF-8)</source>
        <translation>CSV met WKT (UTF-8)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Geannuleerd</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Geannuleerd.</translation>
    </message>
    <message>
        <source>Canopy raster (value &gt; 0 is canopy)</source>
        <translation>Kroonraster (waarde &gt; 0 is boomkroon)</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>Catalogus</translation>
    </message>
    <message>
        <source>Catalogue version {version} of {date}</source>
        <translation>Catalogus versie {version} van {date}</translation>
    </message>
    <message>
        <source>Categories (comma-separated)</source>
        <translation>Categorieën (gescheiden door komma's)</translation>
    </message>
    <message>
        <source>Category field</source>
        <translation>Categorieveld</translation>
    </message>
    <message>
        <source>Changes per building</source>
        <translation>Wijzigingen per pand</translation>
    </message>
    <message>
        <source>Check metadata</source>
        <translation>Metadata controleren</translation>
    </message>
    <message>
        <source>Check project</source>
        <translation>Project controleren</translation>
    </message>
    <message>
        <source>Checks a CSV, XLSX or GeoJSON file of sensors against the register's rules without writing anything: required fields, value lists, personal data needs a legal ground and a privacy statement URL, end date not before start date, valid URLs, a functional public e-mail address, coordinates in the Netherlands, regions for mobile sensors. The report names row and field.</source>
        <translation>Controleert een CSV-, XLSX- of GeoJSON-bestand met sensoren op de regels van het register, zonder iets te schrijven: verplichte velden, waardelijsten, persoonsgegevens vragen een wettelijke grondslag en een privacyverklaring, einddatum niet vóór startdatum, geldige URL's, een functioneel openbaar e-mailadres, coördinaten in Nederland, gebieden voor mobiele sensoren. Het rapport noemt rij en veld.</translation>
    </message>
    <message>
        <source>Choose a usable model first.</source>
        <translation>Kies eerst een bruikbaar model.</translation>
    </message>
    <message>
        <source>Choose an ONNX model file or another model</source>
        <translation>Kies een ONNX-modelbestand of een ander model</translation>
    </message>
    <message>
        <source>Choose an ONNX model file.</source>
        <translation>Kies een ONNX-modelbestand.</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>Kies ten minste één laag.</translation>
    </message>
    <message>
        <source>Choose the district GeoPackage or 3DBAG tiles first</source>
        <translation>Kies eerst de GeoPackage van de wijk of 3DBAG-tegels</translation>
    </message>
    <message>
        <source>CityJSON or GeoPackage files or a folder, separated by ;</source>
        <translation>CityJSON- of GeoPackage-bestanden of een map, gescheiden door ;</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <source>Classical baseline</source>
        <translation>Klassieke basislijn</translation>
    </message>
    <message>
        <source>Colour buildings by</source>
        <translation>Gebouwen kleuren naar</translation>
    </message>
    <message>
        <source>Compares detected panel polygons with reference polygons (or a reference mask raster, non-zero = panel). Pixel measures (IoU, F1, precision, recall) use exact areas; objects match one to one by IoU (default at least 0.5) giving object precision, recall and F1. With building footprints each building is TP/FP/FN/TN (holding at least 1 m2 of panels). Outputs a layer of matches (TP, FP, FN with IoU), a metrics table and, optionally, the per-building confusion.</source>
        <translation>Vergelijkt gedetecteerde paneelpolygonen met referentiepolygonen (of een referentiemasker, niet-nul = paneel). Pixelmaten (IoU, F1, precisie, recall) gebruiken exacte oppervlaktes; objecten worden een-op-een gekoppeld op IoU (standaard minstens 0,5) voor objectprecisie, -recall en F1. Met pandcontouren krijgt elk pand TP/FP/FN/TN (minstens 1 m2 panelen). Uitvoer: een laag met koppelingen (TP, FP, FN met IoU), een tabel met maten en naar keuze de verwarringsmatrix per pand.</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Component field</source>
        <translation>Componentveld</translation>
    </message>
    <message>
        <source>Component {name} could not start: {error}</source>
        <translation>Onderdeel {name} kon niet starten: {error}</translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation>E-mail contactpunt</translation>
    </message>
    <message>
        <source>Contact point (department)</source>
        <translation>Contactpunt (afdeling)</translation>
    </message>
    <message>
        <source>Contact website</source>
        <translation>Website contactpunt</translation>
    </message>
    <message>
        <source>Count features</source>
        <translation>Objecten tellen</translation>
    </message>
    <message>
        <source>Crown diameter field (m)</source>
        <translation>Veld kroondiameter (m)</translation>
    </message>
    <message>
        <source>Current map extent</source>
        <translation>Huidige kaartuitsnede</translation>
    </message>
    <message>
        <source>Cycling speed (km/h)</source>
        <translation>Fietssnelheid (km/u)</translation>
    </message>
    <message>
        <source>DONL value lists:</source>
        <translation>DONL-waardelijsten:</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Dag</translation>
    </message>
    <message>
        <source>Dask cluster</source>
        <translation>Dask-cluster</translation>
    </message>
    <message>
        <source>Dask scheduler address (empty = local)</source>
        <translation>Adres van de Dask-scheduler (leeg = lokaal)</translation>
    </message>
    <message>
        <source>Dataset URL</source>
        <translation>URL van de dataset</translation>
    </message>
    <message>
        <source>Datastreams</source>
        <translation>Datastromen</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <source>Description (empty: from the layer metadata)</source>
        <translation>Beschrijving (leeg: uit de metadata van de laag)</translation>
    </message>
    <message>
        <source>Designing the district layout</source>
        <translation>Het ontwerp van de wijk maken</translation>
    </message>
    <message>
        <source>Detect solar panels</source>
        <translation>Zonnepanelen detecteren</translation>
    </message>
    <message>
        <source>Detected panels</source>
        <translation>Gedetecteerde panelen</translation>
    </message>
    <message>
        <source>Detecting solar panels</source>
        <translation>Zonnepanelen detecteren</translation>
    </message>
    <message>
        <source>Detects panels on two aerial photos of different years (same model and settings, only tiles touching the building footprints) and reports new and removed installations (an installation is new when less than 30% of it is covered by panels of the earlier photo, removed in the mirror case) and per building the panel area before and after with a status: new, removed, expanded, reduced, unchanged or none.</source>
        <translation>Detecteert panelen op twee luchtfoto's uit verschillende jaren (zelfde model en instellingen, alleen tegels die pandcontouren raken) en meldt nieuwe en verdwenen installaties (nieuw als minder dan 30% ervan op de eerdere foto met panelen bedekt is, verdwenen andersom) en per pand het paneeloppervlak voor en na met een status: nieuw, verdwenen, uitgebreid, verkleind, ongewijzigd of geen.</translation>
    </message>
    <message>
        <source>Distance to a cool spot (m)</source>
        <translation>Afstand tot een koele plek (m)</translation>
    </message>
    <message>
        <source>Distance to green (m)</source>
        <translation>Afstand tot groen (m)</translation>
    </message>
    <message>
        <source>District GeoPackage</source>
        <translation>GeoPackage van de wijk</translation>
    </message>
    <message>
        <source>District GeoPackage (sample schema)</source>
        <translation>GeoPackage van de wijk (voorbeeldschema)</translation>
    </message>
    <message>
        <source>Dordrecht Smart Twin</source>
        <translation>Dordrecht Smart Twin</translation>
    </message>
    <message>
        <source>Dordrecht Smart Twin: twin layers, sensor register, solar panels, liveability, open data</source>
        <translation>Dordrecht Smart Twin: twinlagen, sensorregister, zonnepanelen, leefbaarheid, open data</translation>
    </message>
    <message>
        <source>Draw rectangle</source>
        <translation>Rechthoek tekenen</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>Foutenrapport</translation>
    </message>
    <message>
        <source>Evaluate solar detection</source>
        <translation>Zonnepaneeldetectie evalueren</translation>
    </message>
    <message>
        <source>Evaluation metrics</source>
        <translation>Evaluatiematen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Export and publish</source>
        <translation>Exporteren en publiceren</translation>
    </message>
    <message>
        <source>Export layers as an open-data package and publish them to CKAN</source>
        <translation>Lagen exporteren als open-datapakket en publiceren naar CKAN</translation>
    </message>
    <message>
        <source>Export open-data package</source>
        <translation>Open-datapakket exporteren</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>Pakket exporteren</translation>
    </message>
    <message>
        <source>Export the sensor register</source>
        <translation>Sensorregister exporteren</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favoriet</translation>
    </message>
    <message>
        <source>Favourites only</source>
        <translation>Alleen favorieten</translation>
    </message>
    <message>
        <source>Features in area</source>
        <translation>Objecten in gebied</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>File to check (.csv, .xlsx, .geojson)</source>
        <translation>Te controleren bestand (.csv, .xlsx, .geojson)</translation>
    </message>
    <message>
        <source>File to import (.csv, .xlsx, .geojson)</source>
        <translation>Te importeren bestand (.csv, .xlsx, .geojson)</translation>
    </message>
    <message>
        <source>Files written</source>
        <translation>Geschreven bestanden</translation>
    </message>
    <message>
        <source>Finds solar panels in an aerial photo (any GDAL raster: GeoTIFF, VRT, saved WMTS; 1, 3 or 4 bands, 8 or 16 bit, paletted; any CRS) with the shipped ONNX segmentation model, the classical baseline or your own ONNX model (its metadata must give name, cm_per_px, tile_size, overlap, threshold and classes). The photo is read tile by tile at the model's resolution; with building footprints only tiles touching the (buffered) footprints are processed and detections outside them are dropped. Outputs panel polygons (holes kept) with confidence, area (m2), estimated panel count (area / panel area), kWp (area x Wp/m2) and yearly kWh (kWp x kWh/kWp), and optionally results per building (panel area, count, roof share, kWp, kWh) and totals per buurt. Tiles can run in this process, a local process pool or a Dask cluster.</source>
        <translation>Vindt zonnepanelen op een luchtfoto (elk GDAL-raster: GeoTIFF, VRT, opgeslagen WMTS; 1, 3 of 4 banden, 8 of 16 bit, palet; elk CRS) met het meegeleverde ONNX-segmentatiemodel, de klassieke basislijn of een eigen ONNX-model (metadata met name, cm_per_px, tile_size, overlap, threshold en classes). De foto wordt tegel voor tegel op de resolutie van het model gelezen; met pandcontouren worden alleen tegels verwerkt die de (gebufferde) contouren raken en vervallen detecties daarbuiten. Uitvoer: panelen als polygonen (met gaten) met betrouwbaarheid, oppervlakte (m2), geschat aantal panelen (oppervlakte / paneeloppervlak), kWp (oppervlakte x Wp/m2) en jaaropbrengst in kWh (kWp x kWh/kWp), en naar keuze per pand (paneeloppervlak, aantal, aandeel van het dak, kWp, kWh) en totalen per buurt. Tegels draaien in dit proces, in een lokale procespool of op een Dask-cluster.</translation>
    </message>
    <message>
        <source>Folder with LML XML files</source>
        <translation>Map met LML-XML-bestanden</translation>
    </message>
    <message>
        <source>Footprint buffer (m)</source>
        <translation>Buffer rond pandcontouren (m)</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formaten</translation>
    </message>
    <message>
        <source>Generate sample district</source>
        <translation>Voorbeeldgebied genereren</translation>
    </message>
    <message>
        <source>Generates the Dordrecht Spoorzone sample district: a GeoPackage with buildings (BAG ids, 3DBAG-style heights, roof material), addresses, BGT-like land cover, trees, green spaces, amenities, a walking network, CBS buurten and sensors, plus an 8 cm/px RGB orthophoto rendered from those objects and the true solar-panel polygons next to it. The same seed always gives the same data. The default 1 km district takes one to two minutes.</source>
        <translation>Genereert het voorbeeldgebied Dordrecht Spoorzone: een GeoPackage met panden (BAG-id's, hoogtes zoals in 3DBAG, dakmateriaal), adressen, BGT-achtige terreindelen, bomen, groen, voorzieningen, een wandelnetwerk, CBS-buurten en sensoren, plus een RGB-luchtfoto van 8 cm/px die uit die objecten is opgebouwd, met de echte zonnepaneelpolygonen ernaast. Hetzelfde zaadgetal geeft altijd dezelfde gegevens. Het standaardgebied van 1 km duurt een tot twee minuten.</translation>
    </message>
    <message>
        <source>Generation of the sample district was cancelled</source>
        <translation>Het genereren van het voorbeeldgebied is geannuleerd</translation>
    </message>
    <message>
        <source>GeoJSON (RFC 7946, WGS84)</source>
        <translation>GeoJSON (RFC 7946, WGS84)</translation>
    </message>
    <message>
        <source>GeoJSON, CSV or JSON (*.geojson *.csv *.json)</source>
        <translation>GeoJSON, CSV of JSON (*.geojson *.csv *.json)</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoPackage (EPSG:28992)</source>
        <translation>GeoPackage (EPSG:28992)</translation>
    </message>
    <message>
        <source>Give reference panels or a reference mask raster</source>
        <translation>Geef referentiepanelen of een referentiemaskerraster</translation>
    </message>
    <message>
        <source>Green spaces (is_public)</source>
        <translation>Groengebieden (is_public)</translation>
    </message>
    <message>
        <source>Grid cell size (m)</source>
        <translation>Celgrootte van het grid (m)</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>Gridcellen</translation>
    </message>
    <message>
        <source>Guideline (dB Lden)</source>
        <translation>Richtwaarde (dB Lden)</translation>
    </message>
    <message>
        <source>HTML report</source>
        <translation>HTML-rapport</translation>
    </message>
    <message>
        <source>Harvest a SensorThings server</source>
        <translation>SensorThings-server oogsten</translation>
    </message>
    <message>
        <source>Heat risk</source>
        <translation>Hittestress</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historie</translation>
    </message>
    <message>
        <source>Homes</source>
        <translation>Woningen</translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation>Uur</translation>
    </message>
    <message>
        <source>IDW power</source>
        <translation>IDW-macht</translation>
    </message>
    <message>
        <source>Import 3DBAG buildings</source>
        <translation>3DBAG-gebouwen importeren</translation>
    </message>
    <message>
        <source>Import sensors into the register</source>
        <translation>Sensoren importeren in het register</translation>
    </message>
    <message>
        <source>Import valid rows only</source>
        <translation>Alleen geldige rijen importeren</translation>
    </message>
    <message>
        <source>Imports sensors from a CSV, XLSX (Amsterdam's bulk template with Dutch headers) or GeoJSON file into the sensor register (GeoPackage or PostGIS). Rows are matched on owner and reference, so importing the same file twice changes nothing. Every row is validated; the report lists each problem by row and field. Choose 'all or nothing' (one bad row: nothing is written) or 'valid rows only'. Either way the import is one transaction: a failed import writes nothing.</source>
        <translation>Importeert sensoren uit een CSV-, XLSX- (het bulksjabloon van Amsterdam met Nederlandse kolomnamen) of GeoJSON-bestand in het sensorregister (GeoPackage of PostGIS). Rijen worden gekoppeld op eigenaar en referentie, dus hetzelfde bestand twee keer importeren verandert niets. Elke rij wordt gecontroleerd; het rapport noemt elke fout per rij en veld. Kies 'alles of niets' (één foute rij: er wordt niets geschreven) of 'alleen geldige rijen'. De import is altijd één transactie: een mislukte import schrijft niets.</translation>
    </message>
    <message>
        <source>Indicator layers (areas)</source>
        <translation>Indicatorlagen (gebieden)</translation>
    </message>
    <message>
        <source>Indicator table (CSV, optional)</source>
        <translation>Indicatortabel (CSV, optioneel)</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Invoer</translation>
    </message>
    <message>
        <source>Interpolation method</source>
        <translation>Interpolatiemethode</translation>
    </message>
    <message>
        <source>Inverse distance weighting</source>
        <translation>Inverse-afstandsweging</translation>
    </message>
    <message>
        <source>Keywords (comma-separated)</source>
        <translation>Trefwoorden (gescheiden door komma's)</translation>
    </message>
    <message>
        <source>Land cover (polygons)</source>
        <translation>Bodembedekking (vlakken)</translation>
    </message>
    <message>
        <source>Land cover class field</source>
        <translation>Veld bodembedekkingsklasse</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Laag</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Lagen</translation>
    </message>
    <message>
        <source>Layers to publish (vector layers of the project):</source>
        <translation>Te publiceren lagen (vectorlagen van het project):</translation>
    </message>
    <message>
        <source>Ld raster (dB)</source>
        <translation>Ld-raster (dB)</translation>
    </message>
    <message>
        <source>Lden raster (dB)</source>
        <translation>Lden-raster (dB)</translation>
    </message>
    <message>
        <source>Le raster (dB)</source>
        <translation>Le-raster (dB)</translation>
    </message>
    <message>
        <source>Leave-one-out RMSE (ug/m3)</source>
        <translation>Leave-one-out-RMSE (ug/m3)</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
    <message>
        <source>Liveability</source>
        <translation>Leefbaarheid</translation>
    </message>
    <message>
        <source>Liveability index</source>
        <translation>Leefbaarheidsindex</translation>
    </message>
    <message>
        <source>Liveability index layer</source>
        <translation>Laag met de leefbaarheidsindex</translation>
    </message>
    <message>
        <source>Liveability report</source>
        <translation>Leefbaarheidsrapport</translation>
    </message>
    <message>
        <source>Liveability scenario comparison</source>
        <translation>Leefbaarheid: scenariovergelijking</translation>
    </message>
    <message>
        <source>Ln raster (dB)</source>
        <translation>Ln-raster (dB)</translation>
    </message>
    <message>
        <source>Load RIVM LML observations</source>
        <translation>RIVM LML-waarnemingen laden</translation>
    </message>
    <message>
        <source>Loads the RIVM Landelijk Meetnet Luchtkwaliteit XML files of a folder (the 'xml' stream YYYYMMDDHH.xml and the 'sos' stream YYYYMMDDHH-component.xml) into the register: one entry per station (located from the stations file), one datastream per component, hourly observations. Loading the same files again adds nothing.</source>
        <translation>Laadt de XML-bestanden van het RIVM Landelijk Meetnet Luchtkwaliteit uit een map (de 'xml'-stroom JJJJMMDDUU.xml en de 'sos'-stroom JJJJMMDDUU-component.xml) in het register: één regel per station (locatie uit het stationsbestand), één datastroom per component, waarnemingen per uur. Dezelfde bestanden opnieuw laden voegt niets toe.</translation>
    </message>
    <message>
        <source>Map extent</source>
        <translation>Kaartbeeld</translation>
    </message>
    <message>
        <source>Matches (TP/FP/FN)</source>
        <translation>Koppelingen (TP/FP/FN)</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadata</translation>
    </message>
    <message>
        <source>Metadata is valid DCAT-AP-DONL 2.0.</source>
        <translation>De metadata is geldig volgens DCAT-AP-DONL 2.0.</translation>
    </message>
    <message>
        <source>Minimum canopy share of a cool spot</source>
        <translation>Minimaal kroonaandeel van een koele plek</translation>
    </message>
    <message>
        <source>Minimum cool spot area (m2)</source>
        <translation>Minimale oppervlakte koele plek (m2)</translation>
    </message>
    <message>
        <source>Minimum green space area (m2)</source>
        <translation>Minimale oppervlakte groengebied (m2)</translation>
    </message>
    <message>
        <source>Minimum panel area (m2)</source>
        <translation>Minimale paneeloppervlakte (m2)</translation>
    </message>
    <message>
        <source>Minimum park / cool spot area (m2)</source>
        <translation>Minimale oppervlakte park / koele plek (m2)</translation>
    </message>
    <message>
        <source>Minutes threshold</source>
        <translation>Drempel in minuten</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobiel</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Model: {name}</source>
        <translation>Model: {name}</translation>
    </message>
    <message>
        <source>My own ONNX model file</source>
        <translation>Mijn eigen ONNX-modelbestand</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>New and removed installations</source>
        <translation>Nieuwe en verdwenen installaties</translation>
    </message>
    <message>
        <source>New installations</source>
        <translation>Nieuwe installaties</translation>
    </message>
    <message>
        <source>No .xml files in the folder</source>
        <translation>Geen .xml-bestanden in de map</translation>
    </message>
    <message>
        <source>No building footprints in the chosen area</source>
        <translation>Geen pandcontouren in het gekozen gebied</translation>
    </message>
    <message>
        <source>No observations for this sensor</source>
        <translation>Geen waarnemingen voor deze sensor</translation>
    </message>
    <message>
        <source>No register given</source>
        <translation>Geen register opgegeven</translation>
    </message>
    <message>
        <source>Noise exposure</source>
        <translation>Geluidsbelasting</translation>
    </message>
    <message>
        <source>Number of panel polygons</source>
        <translation>Aantal paneelpolygonen</translation>
    </message>
    <message>
        <source>Object match IoU threshold</source>
        <translation>IoU-drempel voor objectkoppeling</translation>
    </message>
    <message>
        <source>Observations read</source>
        <translation>Waarnemingen gelezen</translation>
    </message>
    <message>
        <source>Only buildings in extent</source>
        <translation>Alleen gebouwen binnen extent</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>Open data</translation>
    </message>
    <message>
        <source>Open sensor register</source>
        <translation>Sensorregister openen</translation>
    </message>
    <message>
        <source>Open-data package folder</source>
        <translation>Map van het open-datapakket</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Openen…</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opties</translation>
    </message>
    <message>
        <source>Ordinary kriging</source>
        <translation>Ordinary kriging</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Organisation (authority and publisher)</source>
        <translation>Organisatie (bronhouder en uitgever)</translation>
    </message>
    <message>
        <source>Orthophoto (8 cm)</source>
        <translation>Luchtfoto (8 cm)</translation>
    </message>
    <message>
        <source>Output CRS</source>
        <translation>Uitvoer-CRS</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>Uitvoerbestand</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Uitvoermap</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Uitvoermap:</translation>
    </message>
    <message>
        <source>Own ONNX model file</source>
        <translation>Eigen ONNX-modelbestand</translation>
    </message>
    <message>
        <source>Own model file</source>
        <translation>Eigen modelbestand</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigenaar</translation>
    </message>
    <message>
        <source>Owner for Things without one</source>
        <translation>Eigenaar voor Things zonder eigenaar</translation>
    </message>
    <message>
        <source>Owner for rows without one</source>
        <translation>Eigenaar voor rijen zonder eigenaar</translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation>PDF-rapport</translation>
    </message>
    <message>
        <source>Package folder</source>
        <translation>Pakketmap</translation>
    </message>
    <message>
        <source>Package written</source>
        <translation>Pakket geschreven</translation>
    </message>
    <message>
        <source>Peak power per m2 of panel (Wp/m2)</source>
        <translation>Piekvermogen per m2 paneel (Wp/m2)</translation>
    </message>
    <message>
        <source>Per-building confusion</source>
        <translation>Verwarringsmatrix per pand</translation>
    </message>
    <message>
        <source>Period end (ISO, optional)</source>
        <translation>Einde van de periode (ISO, optioneel)</translation>
    </message>
    <message>
        <source>Period start (ISO, optional)</source>
        <translation>Begin van de periode (ISO, optioneel)</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Persoonsgegevens</translation>
    </message>
    <message>
        <source>Personal fields are withheld. Tick a field and give a reason to release it; every release is logged. Register contact fields can never be released.</source>
        <translation>Persoonlijke velden worden weggelaten. Vink een veld aan en geef een reden om het vrij te geven; elke vrijgave wordt gelogd. Contactvelden van het register kunnen nooit worden vrijgegeven.</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Portal</translation>
    </message>
    <message>
        <source>PostGIS schema</source>
        <translation>PostGIS-schema</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Probability threshold (empty = the model's own)</source>
        <translation>Kansdrempel (leeg = die van het model)</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>Gevonden problemen</translation>
    </message>
    <message>
        <source>Public CSV</source>
        <translation>Openbare CSV</translation>
    </message>
    <message>
        <source>Public GeoJSON</source>
        <translation>Openbare GeoJSON</translation>
    </message>
    <message>
        <source>Publish open data</source>
        <translation>Open data publiceren</translation>
    </message>
    <message>
        <source>Publish open data…</source>
        <translation>Open data publiceren…</translation>
    </message>
    <message>
        <source>Publish open-data package to CKAN</source>
        <translation>Open-datapakket publiceren op CKAN</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Gepubliceerd</translation>
    </message>
    <message>
        <source>Publishes a package written by 'Export open-data package' to a CKAN portal (such as the one data.overheid.nl harvests): creates the dataset, or patches it when a dataset with the same identifier exists, then creates each resource and uploads its file. The API key is read from the chosen QGIS authentication configuration (Basic with the key as password, or an API header X-CKAN-API-Key) and never logged. Portal errors are reported in Dutch with the field concerned.</source>
        <translation>Publiceert een pakket van 'Open-datapakket exporteren' op een CKAN-portal (zoals die data.overheid.nl oogst): maakt de dataset aan, of werkt hem bij als er al een dataset met dezelfde identificatie is, en maakt daarna elke bron aan en uploadt het bestand. De API-sleutel komt uit de gekozen QGIS-authenticatieconfiguratie (Basic met de sleutel als wachtwoord, of API-header X-CKAN-API-Key) en wordt nooit gelogd. Fouten van de portal worden in het Nederlands gemeld, met het betreffende veld.</translation>
    </message>
    <message>
        <source>QGIS project (*.qgz)</source>
        <translation>QGIS-project (*.qgz)</translation>
    </message>
    <message>
        <source>README</source>
        <translation>README</translation>
    </message>
    <message>
        <source>Reads Things, Locations and Datastreams (and each datastream's latest Observation) from an OGC SensorThings API server, following its paging, with an optional $filter (e.g. properties/owner eq 'Luftdaten'), and stores them as register entries with datastreams. Idempotent: harvesting again only changes what changed on the server.</source>
        <translation>Leest Things, Locations en Datastreams (en de laatste Observation per datastroom) van een OGC SensorThings API-server, volgt de paginering, met een optioneel $filter (bijv. properties/owner eq 'Luftdaten'), en slaat ze op als registerregels met datastromen. Opnieuw oogsten wijzigt alleen wat op de server veranderde.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referentie</translation>
    </message>
    <message>
        <source>Reference mask raster</source>
        <translation>Referentiemaskerraster</translation>
    </message>
    <message>
        <source>Reference panels</source>
        <translation>Referentiepanelen</translation>
    </message>
    <message>
        <source>Register (GeoPackage path, created when missing, or PostgreSQL connection string)</source>
        <translation>Register (pad naar GeoPackage, wordt aangemaakt als het ontbreekt, of PostgreSQL-verbinding)</translation>
    </message>
    <message>
        <source>Register GeoPackage or PostgreSQL connection</source>
        <translation>Register-GeoPackage of PostgreSQL-verbinding</translation>
    </message>
    <message>
        <source>Regularise to rotated rectangles</source>
        <translation>Regulariseren tot gedraaide rechthoeken</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Vrijgeven</translation>
    </message>
    <message>
        <source>Released personal fields ('layer.field: reason', one per line)</source>
        <translation>Vrijgegeven persoonlijke velden ('laag.veld: reden', één per regel)</translation>
    </message>
    <message>
        <source>Removed installations</source>
        <translation>Verdwenen installaties</translation>
    </message>
    <message>
        <source>Rendering the orthophoto</source>
        <translation>De luchtfoto opbouwen</translation>
    </message>
    <message>
        <source>Repair all</source>
        <translation>Alles herstellen</translation>
    </message>
    <message>
        <source>Repaired {n} layer(s)</source>
        <translation>{n} laag/lagen hersteld</translation>
    </message>
    <message>
        <source>Reported problems</source>
        <translation>Gemelde problemen</translation>
    </message>
    <message>
        <source>Residential buildings with tree counts</source>
        <translation>Woongebouwen met aantallen bomen</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolutie</translation>
    </message>
    <message>
        <source>Restore selected version</source>
        <translation>Gekozen versie terugzetten</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Rijen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Uitvoeren</translation>
    </message>
    <message>
        <source>Run tiles on</source>
        <translation>Tegels uitvoeren op</translation>
    </message>
    <message>
        <source>Running...</source>
        <translation>Bezig...</translation>
    </message>
    <message>
        <source>Sample data</source>
        <translation>Voorbeeldgegevens</translation>
    </message>
    <message>
        <source>Sample district GeoPackage</source>
        <translation>GeoPackage van het voorbeeldgebied</translation>
    </message>
    <message>
        <source>Scenario (optional)</source>
        <translation>Scenario (optioneel)</translation>
    </message>
    <message>
        <source>Scenario GeoPackage</source>
        <translation>Scenario-GeoPackage</translation>
    </message>
    <message>
        <source>Scenario difference per buurt</source>
        <translation>Scenarioverschil per buurt</translation>
    </message>
    <message>
        <source>Scenario difference per grid cell</source>
        <translation>Scenarioverschil per gridcel</translation>
    </message>
    <message>
        <source>Search name, description or theme (e.g. luchtfoto, BAG, bomen)</source>
        <translation>Zoek op naam, beschrijving of thema (bijv. luchtfoto, BAG, bomen)</translation>
    </message>
    <message>
        <source>Search reference, name, what it measures</source>
        <translation>Zoek op referentie, naam, wat de sensor meet</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Zaadgetal</translation>
    </message>
    <message>
        <source>Select buildings in layer {name} first</source>
        <translation>Selecteer eerst panden in laag {name}</translation>
    </message>
    <message>
        <source>Select buurten first</source>
        <translation>Selecteer eerst buurten</translation>
    </message>
    <message>
        <source>Selected buildings</source>
        <translation>Geselecteerde panden</translation>
    </message>
    <message>
        <source>Selected buurten</source>
        <translation>Geselecteerde buurten</translation>
    </message>
    <message>
        <source>Selecting buurten needs the district GeoPackage</source>
        <translation>Voor het kiezen van buurten is de GeoPackage van de wijk nodig</translation>
    </message>
    <message>
        <source>SensRNet JSON</source>
        <translation>SensRNet-JSON</translation>
    </message>
    <message>
        <source>Sensor observations (points)</source>
        <translation>Sensorwaarnemingen (punten)</translation>
    </message>
    <message>
        <source>Sensor register</source>
        <translation>Sensorregister</translation>
    </message>
    <message>
        <source>SensorThings base URL (…/v1.0)</source>
        <translation>SensorThings-basis-URL (…/v1.0)</translation>
    </message>
    <message>
        <source>Sensors added</source>
        <translation>Sensoren toegevoegd</translation>
    </message>
    <message>
        <source>Sensors changed</source>
        <translation>Sensoren gewijzigd</translation>
    </message>
    <message>
        <source>Sensors unchanged</source>
        <translation>Sensoren ongewijzigd</translation>
    </message>
    <message>
        <source>Service layers whose address no longer matches the catalogue</source>
        <translation>Servicelagen waarvan het adres niet meer overeenkomt met de catalogus</translation>
    </message>
    <message>
        <source>Shapefile (zip)</source>
        <translation>Shapefile (zip)</translation>
    </message>
    <message>
        <source>Shipped model (ONNX)</source>
        <translation>Meegeleverd model (ONNX)</translation>
    </message>
    <message>
        <source>Show or hide the {title} panel</source>
        <translation>Paneel {title} tonen of verbergen</translation>
    </message>
    <message>
        <source>Size (m)</source>
        <translation>Grootte (m)</translation>
    </message>
    <message>
        <source>Smart Society</source>
        <translation>Smart Society</translation>
    </message>
    <message>
        <source>Snapping tolerance (m)</source>
        <translation>Koppeltolerantie (m)</translation>
    </message>
    <message>
        <source>Solar panel changes between two years</source>
        <translation>Wijzigingen in zonnepanelen tussen twee jaren</translation>
    </message>
    <message>
        <source>Solar panel polygons</source>
        <translation>Zonnepaneelpolygonen</translation>
    </message>
    <message>
        <source>Solar panel truth</source>
        <translation>Werkelijke zonnepanelen</translation>
    </message>
    <message>
        <source>Solar panels</source>
        <translation>Zonnepanelen</translation>
    </message>
    <message>
        <source>Solar panels per building</source>
        <translation>Zonnepanelen per pand</translation>
    </message>
    <message>
        <source>Solar panels per building and buurt</source>
        <translation>Zonnepanelen per pand en buurt</translation>
    </message>
    <message>
        <source>Solar panels per buurt</source>
        <translation>Zonnepanelen per buurt</translation>
    </message>
    <message>
        <source>Solar-panel detection on aerial photos, per building and per buurt.</source>
        <translation>Zonnepanelen herkennen op luchtfoto's, per pand en per buurt.</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Bronnen</translation>
    </message>
    <message>
        <source>Stations (stations.csv or GeoPackage)</source>
        <translation>Stations (stations.csv of GeoPackage)</translation>
    </message>
    <message>
        <source>Stations added</source>
        <translation>Stations toegevoegd</translation>
    </message>
    <message>
        <source>Stations with leave-one-out predictions</source>
        <translation>Stations met leave-one-out-voorspellingen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sums panel polygons (for example the output of Detect solar panels, or a register) per building footprint: panel area inside the footprint (m2), estimated panel count (area / panel area), share of the roof, kWp (area x Wp/m2) and yearly kWh (kWp x kWh/kWp); a panel spanning two buildings is split. With buurten, totals per buurt (buildings, buildings with panels, area, count, kWp, kWh).</source>
        <translation>Telt paneelpolygonen (bijvoorbeeld de uitvoer van Zonnepanelen detecteren, of een register) op per pandcontour: paneeloppervlak binnen de contour (m2), geschat aantal panelen (oppervlakte / paneeloppervlak), aandeel van het dak, kWp (oppervlakte x Wp/m2) en jaaropbrengst in kWh (kWp x kWh/kWp); een paneel over twee panden wordt verdeeld. Met buurten ook totalen per buurt (panden, panden met panelen, oppervlakte, aantal, kWp, kWh).</translation>
    </message>
    <message>
        <source>The metadata is not complete; see the Metadata tab.</source>
        <translation>De metadata is niet compleet; zie het tabblad Metadata.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Thema's</translation>
    </message>
    <message>
        <source>Things read</source>
        <translation>Things gelezen</translation>
    </message>
    <message>
        <source>This model cannot be used:</source>
        <translation>Dit model is niet bruikbaar:</translation>
    </message>
    <message>
        <source>Threshold (0 = the model's own)</source>
        <translation>Drempel (0 = die van het model)</translation>
    </message>
    <message>
        <source>Tiles processed: {done} of {total}; {mpx:.2f} Mpx/s</source>
        <translation>Tegels verwerkt: {done} van {total}; {mpx:.2f} Mpx/s</translation>
    </message>
    <message>
        <source>Time field</source>
        <translation>Tijdveld</translation>
    </message>
    <message>
        <source>Time series</source>
        <translation>Tijdreeks</translation>
    </message>
    <message>
        <source>Time-out (seconds)</source>
        <translation>Time-out (seconden)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Title (empty: from the layer metadata)</source>
        <translation>Titel (leeg: uit de metadata van de laag)</translation>
    </message>
    <message>
        <source>Total kWh per year</source>
        <translation>Totaal kWh per jaar</translation>
    </message>
    <message>
        <source>Total kWp</source>
        <translation>Totaal kWp</translation>
    </message>
    <message>
        <source>Total panel area (m2)</source>
        <translation>Totale paneeloppervlakte (m2)</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>Trainingsdata</translation>
    </message>
    <message>
        <source>Tree crown polygons</source>
        <translation>Boomkroonvlakken</translation>
    </message>
    <message>
        <source>Tree distance from buildings (m)</source>
        <translation>Afstand van bomen tot gebouwen (m)</translation>
    </message>
    <message>
        <source>Trees (points)</source>
        <translation>Bomen (punten)</translation>
    </message>
    <message>
        <source>Twin layers</source>
        <translation>Twinlagen</translation>
    </message>
    <message>
        <source>Twin project</source>
        <translation>Twinproject</translation>
    </message>
    <message>
        <source>Twin project built with {n} problem(s), see the Twin layers panel</source>
        <translation>Twinproject gebouwd met {n} probleem/problemen, zie het paneel Twinlagen</translation>
    </message>
    <message>
        <source>Twin project not built: {error}</source>
        <translation>Twinproject niet gebouwd: {error}</translation>
    </message>
    <message>
        <source>Twin project written: {path}</source>
        <translation>Twinproject opgeslagen: {path}</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Valid rows</source>
        <translation>Geldige rijen</translation>
    </message>
    <message>
        <source>Validate a sensor file</source>
        <translation>Sensorbestand controleren</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validatie</translation>
    </message>
    <message>
        <source>Value field (ug/m3)</source>
        <translation>Waardeveld (ug/m3)</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Walking and cycling network (noded lines)</source>
        <translation>Loop- en fietsnetwerk (lijnen met knopen)</translation>
    </message>
    <message>
        <source>Walking network (noded lines)</source>
        <translation>Loopnetwerk (lijnen met knopen)</translation>
    </message>
    <message>
        <source>Walking speed (km/h)</source>
        <translation>Loopsnelheid (km/u)</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Waarschuwingen</translation>
    </message>
    <message>
        <source>When rows have errors</source>
        <translation>Als rijen fouten hebben</translation>
    </message>
    <message>
        <source>Whole aerial photo</source>
        <translation>Hele luchtfoto</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Waarom</translation>
    </message>
    <message>
        <source>With orthophoto</source>
        <translation>Met luchtfoto</translation>
    </message>
    <message>
        <source>Workers (process pool / local Dask)</source>
        <translation>Workers (procespool / lokale Dask)</translation>
    </message>
    <message>
        <source>Writes an open-data package of the chosen layers: GeoJSON following RFC 7946 (WGS84, 7 decimals; RD New through RDNAPTRANS2018 when PROJ has the grid, otherwise with a warning), one GeoPackage in EPSG:28992, CSV in UTF-8 with WKT and a .csvt, and on request a zipped Shapefile. It adds a README with licence and attribution, DCAT-AP-DONL 2.0 metadata (JSON-LD and the CKAN dictionary), ISO 19115 (Dutch profile 2.1.0) XML and a DCAT catalogue. The metadata is validated against the DONL value lists first. Fields whose names look personal (naam, email, telefoon, adres, geboortedatum, bsn, kenteken, ...) are left out unless released below as 'layer.field: reason', one per line; each release is logged. The sensor register's personal and non-public contact fields are never written.</source>
        <translation>Schrijft een open-datapakket van de gekozen lagen: GeoJSON volgens RFC 7946 (WGS84, 7 decimalen; RD New via RDNAPTRANS2018 als PROJ het grid heeft, anders met een waarschuwing), één GeoPackage in EPSG:28992, CSV in UTF-8 met WKT en een .csvt, en op verzoek een gezipte Shapefile. Met een README met licentie en naamsvermelding, DCAT-AP-DONL 2.0-metadata (JSON-LD en het CKAN-record), ISO 19115-XML (Nederlands profiel 2.1.0) en een DCAT-catalogus. De metadata wordt eerst gecontroleerd tegen de DONL-waardelijsten. Velden met een persoonlijke naam (naam, email, telefoon, adres, geboortedatum, bsn, kenteken, ...) blijven weg tenzij hieronder vrijgegeven als 'laag.veld: reden', één per regel; elke vrijgave wordt gelogd. Persoonlijke en niet-openbare contactvelden van het sensorregister worden nooit geschreven.</translation>
    </message>
    <message>
        <source>Writes the public part of the register: GeoJSON (WGS84) or CSV (RD and WGS84) with only public sensors, Dutch value-list labels, and never personal data or non-public contact details; or a SensRNet-style JSON (organisations, devices, sensors, datastreams, observation goals and legal grounds) for a national register.</source>
        <translation>Schrijft het openbare deel van het register: GeoJSON (WGS84) of CSV (RD en WGS84) met alleen openbare sensoren, Nederlandse labels en nooit persoonsgegevens of niet-openbare contactgegevens; of JSON in SensRNet-stijl (organisaties, apparaten, sensoren, datastromen, meetdoelen en wettelijke grondslagen) voor een landelijk register.</translation>
    </message>
    <message>
        <source>Writing the GeoPackage</source>
        <translation>De GeoPackage schrijven</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jaar</translation>
    </message>
    <message>
        <source>Yearly yield (kWh per kWp)</source>
        <translation>Jaaropbrengst (kWh per kWp)</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>gewijzigd</translation>
    </message>
    <message>
        <source>construction year</source>
        <translation>bouwjaar</translation>
    </message>
    <message>
        <source>created</source>
        <translation>aangemaakt</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>verwijderd</translation>
    </message>
    <message>
        <source>drawn rectangle</source>
        <translation>getekende rechthoek</translation>
    </message>
    <message>
        <source>local process pool</source>
        <translation>lokale procespool</translation>
    </message>
    <message>
        <source>map extent</source>
        <translation>kaartbeeld</translation>
    </message>
    <message>
        <source>never releasable</source>
        <translation>nooit vrij te geven</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>overlap</translation>
    </message>
    <message>
        <source>this process</source>
        <translation>dit proces</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>drempel</translation>
    </message>
    <message>
        <source>tile</source>
        <translation>tegel</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>onleesbaar</translation>
    </message>
    <message>
        <source>use</source>
        <translation>gebruiksdoel</translation>
    </message>
    <message>
        <source>withheld</source>
        <translation>weggelaten</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>{name} is already in the project</source>
        <translation>{name} staat al in het project</translation>
    </message>
    <message>
        <source>{n} layer(s) use outdated service addresses: repair them in the Twin layers panel</source>
        <translation>{n} laag/lagen gebruiken verouderde serviceadressen: herstel ze in het paneel Twinlagen</translation>
    </message>
    <message>
        <source>{n} of {total} buildings carry panels</source>
        <translation>{n} van {total} panden hebben panelen</translation>
    </message>
    <message>
        <source>{panels} panel areas, {area:.0f} m2, {kwp:.1f} kWp, {kwh:.0f} kWh/year on {bwith} of {b} buildings</source>
        <translation>{panels} paneelvlakken, {area:.0f} m2, {kwp:.1f} kWp, {kwh:.0f} kWh/jaar op {bwith} van {b} panden</translation>
    </message>
    <message>
        <source>{shown} of {total} sensors shown; {warned} with warnings</source>
        <translation>{shown} van {total} sensoren getoond; {warned} met waarschuwingen</translation>
    </message>
</context>
</TS>
