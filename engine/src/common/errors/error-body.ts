/** A message in both languages clinics and reviewers read. */
export interface LocalizedMessage {
  readonly zh: string;
  readonly en: string;
}

/** One problem; `path` is a JSON pointer into the request (`/patient/name`), `''` for the whole request. */
export interface ErrorDetail {
  readonly path: string;
  readonly code: string;
  readonly message: LocalizedMessage;
}

/** The one shape of every failed response. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly errors: readonly ErrorDetail[];
}
