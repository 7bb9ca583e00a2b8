export interface GfeProviderItem {
  description: string;
  /** HCPCS or CPT code. */
  serviceCode: string;
  revenueCode?: string | null;
  units: number;
  /** How the units are delivered, in words: "3 days a week for 12 weeks". */
  frequency?: string | null;
  unitChargeCents: number;
}

export interface GfeProvider {
  name: string;
  npi: string;
  tin: string;
  location: { line1: string; city: string; state: string; postalCode: string };
  items: GfeProviderItem[];
}

export interface GoodFaithEstimateInput {
  patient: { name: string; dateOfBirth: string };
  primaryService: { description: string; serviceCode: string };
  /** When the primary service is scheduled (YYYY-MM-DD); absent when the estimate is only requested. */
  scheduledDate?: string | null;
  diagnosisCodes: string[];
  providers: GfeProvider[];
  separatelyScheduledServices?: { description: string; note?: string | null }[];
}

export interface PricedGfeProvider extends Omit<GfeProvider, 'items'> {
  items: (GfeProviderItem & { expectedChargeCents: number })[];
  totalCents: number;
}

export interface GoodFaithEstimateVersionView extends Omit<GoodFaithEstimateInput, 'providers'> {
  version: number;
  createdAt: Date;
  /** When scheduled or requested (the day this version was made, in UTC). */
  issuedOn: string;
  dueDate: string | null;
  dueRule: string;
  providers: PricedGfeProvider[];
  totalCents: number;
  disclaimers: readonly string[];
}

export interface GoodFaithEstimateView {
  id: string;
  current: GoodFaithEstimateVersionView;
  versions: { version: number; createdAt: Date; totalCents: number }[];
}
