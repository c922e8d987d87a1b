import { domainError, validationFailed, type ValidationError } from '@hub/shared-kernel';
import { PlatformErrors } from '../errors/platform.errors';

/** Deepest nesting of arrays and objects a JSON body may have. Real bodies are under 6 deep. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when the JSON text nests arrays/objects deeper than `max`. One pass over the characters,
 * no recursion and no parsing: it runs before the parser, so a body of 5,000 nested arrays never
 * reaches code that walks it recursively (the validation pipe, the idempotency canonicaliser).
 * Brackets inside strings do not count. Malformed text is left to the parser to refuse.
 */
export function jsonDepthExceeds(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

export function jsonTooDeep(max: number = MAX_JSON_DEPTH): ValidationError {
  return domainError(
    PlatformErrors.JSON_TOO_DEEP,
    [{ field: '(body)', issues: ['maxDepth'], maxDepth: max }],
    { params: { max } },
  );
}

/**
 * The path of the first array found directly inside another array (`accounts[0]`), or null. No
 * request body of the hub nests an array in an array, and class-validator's `ValidateNested`
 * walks into such an array instead of refusing it, so the body is refused here, after parsing
 * (depth is bounded by then; the walk uses its own stack, no recursion).
 */
export function arrayInArray(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        const item: unknown = current[i];
        if (Array.isArray(item)) return `${path}[${i}]`;
        if (item !== null && typeof item === 'object') stack.push({ value: item, path: `${path}[${i}]` });
      }
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (item !== null && typeof item === 'object')
          stack.push({ value: item, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return null;
}

export const arrayInArrayRefused = (field: string) =>
  validationFailed([
    { field, issues: ['notNestedArray'], message: `${field} must be an object, not an array` },
  ]);
