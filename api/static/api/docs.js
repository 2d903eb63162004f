// The read API's documentation: Swagger UI (shipped with the project) reading the schema.
// A file of its own rather than an inline script, which the site's Content Security Policy forbids.
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    domNode: element,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // Reading only: "Try it out" sends GET requests to this site, nothing else.
    supportedSubmitMethods: ["get"],
    validatorUrl: null
  });
})();
