#!/usr/bin/env python3
"""A real MLflow model registry for ImportTests.mlflowRegistryVersionsAndAliasArrive.

Usage: registry.py OUTDIR

Starts an MLflow tracking server (SQLite backend in OUTDIR, a free port on 127.0.0.1, in a
session of its own so the whole process tree is stopped at the end), registers the model
`fraud-scorer` with two versions and the alias `champion` -> version 2 through MLflow's
Python client, and writes the REST responses the README pipes into `aigov import mlflow -`:

    OUTDIR/registered-models.json   GET /api/2.0/mlflow/registered-models/search
    OUTDIR/model-versions.json      GET /api/2.0/mlflow/model-versions/search

Exit 0 on success; any failure prints the server log and exits 1.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, path, params):
    url = f"{base}/api/2.0/mlflow/{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read()


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
        from mlflow import MlflowClient
        client = MlflowClient(tracking_uri=base, registry_uri=base)
        name = "fraud-scorer"
        client.create_registered_model(name, tags={
            "license": "proprietary",
            "rationale": "Gradient boosting beats the rules engine on recall at the same review load",
        }, description="Card-not-present fraud scoring")
        versions = []
        for n in (1, 2):
            run = client.create_run(experiment_id="0")
            client.log_text(run.info.run_id, "flavors: {}\n", "model/MLmodel")
            v = client.create_model_version(name, source=f"runs:/{run.info.run_id}/model", run_id=run.info.run_id,
                                            tags={"technique": "machine-learning"}, description=f"version {n}")
            versions.append(v.version)
        client.set_registered_model_alias(name, "champion", versions[-1])

        query = {"filter": f"name='{name}'"}
        with open(os.path.join(out, "registered-models.json"), "wb") as f:
            f.write(get(base, "registered-models/search", query))
        with open(os.path.join(out, "model-versions.json"), "wb") as f:
            f.write(get(base, "model-versions/search", query))
        json.load(open(os.path.join(out, "registered-models.json")))
        print(f"registered {name} versions {' '.join(versions)}, alias champion -> {versions[-1]}")
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
