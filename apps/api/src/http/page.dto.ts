import type { Type } from '@nestjs/common';
import { type ApiResponseSchemaHost, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { Page } from '@continuum/common';

type SchemaObject = ApiResponseSchemaHost['schema'];

const pageDtos = new Map<Type<unknown>, Type<Page<unknown>>>();

/**
 * The OpenAPI schema of a list, `{ data: Item[], nextCursor }`, named after its item (`PreauthSummaryDto` →
 * `PreauthSummaryPageDto`). One class per item type, so each schema appears once in the document.
 */
export function PageDto<T>(item: Type<T>): Type<Page<T>> {
  const known = pageDtos.get(item);
  if (known !== undefined) return known as Type<Page<T>>;

  class ItemPageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    data!: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` for the next page; null on the last page (always null for unpaginated lists).',
    })
    nextCursor!: string | null;
  }
  Object.defineProperty(ItemPageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  pageDtos.set(item, ItemPageDto);
  return ItemPageDto;
}

/**
 * The schema of a list whose items take one of two shapes (whole records, or the public fields that
 * publishable keys see). Both item classes must be registered with `@ApiExtraModels`.
 */
export const listOfEither = (whole: Type<unknown>, partial: Type<unknown>): SchemaObject => ({
  type: 'object',
  required: ['data', 'nextCursor'],
  additionalProperties: false,
  properties: {
    data: { type: 'array', items: { oneOf: [{ $ref: getSchemaPath(whole) }, { $ref: getSchemaPath(partial) }] } },
    nextCursor: { type: 'string', nullable: true },
  },
});
