<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>SmartSociety</name>
    <message>
        <source>Component {name} could not start: {error}</source>
        <translation>Onderdeel {name} kon niet starten: {error}</translation>
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
        <source>Export layers as an open-data package and publish them to CKAN</source>
        <translation>Lagen exporteren als open-datapakket en publiceren naar CKAN</translation>
    </message>
    <message>
        <source>Publish open data…</source>
        <translation>Open data publiceren…</translation>
    </message>
    <message>
        <source>Sensor register</source>
        <translation>Sensorregister</translation>
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
        <source>Twin layers</source>
        <translation>Twinlagen</translation>
    </message>
</context>
</TS>
