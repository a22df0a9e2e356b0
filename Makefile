# Dordrecht Smart Twin - the two commands that matter: `make demo` and `make test`.
SHELL := /bin/bash
REPO := $(abspath .)
VENV := $(REPO)/.venv
PY := $(VENV)/bin/python
PYPATH := $(REPO)/.build/pypath
export PYTHONPATH := $(PYPATH)
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1
OUT := $(REPO)/out

APT_PACKAGES := qgis python3-qgis qgis-providers qgis-server python3-geopandas python3-rasterio \
	python3-shapely python3-scipy python3-networkx python3-openpyxl python3-psycopg2 python3-distributed \
	python3-matplotlib python3-venv python3-pip postgresql-15-postgis-3 xvfb xauth imagemagick \
	qttools5-dev-tools gdal-bin zip make
SETUP_STAMP := $(REPO)/.build/setup.stamp

.PHONY: setup test demo run package screenshots bench lint eval i18n clean pypath

setup: $(SETUP_STAMP) pypath

# Re-runs only when the requirements or this Makefile change; apt is asked only for missing packages.
$(SETUP_STAMP): requirements-dev.txt Makefile
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "[setup] installing Debian packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	else echo "[setup] Debian packages present"; fi
	@[ -x $(PY) ] || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	@echo "[setup] pip extras into $(VENV)"; $(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@mkdir -p $(dir $@) && touch $@

pypath:
	@mkdir -p $(PYPATH); [ -e $(PYPATH)/smart_society ] || ln -s $(REPO) $(PYPATH)/smart_society

test: setup
	@eval "$$(bash scripts/start_postgres.sh)"; \
	echo "[test] PostgreSQL/PostGIS: $$SMART_SOCIETY_PG_DSN"; \
	$(VENV)/bin/pytest -q -ra --timeout=900 $(PYTEST_ARGS) tests

demo: setup
	$(PY) scripts/demo.py --out $(OUT)/demo

run: setup
	@[ -f $(OUT)/demo/dordrecht_smart_twin.qgz ] || $(MAKE) demo
	bash scripts/run_qgis.sh $(OUT)/demo/dordrecht_smart_twin.qgz

package: setup
	$(PY) scripts/package.py --out $(REPO)/dist

screenshots: setup
	@[ -f $(OUT)/demo/dordrecht_smart_twin.qgz ] || $(MAKE) demo
	bash scripts/screenshots.sh $(OUT)/demo/dordrecht_smart_twin.qgz $(OUT)/screenshots

bench: setup
	@for b in bench/bench_*.py; do echo "=== $$b"; $(PY) $$b || exit 1; done

eval: setup
	$(PY) scripts/eval_solar.py

lint: setup
	$(VENV)/bin/ruff check .

i18n: setup
	$(PY) scripts/i18n.py

clean:
	rm -rf $(OUT) dist .build/sample_district .build/profile
