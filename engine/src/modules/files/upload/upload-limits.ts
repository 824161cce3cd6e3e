/** Largest upload accepted: a phone photo of a licence or a scanned PDF fits comfortably. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The multipart part that carries the file. */
export const FILE_PART = 'file';
/** The only other part allowed: a short label of what the file is for. */
export const PURPOSE_PART = 'purpose';
export const MAX_PURPOSE_LENGTH = 64;
