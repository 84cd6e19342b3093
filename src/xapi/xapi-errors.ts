/** A refusal in the learning record store: an HTTP status the xAPI specification names, and why. */
export class XapiError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 428 | 429 | 500 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'XapiError';
  }
}
