# Minsheng: `make run` to try it, `make test` to prove it. Nothing else by hand.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export MINSHENG_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test install install-dev assets browser office ocr lint pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base: $(BIN)/python requirements/base.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base requirements/dev.lock
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

# Optional extra for scanned PDFs and photos (RapidOCR + OpenCV); see requirements/ocr.in.
$(VENV)/.ocr: $(VENV)/.base requirements/ocr.lock
	$(BIN)/pip install --quiet --no-deps -r requirements/ocr.lock
	$(BIN)/python -c "from minsheng.documents.readers import scan_ocr; scan_ocr.engine()"  # models folded once now (scan_model.py)
	touch $@

ocr: $(VENV)/.ocr

install: $(VENV)/.base node_modules/.package-lock.json
install-dev: $(VENV)/.dev node_modules/.package-lock.json

assets: node_modules/.package-lock.json

# The browser tests drive Debian's chromium; install it when missing.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "安装 Debian chromium（浏览器测试需要）…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# PDFs (bulletin, 催办单) are made by LibreOffice with Chinese fonts embedded; the tests
# render one to PNG with pdftoppm. Install them from Debian when missing.
office:
	@if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! fc-list :lang=zh | grep -q .; then \
	  echo "安装 LibreOffice、中文字体和 poppler（生成与检查 PDF 需要）…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui poppler-utils fonts-noto-cjk >/dev/null; \
	fi

# Without LibreOffice the app still runs; the PDF buttons then say what to install.
run: install ocr
	@$(MAKE) --no-print-directory office || echo "未能安装 LibreOffice：PDF 下载将不可用" >&2
	DEBUG=1 $(BIN)/minsheng run

lint: install-dev ocr
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

pytest: install-dev ocr browser office
	$(BIN)/pytest -p no:cacheprovider -n 2 --dist worksteal --durations=30

test: lint pytest

bench: install-dev ocr office
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/scan_bench.py
	$(BIN)/python bench/targets_bench.py
	$(BIN)/python bench/progress_bench.py
	$(BIN)/python bench/forecast_bench.py
	$(BIN)/python bench/year_sim_bench.py
	$(BIN)/python bench/dashboard_bench.py
	$(BIN)/python bench/bulletin_bench.py
	$(BIN)/python bench/file_load.py
	$(BIN)/python bench/bad_files.py
	$(BIN)/python bench/unseen_bench.py
	$(BIN)/python bench/metamorphic_bench.py
	$(BIN)/python bench/gongwen_bench.py
	$(BIN)/python bench/demo_bench.py
	$(BIN)/python bench/code_health.py
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/python bench/vote_load.py 100 300 500; \
	else echo "票决负载测试（gunicorn + PostgreSQL）：设置 DATABASE_URL=postgres://… 后再运行 make bench"; fi
	@case "$$DATABASE_URL" in postgres*) $(BIN)/python bench/filing_load.py 200;; \
	*) echo "截止前报送负载测试（API，gunicorn + PostgreSQL）：设置 DATABASE_URL=postgres://… 后再运行 make bench";; esac
	@case "$$DATABASE_URL" in postgres*) $(BIN)/python bench/scale_bench.py --plans $${SCALE_PLANS:-2850} --years $${SCALE_YEARS:-5} --replica;; \
	*) echo "全国规模基准（PostgreSQL）：设置 DATABASE_URL=postgres://… 后再运行 make bench";; esac

clean:
	rm -rf $(VENV) node_modules var
