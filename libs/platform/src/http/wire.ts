/**
 * A read model as it goes out in JSON, for a response DTO to implement (`implements Wire<SomeView>`):
 * every `Date` becomes its RFC 3339 string, string and number literal unions widen to `string` and
 * `number` (a DTO may declare them as plain strings with `enum` in its `@ApiProperty`), the rest
 * keeps its shape. A field the view gains, loses, or makes nullable is then a compile error in the
 * DTO, not a silent gap in the OpenAPI document.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends string
    ? string
    : T extends number
      ? number
      : T extends boolean
        ? boolean
        : T extends readonly (infer U)[]
          ? Wire<U>[]
          : T extends object
            ? { [K in keyof T]: Wire<T[K]> }
            : T;
