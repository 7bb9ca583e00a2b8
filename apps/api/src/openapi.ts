import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { version } from '../../../package.json';
import { ErrorBodyDto } from './http/error-body.dto';

export const DOCS_PATH = 'docs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** OpenAPI 3 document generated from the controllers and DTOs: JSON at `/docs-json`, Swagger UI at `/docs`. */
export function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Continuum API')
      .setDescription(
        'Cost estimates and pre-authorization for behavioral-health treatment providers. ' +
          'Every error answers with `{ statusCode, code, message, details }`. ' +
          'Every list answers with `{ data, nextCursor }` (nextCursor is null on the last page).',
      )
      .setVersion(version)
      // Routes marked @Allow(...) reference this scheme, so Swagger UI's "Authorize" sends the key. Keys are
      // opaque random secrets (not JWTs), sent as `Authorization: Bearer <key>`.
      .addSecurity('bearer', {
        type: 'http',
        scheme: 'bearer',
        description:
          'An opaque API key, sent as `Authorization: Bearer <key>`: cnt_admin_…, cnt_billing_… or cnt_pub_…',
      })
      .build(),
    { extraModels: [ErrorBodyDto] },
  );
  closeResponseSchemas(document);
  addDefaultErrorResponses(document);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
  });
}

/**
 * Every object schema of a DTO lists all its properties, so a field the API sends but does not document
 * breaks the OpenAPI test instead of going unnoticed. Free-form maps say `additionalProperties` themselves.
 */
function closeResponseSchemas(document: OpenAPIObject): void {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    if ('properties' in schema && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
}

/** Any operation may fail; each failure has the standard error body, whatever its status. */
function addDefaultErrorResponses(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      operation.responses.default ??= {
        description: 'An error, with the standard body (`code` says which).',
        content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } },
      };
    }
  }
}
