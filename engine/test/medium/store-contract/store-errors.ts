/** What the store-contract tests read from a failed write; the driver's error has more. */
export interface MongoLikeError {
  code?: number;
  keyValue?: Record<string, unknown>;
  message: string;
}

/** The error an action fails with; a test that expected a failure fails when there is none. */
export async function errorOf(action: () => Promise<unknown>): Promise<MongoLikeError> {
  try {
    await action();
  } catch (error) {
    return error as MongoLikeError;
  }
  throw new Error('expected the action to fail');
}
