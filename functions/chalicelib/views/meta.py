"""``GET /health``, ``GET /openapi.json`` and ``GET /pages.css`` (the style of the function's pages)."""
from .. import contract as contract_module, responses


def health(request):
    contract = contract_module.load()  # proves the contract is readable
    return responses.json_response(200, {"status": "ok", "forms": len(contract.forms)})


def openapi(request):
    from ..openapi import spec

    return responses.json_response(200, spec(), {"Cache-Control": "public, max-age=300"})


def stylesheet(request):
    from chalice import Response

    from ..pages.layout import CSS

    return Response(body=str(CSS), status_code=200, headers={
        "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600"})
