import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MongoOutboxReader, MongoOutboxWriter } from './mongo-outbox';
import { OutboxReader } from './outbox-reader';
import { OutboxWriter } from './outbox-writer';
import { OUTBOX_MODEL, outboxSchema } from './outbox.schema';

/**
 * The `outbox` collection: the submissions module appends with OutboxWriter inside its unit of
 * work, the workflow processes consume with OutboxReader (and dead-letter by dead-letter-policy).
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: OUTBOX_MODEL, schema: outboxSchema }])],
  providers: [
    { provide: OutboxReader, useClass: MongoOutboxReader },
    { provide: OutboxWriter, useClass: MongoOutboxWriter },
  ],
  exports: [OutboxReader, OutboxWriter],
})
export class OutboxModule {}
