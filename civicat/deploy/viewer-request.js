// CloudFront Function (cloudfront-js-2.0), viewer request, on the site's default behaviour.
//
// The site is a folder of files in a private S3 bucket, and S3 (reached through origin access
// control) serves keys, not folders: a page lives at /de/leistungen/hundesteuer/index.html and
// is linked as /de/leistungen/hundesteuer/. This function gives every folder address its
// index.html before CloudFront looks in its cache, so the cache key, the S3 key and the path a
// deployment invalidates are the same. An address without a trailing slash whose last part has
// no extension is a folder too: it is redirected to the address with the slash (301), keeping
// the query, so that relative links in the page resolve as they do on any web server.
//
// /api/* never reaches this function (its own cache behaviour has no function).
// Limits of CloudFront Functions: 10 KB of code, no network, about a millisecond per request.

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === "/") {
    request.uri = uri + "index.html";
    return request;
  }
  var last = uri.substring(uri.lastIndexOf("/") + 1);
  if (last.indexOf(".") === -1) {
    return {
      statusCode: 301,
      statusDescription: "Moved Permanently",
      headers: {
        location: { value: uri + "/" + query(request.querystring) },
        "cache-control": { value: "public, max-age=3600" }
      }
    };
  }
  return request;
}

// The query string as the viewer sent it. CloudFront hands it over parsed, values still
// URL-encoded; a name given more than once carries the others in multiValue.
function query(querystring) {
  var parts = [];
  for (var name in querystring) {
    var entry = querystring[name];
    var values = entry.multiValue ? entry.multiValue : [entry];
    for (var i = 0; i < values.length; i++) {
      parts.push(values[i].value === "" ? name : name + "=" + values[i].value);
    }
  }
  return parts.length ? "?" + parts.join("&") : "";
}
