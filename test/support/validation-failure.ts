/**
 * Asserts the standard 400 body of a validation failure that names `field`, with `message` among its messages:
 * what a client's mistake must get (never a 500), nested objects included.
 */
export function expectValidationFailure(body: unknown, field: string, message: string): void {
  expect(body).toMatchObject({
    statusCode: 400,
    code: 'validation_failed',
    message: expect.any(String),
    details: { fields: expect.arrayContaining([{ field, messages: expect.arrayContaining([message]) }]) },
  });
}
