import { DemoAccountNames } from './demo-account-names';

/** Usernames in a list, for unit tests; answers as the Mongo adapter does. */
export class InMemoryDemoAccountNames extends DemoAccountNames {
  constructor(private readonly usernames: readonly string[] = []) {
    super();
  }

  firstWithPrefix(prefix: string): Promise<string | null> {
    return Promise.resolve(this.usernames.find((u) => u.startsWith(prefix)) ?? null);
  }
}
