import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, MaxLength } from 'class-validator';

/**
 * Self-registration: the form's values plus the account password. The password sits beside the
 * values, not in them, because the published form has no password field (a patient's form is
 * reused by clinics, which must never see one).
 */
export class PatientRegistrationDto {
  @ApiProperty({
    description: 'Values of the published patient-self-registration form',
    example: {
      patientName: '张三',
      idType: '01',
      idNumber: '441900199007101246',
      gender: '2',
      birthDate: '1990-07-10',
      phone: '13436353638',
      crowdCategory: '07',
    },
  })
  @IsObject()
  values!: Record<string, unknown>;

  @ApiProperty({
    example: 'Hblgzw135%',
    description: '8–16 characters, two of letters/digits/symbols',
  })
  @IsString()
  @MaxLength(64)
  password!: string;
}
