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
}
