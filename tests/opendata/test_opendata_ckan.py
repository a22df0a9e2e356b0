"""Publishing with the real ckanapi client against a local CKAN-compatible server, request by request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from opendata_ckan_server import FakeCkan

from smart_society.processing.opendata import metadata as md
from smart_society.processing.opendata.ckan import CkanPublisher
from smart_society.processing.opendata.errors import CkanPublishError
from smart_society.processing.opendata.package import export_package
from smart_society.processing.opendata.privacy import PrivacyGate

KEY = "test-api-key-123"


@pytest.fixture
def server():
    fake = FakeCkan(api_key=KEY)
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
def package_dir(tmp_path, rd_points):
    m = md.DatasetMetadata(
        title="Bomen Spoorzone",
        description="Bomen.",
        contact_name="Team Groen",
        contact_email="groen@dordrecht.nl",
        modified="2026-11-25",
        ckan_organisation="gemeente-dordrecht",
    )
    result = export_package([rd_points], tmp_path / "out", m, PrivacyGate(user="t"))
    return result.directory


def _document(package_dir: Path):
    document = json.loads((package_dir / "metadata" / "ckan_package.json").read_text())
    files = [(r, package_dir / r["file_name"]) for r in document["resources"]]
    return document["package"], files


def test_first_publication_conversation(server, package_dir):
    package, files = _document(package_dir)
    lines = []
    with CkanPublisher(server.url, KEY, log=lines.append) as publisher:
        result = publisher.publish(package, files)
    n = len(files)
    assert n == 3  # geojson, gpkg, csv
    assert server.actions() == ["package_show", "package_create"] + ["resource_create", "resource_patch"] * n
    show, create = server.requests[0], server.requests[1]
    assert show.method == "POST" and show.json == {"id": "bomen-spoorzone"}
    assert create.json == package
    assert create.headers["content-type"] == "application/json"
    for request in server.requests:
        assert request.headers.get("authorization") == KEY
        assert request.headers["user-agent"].startswith("DordrechtSmartTwin-QGIS")
    dataset_id = server.packages["bomen-spoorzone"]["id"]
    for i, (resource, path) in enumerate(files):
        create_res, upload = server.requests[2 + 2 * i], server.requests[3 + 2 * i]
        assert not create_res.is_multipart
        assert create_res.json["package_id"] == dataset_id
        assert create_res.json["name"] == resource["name"]
        assert create_res.json["language"] == [md.NLD]  # lists survive because the body is JSON
        assert create_res.json["format"] == resource["format"] and "file_name" not in create_res.json
        assert upload.is_multipart
        assert upload.form == {"id": result.resources[i].resource_id}
        filename, payload, content_type = upload.files["upload"]
        assert filename == path.name and payload == path.read_bytes()
        assert content_type == resource["mimetype"]
    assert result.created and result.dataset_url == f"{server.url}/dataset/bomen-spoorzone"
    assert [r.file_name for r in result.resources] == [p.name for _, p in files]
    assert all(r.url.endswith("/download/" + r.file_name) for r in result.resources)
    assert lines and not any(KEY in line for line in lines)


def test_second_publication_patches_idempotently(server, package_dir):
    package, files = _document(package_dir)
    with CkanPublisher(server.url, KEY) as publisher:
        publisher.publish(package, files)
        first_ids = [r["id"] for r in server.packages["bomen-spoorzone"]["resources"]]
        server.requests.clear()
        package = dict(package, title="Bomen Spoorzone (bijgewerkt)")
        result = publisher.publish(package, files)
    assert server.actions() == ["package_show", "package_patch"] + ["resource_patch"] * len(files)
    patch = server.requests[1].json
    assert patch["id"] == server.packages["bomen-spoorzone"]["id"] and patch["title"].endswith("(bijgewerkt)")
    assert len(server.packages) == 1
    assert [r["id"] for r in server.packages["bomen-spoorzone"]["resources"]] == first_ids
    assert not result.created and not any(r.created for r in result.resources)


def test_name_of_another_dataset_is_refused(server, package_dir):
    package, files = _document(package_dir)
    server.packages["bomen-spoorzone"] = dict(
        package, id="other", identifier="https://example.org/other", resources=[]
    )
    with CkanPublisher(server.url, KEY) as publisher, pytest.raises(CkanPublishError, match="al in gebruik"):
        publisher.publish(package, files)
    assert server.actions() == ["package_show"]


def test_validation_error_is_dutch_and_names_the_field(server, package_dir):
    package, files = _document(package_dir)
    package = dict(package, owner_org="gemeente-gotham")
    with CkanPublisher(server.url, KEY) as publisher, pytest.raises(CkanPublishError) as caught:
        publisher.publish(package, files)
    message = str(caught.value)
    assert "De portal weigerde het aanmaken van dataset 'bomen-spoorzone'" in message
    assert "veld organisatie (owner_org): Organization does not exist" in message
    assert caught.value.field == "owner_org" and caught.value.action == "package_create"
    assert server.actions() == ["package_show", "package_create"]
    assert server.packages == {}


def test_wrong_key_gives_dutch_authorisation_message_without_the_key(server, package_dir):
    package, files = _document(package_dir)
    with CkanPublisher(server.url, "wrong-key-456") as publisher, pytest.raises(CkanPublishError) as caught:
        publisher.publish(package, files)
    message = str(caught.value)
    assert message.startswith("Geen toestemming op") and "package_create" in message
    assert "wrong-key-456" not in message
    assert caught.value.status == 403
    assert server.actions() == ["package_show", "package_create"]
    assert server.requests[1].headers["authorization"] == "wrong-key-456"


def test_server_error_during_upload(server, package_dir):
    package, files = _document(package_dir)
    server.fail_next("resource_patch", "500")
    with CkanPublisher(server.url, KEY) as publisher, pytest.raises(CkanPublishError) as caught:
        publisher.publish(package, files)
    assert "serverfout (HTTP 500)" in str(caught.value)
    assert f"het uploaden van bestand '{files[0][1].name}'" in str(caught.value)
    assert server.actions() == ["package_show", "package_create", "resource_create", "resource_patch"]


def test_time_out(server, package_dir):
    package, files = _document(package_dir)
    server.fail_next("package_create", "timeout")
    with (
        CkanPublisher(server.url, KEY, timeout_s=1.5) as publisher,
        pytest.raises(CkanPublishError) as caught,
    ):
        publisher.publish(package, files)
    assert "antwoordde niet binnen 1.5 seconden" in str(caught.value)
    assert caught.value.action == "package_create"
    assert server.actions() == ["package_show", "package_create"]


def test_unreachable_portal_and_bad_url():
    with pytest.raises(CkanPublishError, match="geen geldige portal-URL"):
        CkanPublisher("data.dordrecht.nl", KEY)
    fake = FakeCkan()
    url = fake.start()
    fake.stop()  # nothing listens any more
    with (
        CkanPublisher(url, KEY, timeout_s=2) as publisher,
        pytest.raises(CkanPublishError, match="niet bereikbaar"),
    ):
        publisher.publish({"name": "x-y", "identifier": "https://e.org/x"}, [])


AUTH_SCRIPT = textwrap.dedent("""
    import json, sys
    from qgis.core import QgsApplication, QgsAuthMethodConfig
    app = QgsApplication([], False)
    app.initQgis()
    manager = QgsApplication.authManager()
    assert manager.authenticationDatabasePath().startswith(sys.argv[1]), manager.authenticationDatabasePath()
    assert manager.setMasterPassword("master-password-for-tests", True)
    ids = {}
    for method, config_map in (("Basic", {"username": "publisher", "password": sys.argv[3]}),
                               ("APIHeader", {"X-CKAN-API-Key": sys.argv[3]})):
        config = QgsAuthMethodConfig(method)
        config.setName("ckan " + method)
        config.setConfigMap(config_map)
        stored = manager.storeAuthenticationConfig(config)
        stored = stored[0] if isinstance(stored, tuple) else stored
        assert stored, method
        ids[method] = config.id()
    from smart_society.processing.opendata.ckan import api_key_from_auth_manager, publish_package
    from smart_society.processing.opendata.errors import CkanPublishError
    assert api_key_from_auth_manager(ids["APIHeader"]) == sys.argv[3]
    try:
        api_key_from_auth_manager("nosuch1")
        raise SystemExit("unknown authcfg accepted")
    except CkanPublishError as error:
        assert "nosuch1" in str(error)
    log = []
    result = publish_package(sys.argv[4], sys.argv[2], ids["Basic"], log=log.append)
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    from smart_society.processing.algorithms.opendata_publish import PublishCkanAlgorithm
    algorithm = PublishCkanAlgorithm().create({})
    params = {"PACKAGE": sys.argv[4], "PORTAL_URL": sys.argv[2], "AUTHCFG": ids["APIHeader"], "TIMEOUT": 30}
    outputs, ok = algorithm.run(params, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok, "publishckan failed"
    print("RESULT", json.dumps({"url": result.dataset_url, "log": log, "algorithm": outputs["DATASET_URL"]}))
    app.exitQgis()
""")


def test_key_comes_from_a_temporary_qgis_auth_database(server, package_dir, tmp_path):
    auth_dir = tmp_path / "auth"
    auth_dir.mkdir()
    script = tmp_path / "publish_with_auth.py"
    script.write_text(AUTH_SCRIPT)
    repo = Path(__file__).resolve().parents[2]
    env = dict(
        os.environ,
        QGIS_AUTH_DB_DIR_PATH=str(auth_dir) + "/",
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(repo / ".build" / "pypath"),
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
    )
    completed = subprocess.run(
        [sys.executable, str(script), str(auth_dir), server.url, KEY, str(package_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-3000:]
    assert KEY not in output  # never printed or logged
    result = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    assert result["url"] == f"{server.url}/dataset/bomen-spoorzone"
    assert (auth_dir / "qgis-auth.db").exists()
    assert result["algorithm"] == result["url"]
    n = len(json.loads((package_dir / "metadata" / "ckan_package.json").read_text())["resources"])
    # first publish_package (create), then the Processing algorithm (patch, idempotent)
    assert server.actions() == (
        ["package_show", "package_create"]
        + ["resource_create", "resource_patch"] * n
        + ["package_show", "package_patch"]
        + ["resource_patch"] * n
    )
    assert {r.headers.get("authorization") for r in server.requests} == {KEY}
