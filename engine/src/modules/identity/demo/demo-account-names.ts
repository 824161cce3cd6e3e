/**
 * Whether any login account is a demo one. The accounts belong to the auth module, whose
 * `Accounts` port has no query by username prefix; this narrow port asks only that.
 */
export abstract class DemoAccountNames {
  /** The username of one account starting with `prefix`, or null when there is none. */
  abstract firstWithPrefix(prefix: string): Promise<string | null>;
}
