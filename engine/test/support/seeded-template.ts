import mongoose from 'mongoose';
import {
  jestWorker,
  openTestDatabase,
  TEST_RUN_VARIABLE,
  type TestDatabase,
} from './test-database';

/**
 * Variables that change nothing an app writes while it boots (no account is seeded in test mode,
 * and these only tune hashing cost, static files, logging and poll periods). A file that sets
 * only these gets its database cloned from the seeded template; any other variable (seeding off,
 * an Operaton runtime, field keys, ...) means a boot of its own, as before.
 */
const BOOT_NEUTRAL_VARIABLES: ReadonlySet<string> = new Set([
  'SENTINEL_PASSWORD_ITERATIONS',
  'SENTINEL_STATIC_ROOT',
  'LOG_LEVEL',
  'SENTINEL_WORKFLOW_POLL_MS',
  'SENTINEL_REGISTRY_POLL_MS',
  'SENTINEL_WORKFLOW_LOCK_MS',
]);

/** Written last into a finished template; never copied into a clone. */
const READY_MARKER = 'test_template_ready';
const TEMPLATE_PREFIX = 'tpl_';

/** From mongoose, like the app's GridFS storage: the workspace holds two copies of the driver. */
type Db = mongoose.mongo.Db;

/** Keeps the stored BSON types as they are (Int32 stays Int32, Long stays Long) on the way through. */
const EXACT_TYPES = { promoteValues: false, promoteLongs: false, promoteBuffers: false } as const;

/** True when `env` lets a file start from the seeded template instead of seeding itself. */
export function sharesSeededTemplate(env: Readonly<Record<string, string>>): boolean {
  return Object.keys(env).every((name) => BOOT_NEUTRAL_VARIABLES.has(name));
}

/** This run's template for this worker; its own store, or its own name on a shared MongoDB. */
function templateName(): string {
  return `${TEMPLATE_PREFIX}${process.env[TEST_RUN_VARIABLE] ?? 'run'}_w${jestWorker()}`;
}

/**
 * Fills `target` with a copy of the database an app leaves after its first boot with content
 * seeding on (regions, published forms and dictionaries, deployed workflows, their audit trail).
 * The template is built once per worker by `seed`, which boots an app on it and closes it;
 * a later boot on the copy is an ordinary restart on existing data, which seeds nothing.
 */
export async function cloneSeededTemplate(
  target: TestDatabase,
  seed: (template: TestDatabase) => Promise<void>,
): Promise<void> {
  const client = target.connection.getClient();
  const template = client.db(templateName());
  if (!(await isReady(template))) {
    const building = await openTestDatabase(templateName());
    try {
      await building.connection.dropDatabase(); // a half-built one from a crashed file
      await seed(building);
      await building.connection.collection(READY_MARKER).insertOne({ at: new Date() });
    } finally {
      await building.connection.close();
    }
  }
  await copyDatabase(template, client.db(target.name));
}

async function isReady(template: Db): Promise<boolean> {
  return (await template.collection(READY_MARKER).countDocuments()) > 0;
}

/** Collections with their options, secondary indexes and documents, in BSON as stored. */
async function copyDatabase(source: Db, target: Db): Promise<void> {
  const collections = await source.listCollections({}, { nameOnly: false }).toArray();
  for (const { name, options } of collections) {
    if (name === READY_MARKER || name.startsWith('system.')) continue;
    await target.createCollection(name, options);
    const indexes = await source.collection(name).listIndexes().toArray();
    const secondary = indexes
      .filter((index) => index['name'] !== '_id_')
      .map(({ v: _version, ns: _namespace, ...spec }) => spec);
    if (secondary.length > 0) {
      await target
        .collection(name)
        .createIndexes(secondary as unknown as mongoose.mongo.IndexDescription[]);
    }
    const documents = await source.collection(name).find({}, EXACT_TYPES).toArray();
    if (documents.length > 0) await target.collection(name).insertMany(documents);
  }
}

/** Drops this run's templates from a MongoDB that outlives the run (called by global teardown). */
export async function dropRunTemplates(storeUri: string): Promise<void> {
  const client = await mongoose.mongo.MongoClient.connect(storeUri);
  try {
    const prefix = `${TEMPLATE_PREFIX}${process.env[TEST_RUN_VARIABLE] ?? 'run'}_`;
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (name.startsWith(prefix)) await client.db(name).dropDatabase();
    }
  } finally {
    await client.close();
  }
}
