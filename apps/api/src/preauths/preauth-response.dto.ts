import { ApiProperty } from '@nestjs/swagger';
import {
  AUTHORIZATION_UNIT_TYPES,
  type AuthorizationUnitType,
  LEVEL_OF_CARE_CODES,
  type LevelOfCare,
  PREAUTH_STATUSES,
  PREAUTH_URGENCIES,
  type PreauthEventSource,
  type PreauthStatus,
  type PreauthUrgency,
  type ReviewReason,
} from '@continuum/domain';
import type { PayerEventStatus } from '@continuum/preauth';
import { PageDto } from '../http/page.dto';
import { DeliveryPatternDto, PreauthPatientDto } from './create-preauth.dto';

const REVIEW_REASONS: readonly ReviewReason[] = ['units_running_out', 'end_date_near'];
const EVENT_SOURCES: readonly PreauthEventSource[] = ['api', 'staff', 'worker', 'payer', 'sweep'];
const PAYER_EVENT_STATUSES: readonly PayerEventStatus[] = ['received', 'applied', 'ignored', 'refused', 'unmatched'];

/* Response schemas of the pre-auth routes. Instants are ISO 8601 UTC strings, dates YYYY-MM-DD. */

export class PreauthPayerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'bluepeak-health' })
  code!: string;

  @ApiProperty()
  name!: string;
}

export class AuthorizationDto {
  @ApiProperty({ type: String, nullable: true })
  authorizationNumber!: string | null;

  @ApiProperty()
  approvedUnits!: number;

  @ApiProperty({ enum: AUTHORIZATION_UNIT_TYPES })
  unitType!: AuthorizationUnitType;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  validFrom!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  validTo!: string | null;

  @ApiProperty({ description: 'Units recorded against the authorization (reversed entries do not count).' })
  usedUnits!: number;

  @ApiProperty()
  remainingUnits!: number;

  @ApiProperty({ description: 'Units used beyond the approved ones (recorded with `overAuthorization: true`).' })
  unitsOverAuthorization!: number;
}

export class StatusReasonDto {
  @ApiProperty({ type: String, nullable: true })
  code!: string | null;

  @ApiProperty({ type: String, nullable: true })
  text!: string | null;
}

/** A work-list row: no PHI. */
export class PreauthSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: PREAUTH_STATUSES })
  status!: PreauthStatus;

  @ApiProperty({ type: PreauthPayerDto })
  payer!: PreauthPayerDto;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty({ enum: LEVEL_OF_CARE_CODES })
  levelOfCare!: LevelOfCare;

  @ApiProperty({ enum: PREAUTH_URGENCIES })
  urgency!: PreauthUrgency;

  @ApiProperty()
  traceNumber!: string;

  @ApiProperty()
  requestedUnits!: number;

  @ApiProperty({ enum: AUTHORIZATION_UNIT_TYPES })
  unitType!: AuthorizationUnitType;

  @ApiProperty({ format: 'date' })
  requestedStartDate!: string;

  @ApiProperty({ format: 'date' })
  requestedEndDate!: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time' })
  decisionDueAt!: string;

  @ApiProperty()
  overdue!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  overdueSince!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty()
  needsReview!: boolean;

  @ApiProperty({ enum: REVIEW_REASONS, isArray: true })
  reviewReasons!: ReviewReason[];

  @ApiProperty({ type: AuthorizationDto, nullable: true })
  authorization!: AuthorizationDto | null;

  @ApiProperty({ type: StatusReasonDto, nullable: true })
  statusReason!: StatusReasonDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const PreauthPageDto = PageDto(PreauthSummaryDto);

export class ProviderRefDto {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  npi!: string;
}

export class ServiceLineDto {
  @ApiProperty()
  procedureCode!: string;

  @ApiProperty({ type: String, nullable: true })
  revenueCode!: string | null;

  @ApiProperty()
  units!: number;

  @ApiProperty({ enum: AUTHORIZATION_UNIT_TYPES })
  unitType!: AuthorizationUnitType;
}

export class SubmissionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['initial', 'extension', 'cancel'] })
  kind!: string;

  @ApiProperty()
  traceNumber!: string;

  @ApiProperty({ enum: ['pending', 'sent', 'rejected', 'failed', 'withdrawn'] })
  state!: string;

  @ApiProperty()
  requestedUnits!: number;

  @ApiProperty({ format: 'date' })
  periodStart!: string;

  @ApiProperty({ format: 'date' })
  periodEnd!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class UtilizationReversalDto {
  @ApiProperty({ format: 'date-time' })
  reversedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
}

export class UtilizationEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date' })
  serviceDate!: string;

  @ApiProperty()
  units!: number;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ description: 'Recorded beyond the approved units, confirmed by staff.' })
  overAuthorization!: boolean;

  @ApiProperty({ type: UtilizationReversalDto, nullable: true, description: 'Set when the entry was corrected.' })
  reversal!: UtilizationReversalDto | null;
}

export class PreauthEventDto {
  @ApiProperty()
  sequence!: number;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty()
  type!: string;

  @ApiProperty({ enum: PREAUTH_STATUSES, nullable: true })
  fromStatus!: PreauthStatus | null;

  @ApiProperty({ enum: PREAUTH_STATUSES })
  toStatus!: PreauthStatus;

  @ApiProperty({ enum: EVENT_SOURCES })
  source!: PreauthEventSource;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Facts of the event (ids, units, codes).' })
  details!: Record<string, string | number | boolean | null>;
}

/** The whole request, PHI included (reading it is audited). */
export class PreauthDetailDto extends PreauthSummaryDto {
  @ApiProperty({ type: PreauthPatientDto })
  patient!: PreauthPatientDto;

  @ApiProperty()
  memberId!: string;

  @ApiProperty({ type: [String] })
  diagnoses!: string[];

  @ApiProperty()
  clinicalSummary!: string;

  @ApiProperty({ type: ProviderRefDto })
  requestingProvider!: ProviderRefDto;

  @ApiProperty({ type: ProviderRefDto })
  servicingProvider!: ProviderRefDto;

  @ApiProperty({ type: [ServiceLineDto] })
  serviceLines!: ServiceLineDto[];

  @ApiProperty({ type: DeliveryPatternDto, nullable: true })
  deliveryPattern!: DeliveryPatternDto | null;

  @ApiProperty()
  placeOfService!: string;

  @ApiProperty({ type: String, nullable: true })
  payerReference!: string | null;

  @ApiProperty({ type: [SubmissionDto] })
  submissions!: SubmissionDto[];

  @ApiProperty({ type: [UtilizationEntryDto], description: 'Every entry, reversed ones included.' })
  utilization!: UtilizationEntryDto[];

  @ApiProperty({ type: [PreauthEventDto] })
  events!: PreauthEventDto[];
}

export class PayerEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  payerCode!: string;

  @ApiProperty()
  webhookId!: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time' })
  signedAt!: string;

  @ApiProperty({ enum: ['json', 'x12'] })
  mediaType!: 'json' | 'x12';

  @ApiProperty()
  eventType!: string;

  @ApiProperty()
  traceNumber!: string;

  @ApiProperty({ enum: PAYER_EVENT_STATUSES })
  status!: PayerEventStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  preauthId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  processedAt!: string | null;
}

export const PayerEventPageDto = PageDto(PayerEventDto);

export class TurnaroundRowDto {
  @ApiProperty({ type: PreauthPayerDto })
  payer!: PreauthPayerDto;

  @ApiProperty({ enum: PREAUTH_URGENCIES })
  urgency!: PreauthUrgency;

  @ApiProperty()
  requests!: number;

  @ApiProperty()
  decided!: number;

  @ApiProperty()
  approved!: number;

  @ApiProperty()
  partiallyApproved!: number;

  @ApiProperty()
  denied!: number;

  @ApiProperty()
  noAuthRequired!: number;

  @ApiProperty()
  approvedAfterExtension!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Percent of decided requests; null when none.' })
  approvedPercent!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  deniedPercent!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  approvedAfterExtensionPercent!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  averageDecisionHours!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  medianDecisionHours!: number | null;

  @ApiProperty()
  overdue!: number;
}

/** One page holding every row (never paginated: `nextCursor` is null), with the period it covers. */
export class TurnaroundReportDto extends PageDto(TurnaroundRowDto) {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;
}
