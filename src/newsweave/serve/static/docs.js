// Starts Swagger UI on the API's own description (served locally, no CDN).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
