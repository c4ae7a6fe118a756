// CloudFront Function (runtime cloudfront-js-2.0) on the web app's behaviour: a path whose last
// segment has no file extension is an app route (/lapor, /lacak/7KQ4M-9TXRR, /staf/dasbor) and is
// served /index.html; files (/assets/index-abc.js, /favicon.ico) pass through. API paths never get
// here: they have behaviours of their own. Custom error responses would do the same by turning
// every 403/404 into the page — the API's too — so the rewrite is done here, before the origin.
// The local server runs this same file (local/web-app.ts).
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls `handler`
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf("/") + 1);
  if (last.indexOf(".") === -1) request.uri = "/index.html";
  return request;
}
