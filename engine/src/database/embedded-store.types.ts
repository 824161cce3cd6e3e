/** A MongoDB-speaking store started in-process for development and tests. */
export interface EmbeddedStore {
  /** mongodb:// URI (without database name) that mongoose can connect to. */
  readonly uri: string;
  /** Which implementation answered: a real mongod, or the mongomock wire-protocol bridge. */
  readonly kind: 'mongod' | 'mongomock-bridge';
  /** Stops the store; with a data directory, writes a final snapshot first. */
  stop(): Promise<void>;
}

export interface EmbeddedStoreOptions {
  /** Directory where the store keeps its data across restarts; omitted = in memory only. */
  readonly dataDir?: string;
  /** How often the bridge snapshots to dataDir while running (ms); default 30 000. */
  readonly snapshotIntervalMs?: number;
  /** Receives one human-readable line per notable event (start, fallback, snapshot). */
  readonly log?: (line: string) => void;
  /** TCP port on 127.0.0.1; default 0 = any free port. */
  readonly port?: number;
  /** Python interpreter for the bridge; default /usr/bin/python3 (Debian's, with mongomock), else python3. */
  readonly python?: string;
  /** Path of a mongod binary; default process.env.MONGOMS_SYSTEM_BINARY. When set, a real mongod is used. */
  readonly mongodBinary?: string;
}
