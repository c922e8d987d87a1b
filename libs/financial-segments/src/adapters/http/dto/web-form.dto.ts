import { IsStorableText } from '@hub/platform';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class ProcessTokenParamsDto {
  @ApiProperty({ description: 'The process token (the credential of the page)' })
  @Matches(/^[A-Za-z0-9_-]{20,200}$/, { message: 'processToken is not a process token' })
  readonly processToken!: string;
}

export class UploadedFileDto {
  @ApiProperty({ example: 'statement-2026-10.csv' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @IsStorableText()
  readonly name!: string;

  @ApiProperty({ description: 'The text of the file (CSV, camt.053 XML or MT940), UTF-8' })
  @IsString()
  readonly content!: string;
}

export class WebFormCsrfDto {
  @ApiProperty({ description: "The page's CSRF token" })
  @IsString()
  @MaxLength(100)
  readonly csrf!: string;
}

export class WebFormFilesRequestDto extends WebFormCsrfDto {
  @ApiProperty({ type: [UploadedFileDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => UploadedFileDto)
  readonly files!: UploadedFileDto[];
}

export class WebFormConsentDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  @Equals(true, { message: 'consent must be given' })
  readonly accepted!: boolean;

  @ApiProperty({
    example: 'seg-import-consent-2026-12-01',
    description: 'The version of the text the user read',
  })
  @IsString()
  @MaxLength(100)
  readonly textVersion!: string;
}

export class WebFormConfirmRequestDto extends WebFormFilesRequestDto {
  @ApiProperty({ type: WebFormConsentDto })
  @ValidateNested()
  @Type(() => WebFormConsentDto)
  readonly consent!: WebFormConsentDto;
}

export class StatementProblemDto {
  @ApiProperty({ nullable: true, type: Number, example: 5 })
  readonly line!: number | null;

  @ApiProperty({ nullable: true, type: String, example: 'Stmt[1]/Ntry[2]/Amt' })
  readonly element!: string | null;

  @ApiProperty({ example: 'amount "1.234" is not a decimal like -150000 or 2500.50' })
  readonly message!: string;
}

export class StatementAccountSummaryDto {
  @ApiProperty({ example: 'Vietcombank' })
  readonly bankName!: string;

  @ApiProperty({ example: '0011004455667' })
  readonly accountNumber!: string;

  @ApiProperty({ example: 'VND' })
  readonly currency!: string;

  @ApiProperty({ example: '47800000' })
  readonly balance!: string;

  @ApiProperty({ example: 4, description: 'Transactions found' })
  readonly transactions!: number;

  @ApiProperty({ nullable: true, type: String, format: 'date' })
  readonly from!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date' })
  readonly to!: string | null;
}

export class StatementFileSummaryDto {
  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ enum: ['CSV', 'CAMT053', 'MT940'] })
  readonly format!: string;

  @ApiProperty({ type: [StatementAccountSummaryDto] })
  readonly accounts!: StatementAccountSummaryDto[];

  @ApiProperty({ type: [StatementProblemDto], description: 'Empty when the file can be imported' })
  readonly problems!: StatementProblemDto[];
}

export class WebFormPreviewResponseDto {
  @ApiProperty({ type: [StatementFileSummaryDto] })
  readonly files!: StatementFileSummaryDto[];
}

export class WebFormDoneResponseDto {
  @ApiProperty({ nullable: true, type: String, description: 'Where the page sends the browser next' })
  readonly redirectUrl!: string | null;
}
