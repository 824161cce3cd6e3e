import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '../submission.types';

/**
 * `POST /api/forms/:key/submissions`, for the OpenAPI document. The body is checked by
 * `parseCreateBody` (same 400 shape as the global ValidationPipe, without copying the values).
 */
export class CreateSubmissionDto {
  @ApiPropertyOptional({
    description: 'The form version the client filled; absent = the version in force now',
    example: 1,
    minimum: 1,
  })
  readonly formVersion?: number;

  @ApiPropertyOptional({
    enum: SUBMISSION_STATUSES,
    description: 'Staff: reported (default), draft or pending; patients: pending only',
  })
  readonly status?: SubmissionStatus;

  @ApiPropertyOptional({
    description: 'Patients pre-filling: the clinic the report is for; staff: their own or absent',
  })
  readonly institutionId?: string;

  @ApiProperty({
    description: 'The submission: one property per field key (see the form’s golden cases)',
    example: { patientName: '陈琛', temperature: 37.2 },
  })
  readonly values!: Record<string, unknown>;
}

/** `PATCH /api/submissions/:id`: changes merged over the stored values (see `parseUpdateBody`). */
export class UpdateSubmissionDto {
  @ApiPropertyOptional({
    enum: SUBMISSION_STATUSES,
    description:
      'New status (draft → draft/pending/reported, pending → pending/reported); absent = unchanged',
  })
  readonly status?: SubmissionStatus;

  @ApiPropertyOptional({
    description: 'Values to set, merged over the stored ones; null clears a value',
    example: { temperature: 38.5 },
  })
  readonly values?: Record<string, unknown>;
}
