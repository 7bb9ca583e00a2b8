import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { version } from '../../../package.json';

export const DOCS_PATH = 'docs';

/** OpenAPI 3 document generated from the controllers and DTOs: JSON at `/docs-json`, Swagger UI at `/docs`. */
export function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Continuum API')
      .setDescription(
        'Cost estimates and pre-authorization for behavioral-health treatment providers. ' +
          'Every error answers with `{ statusCode, code, message, details }`.',
      )
      .setVersion(version)
      // Routes marked @Allow(...) reference this scheme, so Swagger UI's "Authorize" sends the key.
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'An API key: cnt_admin_…, cnt_billing_… or cnt_pub_…',
      })
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
  });
}
