<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>SmartSociety</name>
    <message>
        <source>API key (QGIS authentication)</source>
        <translation>API-sleutel (QGIS-authenticatie)</translation>
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
        <source>Browse…</source>
        <translation>Bladeren…</translation>
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
        <source>CSV with WKT (UTF-8)</source>
        <translation>CSV met WKT (UTF-8)</translation>
    </message>
    <message>
        <source>Check metadata</source>
        <translation>Metadata controleren</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>Kies ten minste één laag.</translation>
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
        <source>DONL value lists:</source>
        <translation>DONL-waardelijsten:</translation>
    </message>
    <message>
        <source>Dataset URL</source>
        <translation>URL van de dataset</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschrijving</translation>
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
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>Files written</source>
        <translation>Geschreven bestanden</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formaten</translation>
    </message>
    <message>
        <source>GeoJSON (RFC 7946, WGS84)</source>
        <translation>GeoJSON (RFC 7946, WGS84)</translation>
    </message>
    <message>
        <source>GeoPackage (EPSG:28992)</source>
        <translation>GeoPackage (EPSG:28992)</translation>
    </message>
    <message>
        <source>Keywords (comma-separated)</source>
        <translation>Trefwoorden (gescheiden door komma's)</translation>
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
        <source>Licence</source>
        <translation>Licentie</translation>
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
        <source>Open data</source>
        <translation>Open data</translation>
    </message>
    <message>
        <source>Open-data package folder</source>
        <translation>Map van het open-datapakket</translation>
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
        <source>Output folder</source>
        <translation>Uitvoermap</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Uitvoermap:</translation>
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
        <source>Personal fields are withheld. Tick a field and give a reason to release it; every release is logged. Register contact fields can never be released.</source>
        <translation>Persoonlijke velden worden weggelaten. Vink een veld aan en geef een reden om het vrij te geven; elke vrijgave wordt gelogd. Contactvelden van het register kunnen nooit worden vrijgegeven.</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Portal</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
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
        <source>README</source>
        <translation>README</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
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
        <source>Sensor register</source>
        <translation>Sensorregister</translation>
    </message>
    <message>
        <source>Shapefile (zip)</source>
        <translation>Shapefile (zip)</translation>
    </message>
    <message>
        <source>Show or hide the {title} panel</source>
        <translation>Paneel {title} tonen of verbergen</translation>
    </message>
    <message>
        <source>Smart Society</source>
        <translation>Smart Society</translation>
    </message>
    <message>
        <source>Solar panels</source>
        <translation>Zonnepanelen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>The metadata is not complete; see the Metadata tab.</source>
        <translation>De metadata is niet compleet; zie het tabblad Metadata.</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Thema's</translation>
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
        <source>Twin layers</source>
        <translation>Twinlagen</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Waarom</translation>
    </message>
    <message>
        <source>Writes an open-data package of the chosen layers: GeoJSON following RFC 7946 (WGS84, 7 decimals; RD New through RDNAPTRANS2018 when PROJ has the grid, otherwise with a warning), one GeoPackage in EPSG:28992, CSV in UTF-8 with WKT and a .csvt, and on request a zipped Shapefile. It adds a README with licence and attribution, DCAT-AP-DONL 2.0 metadata (JSON-LD and the CKAN dictionary), ISO 19115 (Dutch profile 2.1.0) XML and a DCAT catalogue. The metadata is validated against the DONL value lists first. Fields whose names look personal (naam, email, telefoon, adres, geboortedatum, bsn, kenteken, ...) are left out unless released below as 'layer.field: reason', one per line; each release is logged. The sensor register's personal and non-public contact fields are never written.</source>
        <translation>Schrijft een open-datapakket van de gekozen lagen: GeoJSON volgens RFC 7946 (WGS84, 7 decimalen; RD New via RDNAPTRANS2018 als PROJ het grid heeft, anders met een waarschuwing), één GeoPackage in EPSG:28992, CSV in UTF-8 met WKT en een .csvt, en op verzoek een gezipte Shapefile. Met een README met licentie en naamsvermelding, DCAT-AP-DONL 2.0-metadata (JSON-LD en het CKAN-record), ISO 19115-XML (Nederlands profiel 2.1.0) en een DCAT-catalogus. De metadata wordt eerst gecontroleerd tegen de DONL-waardelijsten. Velden met een persoonlijke naam (naam, email, telefoon, adres, geboortedatum, bsn, kenteken, ...) blijven weg tenzij hieronder vrijgegeven als 'laag.veld: reden', één per regel; elke vrijgave wordt gelogd. Persoonlijke en niet-openbare contactvelden van het sensorregister worden nooit geschreven.</translation>
    </message>
    <message>
        <source>never releasable</source>
        <translation>nooit vrij te geven</translation>
    </message>
    <message>
        <source>withheld</source>
        <translation>weggelaten</translation>
    </message>
</context>
</TS>
