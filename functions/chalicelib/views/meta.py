"""``GET /health`` and ``GET /openapi.json``."""
from .. import contract as contract_module, responses


def health(request):
    contract = contract_module.load()  # proves the contract is readable
    return responses.json_response(200, {"status": "ok", "forms": len(contract.forms)})


def openapi(request):
    from ..openapi import spec

    return responses.json_response(200, spec(), {"Cache-Control": "public, max-age=300"})
