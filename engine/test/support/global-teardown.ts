import './global-setup';

export default async function globalTeardown(): Promise<void> {
  await globalThis.sentinelEmbeddedStore?.stop();
  globalThis.sentinelEmbeddedStore = undefined;
}
