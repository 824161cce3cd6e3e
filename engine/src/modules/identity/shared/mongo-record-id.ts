import { Types } from 'mongoose';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** A path id as an ObjectId, or null for anything malformed (which then answers 404 too). */
export function parseRecordId(id: string): Types.ObjectId | null {
  return OBJECT_ID.test(id) ? new Types.ObjectId(id) : null;
}

/** The one document `Model.create([doc], { session })` returns (the array form joins a session). */
export function onlyCreated<T>(created: readonly T[]): T {
  const [first] = created;
  if (first === undefined) throw new Error('create returned no document');
  return first;
}
