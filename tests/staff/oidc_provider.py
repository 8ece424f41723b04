"""A real OpenID Connect provider process for the tests: ``oidc-provider-mock`` (PyPI) on a free
port of 127.0.0.1, with predefined people and their claims. It signs ID tokens with its own RSA
key and publishes discovery metadata and JWKS like Keycloak or Entra ID do."""
import json
import subprocess
import sys
import time
import urllib.request

from tests.functions.support import free_port


class Provider:
    def __init__(self, people: list[dict]):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "oidc_provider_mock", "--port", str(self.port),
                "--require-nonce", "true"]
        for person in people:
            args += ["--user-claims", json.dumps(person)]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(self.issuer + "/.well-known/openid-configuration",
                                            timeout=2):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the OpenID Connect test provider did not start")
                time.sleep(0.1)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
