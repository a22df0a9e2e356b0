"""Publishing an open-data package to a CKAN portal (data.overheid.nl schema) with ``ckanapi``.

The conversation, idempotent on the dataset's identifier:

1. ``package_show`` (by name) -> not found: ``package_create``; found with the same identifier:
   ``package_patch``; found with another identifier: error (the name belongs to another dataset).
2. per file: ``resource_create`` as JSON (all metadata, list values intact) unless a resource of that name
   exists, then ``resource_patch`` with the file as multipart ``upload``.

The API key comes only from QGIS's authentication manager (``api_key_from_auth_manager``); it is never
logged or put into a message. Portal errors become ``CkanPublishError`` with a Dutch message naming the
action and field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .errors import CkanPublishError

DEFAULT_TIMEOUT_S = 60.0
USER_AGENT = "DordrechtSmartTwin-QGIS (+https://github.com/gemeente-dordrecht/smart-society)"

#: CKAN field -> Dutch label for error messages
FIELD_LABELS_NL = {
    "name": "naam (URL)",
    "title": "titel",
    "notes": "beschrijving",
    "owner_org": "organisatie",
    "identifier": "identificatie",
    "license_id": "licentie",
    "theme": "thema",
    "authority": "bronhouder",
    "publisher": "uitgever",
    "contact_point_name": "contactpunt",
    "contact_point_email": "e-mail contactpunt",
    "contact_point_website": "website contactpunt",
    "language": "taal",
    "metadata_language": "metadatataal",
    "access_rights": "openbaarheidsniveau",
    "dataset_status": "status",
    "modified": "wijzigingsdatum",
    "tags": "trefwoorden",
    "url": "URL",
    "upload": "bestand",
    "format": "formaat",
    "mimetype": "mediatype",
    "package_id": "dataset",
    "id": "id",
    "spatial": "ruimtelijke dekking",
    "frequency": "frequentie",
}


def api_key_from_auth_manager(authcfg: str) -> str:
    """The CKAN API key stored in QGIS's authentication configuration ``authcfg``.

    Accepted: a Basic configuration (the password is the API key / API token) or an API-header
    configuration (the value of ``X-CKAN-API-Key`` or ``Authorization``).
    """
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    if not authcfg:
        raise CkanPublishError(
            "Kies een QGIS-authenticatieconfiguratie met de CKAN API-sleutel "
            "(Basic: wachtwoord = API-sleutel, of API-header X-CKAN-API-Key).",
            field="authcfg",
        )
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        raise CkanPublishError(
            "De QGIS-authenticatiebeheerder is uitgeschakeld; de API-sleutel kan niet "
            f"worden gelezen uit configuratie '{authcfg}'.",
            field="authcfg",
        )
    config = QgsAuthMethodConfig()
    loaded = manager.loadAuthenticationConfig(authcfg, config, True)
    if isinstance(loaded, tuple):
        loaded, config = loaded[0], loaded[1]
    if not loaded or not config.isValid(True):
        raise CkanPublishError(
            f"QGIS-authenticatieconfiguratie '{authcfg}' bestaat niet of kan niet worden "
            "geopend (is het hoofdwachtwoord ingevoerd?).",
            field="authcfg",
        )
    values = config.configMap()
    method = config.method()
    key = ""
    if method == "Basic":
        key = values.get("password", "")
    else:
        lowered = {k.lower(): v for k, v in values.items()}
        for name in ("x-ckan-api-key", "authorization", "apikey", "api_key", "api-key"):
            if lowered.get(name):
                key = lowered[name]
                break
        if not key and len(values) == 1:
            key = next(iter(values.values()))
    if not key:
        raise CkanPublishError(
            f"QGIS-authenticatieconfiguratie '{authcfg}' ({method}) bevat geen API-sleutel: "
            "verwacht Basic met de sleutel als wachtwoord, of een API-header "
            "X-CKAN-API-Key.",
            field="authcfg",
        )
    return key


@dataclass
class PublishedResource:
    name: str
    file_name: str
    resource_id: str
    url: str
    created: bool


@dataclass
class PublishResult:
    portal: str
    dataset_name: str
    dataset_id: str
    dataset_url: str
    created: bool
    resources: list[PublishedResource] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        verb = "created" if self.created else "updated"
        lines = [f"dataset {self.dataset_name} {verb} at {self.dataset_url}"]
        lines += [f"  {r.file_name} -> {r.url}" for r in self.resources]
        return lines


class CkanPublisher:
    """Talks to one CKAN portal with the real ``ckanapi.RemoteCKAN`` client.

    ``api_key`` must come from ``api_key_from_auth_manager``; ``log`` receives one line per request
    (action and target, never the key).
    """

    def __init__(
        self,
        portal_url: str,
        api_key: str,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        log: Callable[[str], None] | None = None,
    ):
        try:
            from ckanapi import RemoteCKAN
        except ImportError:
            raise CkanPublishError(
                "De Python-module 'ckanapi' ontbreekt in deze QGIS-installatie; installeer hem in de "
                "Python van "
                "QGIS (bijvoorbeeld: python -m pip install ckanapi) om te kunnen publiceren.",
                field="ckanapi",
            ) from None

        parsed = urlparse(portal_url or "")
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise CkanPublishError(
                f"'{portal_url}' is geen geldige portal-URL; verwacht bijvoorbeeld "
                "https://data.dordrecht.nl.",
                field="portal_url",
            )
        self.portal_url = portal_url.rstrip("/")
        self.timeout_s = timeout_s
        self.log = log or (lambda line: None)
        self._client = RemoteCKAN(self.portal_url, apikey=api_key, user_agent=USER_AGENT)

    def close(self) -> None:
        self._client.close()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    # -- one request ------------------------------------------------------------------------------------
    def call(self, action: str, data: dict, files: dict | None = None, what: str = ""):
        """One action; every failure but NotFound becomes a CkanPublishError with a Dutch message."""
        import requests
        from ckanapi import CKANAPIError, NotAuthorized, NotFound, ValidationError
        from ckanapi.errors import ServerIncompatibleError

        what = what or action
        self.log(f"{action} {data.get('id') or data.get('name') or data.get('package_id') or ''}".strip())
        try:
            return self._client.call_action(
                action, data, files=files, requests_kwargs={"timeout": self.timeout_s}
            )
        except NotFound:
            raise
        except ValidationError as error:
            raise CkanPublishError(
                self._validation_message(what, getattr(error, "error_dict", {})),
                action=action,
                field=",".join(self._error_fields(error)),
                status=409,
            ) from None
        except NotAuthorized as error:
            detail = ""
            if isinstance(getattr(error, "extra_msg", None), dict):
                detail = error.extra_msg.get("message", "")
            raise CkanPublishError(
                f"Geen toestemming op {self.portal_url} voor {what} ({action}). "
                "Controleer of de API-sleutel in de "
                "QGIS-authenticatieconfiguratie klopt en of de gebruiker redacteur is van de organisatie."
                + (f" Melding van de portal: {detail}" if detail else ""),
                action=action,
                status=403,
            ) from None
        except requests.exceptions.Timeout:
            raise CkanPublishError(
                f"De portal {self.portal_url} antwoordde niet binnen {self.timeout_s:g} seconden op {what} "
                f"({action}). Probeer het later opnieuw; gepubliceerd wordt idempotent, dus opnieuw starten "
                "is veilig.",
                action=action,
            ) from None
        except requests.exceptions.ConnectionError:
            raise CkanPublishError(
                f"De portal {self.portal_url} is niet bereikbaar ({what}, {action}). "
                "Controleer de URL en de netwerkverbinding.",
                action=action,
            ) from None
        except (CKANAPIError, ServerIncompatibleError) as error:
            status = self._status_of(error)
            if status and status >= 500:
                message = (
                    f"De portal {self.portal_url} gaf een serverfout (HTTP {status}) bij {what} ({action}). "
                    "Probeer het later opnieuw of neem contact op met de beheerder van de portal."
                )
            else:
                message = (
                    f"Onverwacht antwoord van {self.portal_url} bij {what} ({action})"
                    + (f", HTTP {status}" if status else "")
                    + "; is dit een CKAN-portal?"
                )
            raise CkanPublishError(message, action=action, status=status) from None

    @staticmethod
    def _status_of(error) -> int | None:
        """The HTTP status in ckanapi's ``repr([url, status, response])`` message, if any."""
        match = re.match(r"^\[[^,]+,\s*(\d{3})\s*,", str(error))
        return int(match.group(1)) if match else None

    @staticmethod
    def _error_fields(error) -> list[str]:
        error_dict = getattr(error, "error_dict", {}) or {}
        return [k for k in error_dict if not k.startswith("__")]

    @staticmethod
    def _validation_message(what: str, error_dict: dict) -> str:
        parts = []
        for key, value in (error_dict or {}).items():
            if key.startswith("__"):
                continue
            messages = value if isinstance(value, list) else [value]
            text = "; ".join(
                json.dumps(m, ensure_ascii=False) if isinstance(m, dict) else str(m) for m in messages
            )
            parts.append(f"veld {FIELD_LABELS_NL.get(key, key)} ({key}): {text}")
        detail = "; ".join(parts) or str(error_dict.get("message", "")) or "geen details"
        return f"De portal weigerde {what}: {detail}."

    # -- the conversation ---------------------------------------------------------------------------------
    def publish(
        self,
        package: dict,
        resources: list[tuple[dict, Path]],
        progress: Callable[[float, str], None] | None = None,
    ) -> PublishResult:
        """Create or patch the dataset ``package`` and upload every ``(resource dict, file)``."""
        from ckanapi import NotFound

        progress = progress or (lambda fraction, message: None)
        name = package.get("name", "")
        if not name or not package.get("identifier"):
            raise CkanPublishError(
                "Het datasetrecord mist 'name' of 'identifier'; maak eerst een geldig open-datapakket.",
                field="name" if not name else "identifier",
            )
        progress(0.0, f"package_show {name}")
        try:
            existing = self.call("package_show", {"id": name}, what=f"het opvragen van dataset '{name}'")
        except NotFound:
            existing = None
        if existing is None:
            dataset = self.call("package_create", package, what=f"het aanmaken van dataset '{name}'")
            created = True
        else:
            if existing.get("identifier") and existing.get("identifier") != package["identifier"]:
                raise CkanPublishError(
                    f"De naam '{name}' is op {self.portal_url} al in gebruik door een andere dataset "
                    f"(identificatie {existing.get('identifier')}, verwacht {package['identifier']}). "
                    "Kies een andere titel of naam.",
                    action="package_show",
                    field="name",
                )
            patch = {k: v for k, v in package.items() if k != "resources"}
            patch["id"] = existing["id"]
            dataset = self.call("package_patch", patch, what=f"het bijwerken van dataset '{name}'")
            created = False
        result = PublishResult(
            self.portal_url,
            dataset.get("name", name),
            dataset["id"],
            f"{self.portal_url}/dataset/{dataset.get('name', name)}",
            created,
        )
        existing_resources = {r.get("name"): r for r in dataset.get("resources", []) or []}
        for index, (resource, path) in enumerate(resources):
            path = Path(path)
            if not path.is_file():
                raise CkanPublishError(
                    f"Bestand {path} voor bron '{resource.get('name')}' bestaat niet.", field="upload"
                )
            progress((index + 0.5) / max(len(resources), 1), f"upload {path.name}")
            resource_name = resource.get("name") or path.name
            current = existing_resources.get(resource_name)
            new = current is None
            if new:
                body = {k: v for k, v in resource.items() if k != "file_name"}
                body.update(package_id=dataset["id"], name=resource_name, url="")
                current = self.call("resource_create", body, what=f"het aanmaken van bron '{resource_name}'")
            with path.open("rb") as stream:
                mimetype = resource.get("mimetype") or "application/octet-stream"
                uploaded = self.call(
                    "resource_patch",
                    {"id": current["id"]},
                    files={"upload": (path.name, stream, mimetype)},
                    what=f"het uploaden van bestand '{path.name}'",
                )
            result.resources.append(
                PublishedResource(resource_name, path.name, uploaded["id"], uploaded.get("url", ""), new)
            )
        progress(1.0, "done")
        return result


def publish_package(
    directory: Path,
    portal_url: str,
    authcfg: str,
    organisation: str = "",
    timeout_s: float = DEFAULT_TIMEOUT_S,
    log: Callable[[str], None] | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> PublishResult:
    """Publish a package written by ``package.export_package`` (its ``metadata/ckan_package.json``).

    ``organisation`` overrides the CKAN ``owner_org`` stored in the package.
    """
    directory = Path(directory)
    document_path = directory / "metadata" / "ckan_package.json"
    try:
        document = json.loads(document_path.read_text(encoding="utf-8"))
        package, resources = dict(document["package"]), list(document["resources"])
    except (OSError, ValueError, KeyError) as error:
        raise CkanPublishError(
            f"{document_path} ontbreekt of is onleesbaar; exporteer eerst het pakket ({error}).",
            field="package",
        ) from None
    if organisation:
        package["owner_org"] = organisation
    if not package.get("owner_org"):
        raise CkanPublishError(
            "Geen CKAN-organisatie (owner_org) opgegeven: vul de organisatie op de portal in.",
            field="owner_org",
        )
    files = [(resource, directory / resource["file_name"]) for resource in resources]
    api_key = api_key_from_auth_manager(authcfg)
    with CkanPublisher(portal_url, api_key, timeout_s, log) as publisher:
        return publisher.publish(package, files, progress)
