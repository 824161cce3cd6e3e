import type { components } from './engine-api.generated';
import type { LocalizedText } from '../i18n/messages';

/**
 * Answers the designer reads whose operations declare no response schema in the engine's OpenAPI
 * document yet (forms, versions, parameter publication). Typed by hand here, and only here, from
 * engine/src/modules/registry/registry-views.ts; when the engine declares them, use the generated
 * `components['schemas']` instead and delete the type.
 */

/** The signed-in account (declared by the engine). */
export type AccountView = components['schemas']['AccountViewDto'];

/** Tokens and account from login or refresh (declared by the engine). */
export type LoginResult = components['schemas']['LoginResponseDto'];

/** Every failure: `{ statusCode, error, errors: [{ path, code, message: {zh, en} }] }`. */
export type ErrorBody = components['schemas']['ErrorBodyDto'];

/** One line of `GET /api/forms`. */
export interface FormSummary {
  readonly key: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly effectiveFrom: string;
  readonly publishedAt: string;
  readonly checksum: string;
}

/** `GET /api/forms`. */
export interface FormList {
  readonly items: readonly FormSummary[];
}

/** Parameter values as a form version carries them. */
export type ParameterValues = Readonly<Record<string, string | number | boolean>>;

/** `GET /api/forms/:key` and `/versions/:version`: one version with its definition. */
export interface FormVersionView {
  readonly key: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly effectiveFrom: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly checksum: string;
  readonly parameters: ParameterValues;
  readonly dictionaryVersions: Readonly<Record<string, number>>;
  /** The form definition (definitions' `FormDefinition`), checked by the engine on publication. */
  readonly definition: Record<string, unknown>;
}

/** One entry of `GET /api/forms/:key/versions`. */
export interface VersionPointer {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly checksum: string;
}

/** `GET /api/forms/:key/versions`: oldest first, and which one is in force. */
export interface VersionList {
  readonly key: string;
  readonly current: number | null;
  readonly items: readonly VersionPointer[];
}

/** `GET /api/dictionaries/:key/versions/:version`. */
export interface DictionaryVersionView {
  readonly key: string;
  readonly version: number;
  /** The dictionary definition (definitions' `Dictionary`). */
  readonly dictionary: Record<string, unknown>;
}

/** `PUT /api/admin/forms/:key/parameters` (201): the version just published. */
export interface Publication {
  readonly key: string;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly checksum: string;
}
