#!/usr/bin/env python3
"""A real MLflow model registry in the states real registries are in, for RealMLflowImportTests.

Usage: registry.py OUTDIR

Starts an MLflow tracking server (SQLite backend in OUTDIR, a free port on 127.0.0.1, in a
session of its own so the whole process tree is stopped at the end), and through MLflow's
Python client registers:

- `fraud-scorer`: a description; tags provider, license, rationale and two tags aigov has no
  field for (`team`, `mlflow.note`…); versions 1-3, each from a run (run_id, source) with a
  description; version 3 tagged end_of_life 2027-06-30 and parameters 12M; aliases
  `champion` -> 3 and `fallback` -> 1;
- `legacy-ranker`: legacy stages, version 1 Production and version 2 Staging;
- `empty-model`: a registered model with no versions.

It writes the REST responses the README pipes into `aigov import mlflow -`:

    OUTDIR/1-registered-models.json   GET registered-models/search
    OUTDIR/1-model-versions.json      GET model-versions/search (every version)
    OUTDIR/2-registered-models.json   the same after `champion` moved from version 3 to 2
    OUTDIR/2-model-versions.json
    OUTDIR/error.json                 GET registered-models/get?name=no-such-model (an error body)

Exit 0 on success; any failure prints the server log and exits 1. The server is always stopped.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, path, params):
    url = f"{base}/api/2.0/mlflow/{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read()
    except urllib.error.HTTPError as e:
        return e.read()


def dump(base, out, prefix):
    with open(os.path.join(out, f"{prefix}-registered-models.json"), "wb") as f:
        f.write(get(base, "registered-models/search", {"max_results": 100}))
    with open(os.path.join(out, f"{prefix}-model-versions.json"), "wb") as f:
        f.write(get(base, "model-versions/search", {"max_results": 1000}))


def main():
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, MLFLOW_DISABLE_TELEMETRY="true", DO_NOT_TRACK="1")
    log = open(os.path.join(out, "server.log"), "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mlflow", "server",
         "--backend-store-uri", f"sqlite:///{out}/mlflow.db",
         "--default-artifact-root", f"{out}/artifacts",
         "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.time() > deadline:
                raise RuntimeError("the MLflow server did not start")
            time.sleep(0.5)

        os.environ.update(MLFLOW_DISABLE_TELEMETRY="true", DO_NOT_TRACK="1")
        import warnings
        warnings.simplefilter("ignore")
        from mlflow import MlflowClient
        client = MlflowClient(tracking_uri=base, registry_uri=base)

        def version(name, n, tags=None):
            run = client.create_run(experiment_id="0")
            client.log_text(run.info.run_id, "flavors: {}\n", "model/MLmodel")
            return client.create_model_version(name, source=f"runs:/{run.info.run_id}/model", run_id=run.info.run_id,
                                               tags=tags or {}, description=f"{name} version {n}: retrained on the month's data")

        name = "fraud-scorer"
        client.create_registered_model(name, tags={
            "provider": "Payments ML",
            "license": "proprietary",
            "rationale": "Gradient boosting beats the rules engine on recall at the same review load",
            "team": "payments-risk",
            "mlflow.note.content": "owned by the fraud desk",
        }, description="Card-not-present fraud scoring")
        version(name, 1, {"technique": "machine-learning"})
        version(name, 2, {"technique": "machine-learning"})
        version(name, 3, {"technique": "deep-learning", "end_of_life": "2027-06-30", "parameters": "12M", "validated_by": "qa"})
        client.set_registered_model_alias(name, "champion", "3")
        client.set_registered_model_alias(name, "fallback", "1")

        legacy = "legacy-ranker"
        client.create_registered_model(legacy, description="Ranks support tickets (stages, before aliases)")
        version(legacy, 1)
        version(legacy, 2)
        client.transition_model_version_stage(legacy, "1", "Production")
        client.transition_model_version_stage(legacy, "2", "Staging")

        client.create_registered_model("empty-model", description="Registered before its first training run")

        dump(base, out, "1")
        client.set_registered_model_alias(name, "champion", "2")
        dump(base, out, "2")
        with open(os.path.join(out, "error.json"), "wb") as f:
            f.write(get(base, "registered-models/get", {"name": "no-such-model"}))
        for p in ("1-registered-models.json", "1-model-versions.json", "2-registered-models.json", "2-model-versions.json", "error.json"):
            json.load(open(os.path.join(out, p)))
        print("registered fraud-scorer (champion 3 -> 2, fallback 1), legacy-ranker (Production 1, Staging 2), empty-model")
    except Exception as e:
        log.flush()
        sys.stderr.write(open(os.path.join(out, "server.log")).read()[-4000:])
        sys.stderr.write(f"\nregistry.py: {e!r}\n")
        return 1
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except Exception:
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except Exception:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
