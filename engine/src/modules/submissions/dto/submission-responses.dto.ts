import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUBMISSION_STATUSES } from '../submission.types';

class IssueDto {
  @ApiProperty({ example: '/referralInstitution' }) readonly path!: string;
  @ApiProperty({ example: 'required' }) readonly code!: string;
  @ApiProperty({ example: { zh: '此项为必填项', en: 'This field is required' } })
  readonly message!: { zh: string; en: string };
}

class ActorDto {
  @ApiProperty() readonly userId!: string;
  @ApiProperty({ example: '演示医生' }) readonly displayName!: string;
}

class IntegrityDto {
  @ApiProperty({ example: '/values/phone' }) readonly path!: string;
  @ApiProperty({ example: 'tampered' }) readonly code!: string;
}

/** The answer to a create (201) or an update (200). */
export class SubmissionReceiptDto {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'patient-visit-report' }) readonly formKey!: string;
  @ApiProperty({ description: 'The version the values were validated on', example: 1 })
  readonly formVersion!: number;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) readonly status!: string;
  @ApiProperty({ example: { fever: true, ageYears: 26 } })
  readonly derived!: Record<string, unknown>;
  @ApiProperty({ type: [IssueDto] }) readonly warnings!: IssueDto[];
  @ApiProperty({ type: [IssueDto], description: 'Errors a draft or incomplete pre-fill kept' })
  readonly issues!: IssueDto[];
}

/** One report, personal values masked unless read with `unmask=true`. */
export class SubmissionViewDto extends SubmissionReceiptDto {
  @ApiProperty({ example: { patientName: '陈*', phone: '136****2323' } })
  readonly values!: Record<string, unknown>;
  @ApiProperty() readonly valid!: boolean;
  @ApiProperty({ example: { feverThreshold: 37.3 } }) readonly parameters!: Record<string, unknown>;
  @ApiProperty({ type: ActorDto }) readonly reporter!: ActorDto;
  @ApiPropertyOptional({ type: ActorDto, nullable: true }) readonly prefilledBy!: ActorDto | null;
  @ApiProperty() readonly institutionId!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) readonly reportedAt!: string | null;
  @ApiProperty({ description: 'False only for an unmasked, audited read' })
  readonly masked!: boolean;
  @ApiProperty({
    type: [IntegrityDto],
    description: 'Values that failed decryption (answered null)',
  })
  readonly integrity!: IntegrityDto[];
}

export class SubmissionListDto {
  @ApiProperty({ type: [SubmissionViewDto] }) readonly items!: SubmissionViewDto[];
  @ApiProperty() readonly total!: number;
  @ApiProperty() readonly page!: number;
  @ApiProperty() readonly pageSize!: number;
}

class PatientMatchDto {
  @ApiProperty() readonly formKey!: string;
  @ApiProperty({ example: { patientName: '陈*', idNumber: '3624**********0026', gender: '2' } })
  readonly patient!: Record<string, unknown>;
  @ApiProperty() readonly latestSubmissionId!: string;
  @ApiProperty({ format: 'date-time' }) readonly lastReportedAt!: string;
  @ApiProperty({ type: [String] }) readonly submissionIds!: string[];
  @ApiProperty({ type: [IntegrityDto] }) readonly integrity!: IntegrityDto[];
}

export class PatientSearchDto {
  @ApiProperty({ type: [PatientMatchDto] }) readonly items!: PatientMatchDto[];
}
