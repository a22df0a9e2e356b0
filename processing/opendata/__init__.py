"""Open data: export packages, DCAT-AP-DONL / ISO 19115 metadata, the privacy gate and CKAN publishing.

Everything in this package except ``gui/`` is GUI-free: functions take layers, paths and dataclasses and
report progress through a ``feedback`` callable; they never touch ``iface``, widgets or the project.
"""

from __future__ import annotations
