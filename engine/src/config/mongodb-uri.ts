/** The parts of a MongoDB connection string that boot rules look at; no network access. */
export interface MongoUriFacts {
  readonly srv: boolean;
  readonly tls: boolean;
}

const SCHEME = /^mongodb(\+srv)?:\/\/[^/?#]+/;

/** Returns the facts, or a problem description when the string is not a MongoDB URI. */
export function inspectMongoUri(uri: string): MongoUriFacts | string {
  const match = SCHEME.exec(uri);
  if (!match) return 'must start with mongodb:// or mongodb+srv:// followed by a host';
  const queryStart = uri.indexOf('?');
  const params = new URLSearchParams(queryStart === -1 ? '' : uri.slice(queryStart + 1));
  const srv = match[1] !== undefined;
  // mongodb+srv implies TLS unless explicitly switched off; plain mongodb:// needs it asked for.
  const flags = [params.get('tls'), params.get('ssl')].filter((v): v is string => v !== null);
  const tls = flags.length > 0 ? flags.every((v) => v === 'true') : srv;
  return { srv, tls };
}

/** Hides credentials so a URI can go into logs and error lines. */
export function redactMongoUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1***@');
}
