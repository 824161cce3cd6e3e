import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FileRecords } from './file-records';
import { FileReferences } from './file-references';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { FILE_RECORD_MODEL, fileRecordSchema, MongoFileRecords } from './mongo-file-records';
import { ScopedFileReferences } from './scoped-file-references';
import { fileStorageProvider } from './storage/file-storage.provider';
import { AuditModule } from '../audit';
import { InstitutionsModule } from '../institutions';

/**
 * Uploads (`POST /api/files`), scoped downloads (`GET /api/files/:id`) and `FileReferences`,
 * through which records bind the files they use. Bytes go to the FileStorage adapter named by
 * SENTINEL_FILE_STORAGE (GridFS by default, S3-compatible for object storage). Identity,
 * submissions and tasks import it for `FileReferences` (ADR 0015).
 */
@Module({
  imports: [
    InstitutionsModule,
    AuditModule,
    MongooseModule.forFeature([{ name: FILE_RECORD_MODEL, schema: fileRecordSchema }]),
  ],
  controllers: [FilesController],
  providers: [
    FilesService,
    fileStorageProvider,
    { provide: FileRecords, useClass: MongoFileRecords },
    { provide: FileReferences, useClass: ScopedFileReferences },
  ],
  exports: [FileReferences],
})
export class FilesModule {}
