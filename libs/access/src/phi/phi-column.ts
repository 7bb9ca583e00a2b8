import { Column, type ValueTransformer } from 'typeorm';
import { activePhiProtection } from './phi-protection';

/**
 * Encrypts a PHI column on write and decrypts it on read. `context` names the value's place
 * (`preauth_requests.patient_name`) and is bound into the ciphertext, so a value copied into another
 * column fails loudly instead of being read as that column's value.
 *
 * Encrypted values cannot be searched: find rows through a blind index column instead.
 */
export class PhiColumnTransformer implements ValueTransformer {
  constructor(readonly context: string) {}

  to(value: string | null | undefined): string | null | undefined {
    return typeof value === 'string' ? activePhiProtection().cipher.encrypt(value, this.context) : value;
  }

  from(stored: string | null): string | null {
    return stored === null ? null : activePhiProtection().cipher.decrypt(stored, this.context);
  }
}

/** A `text` column holding one encrypted PHI value. */
export function PhiColumn(context: string, options: { name?: string; nullable?: boolean } = {}): PropertyDecorator {
  return Column({
    type: 'text',
    name: options.name,
    nullable: options.nullable ?? false,
    transformer: new PhiColumnTransformer(context),
  });
}
