import type { EmbeddedStore, EmbeddedStoreOptions } from './embedded-store.types';

/** A real mongod as a replica set of one (transactions need a replica set), via mongodb-memory-server. */
export async function startMongodReplSet(
  options: EmbeddedStoreOptions & { readonly log: (line: string) => void },
  binary: string,
): Promise<EmbeddedStore> {
  // Loaded lazily: only machines with a mongod binary pay for it.
  const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
  const replSet = await MongoMemoryReplSet.create({
    binary: { systemBinary: binary },
    replSet: { count: 1, storageEngine: 'wiredTiger' },
    instanceOpts: [{ dbPath: options.dataDir, port: options.port || undefined }],
  });
  const uri = replSet.getUri();
  options.log(`embedded store: mongod ${binary} as a one-member replica set at ${uri}`);
  return {
    uri,
    kind: 'mongod',
    async stop() {
      await replSet.stop({ doCleanup: !options.dataDir, force: false });
      options.log('embedded store: mongod stopped');
    },
  };
}
