// Swagger UI on this server's own description. A file, not an inline script: the Content-Security-Policy refuses
// those. validatorUrl null: by default Swagger UI would ask an outside service to validate the document.
window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  tryItOutEnabled: false
});
