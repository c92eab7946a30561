/**
 * resource.Quantity as the API server decodes it (apimachinery pkg/api/resource/quantity.go):
 * the text must match `^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$` (ErrFormatWrong), its
 * number must parse (ErrNumeric) and its suffix be one of the known ones (ErrSuffix).
 */
import { parseQuantity, formatQuantity, cmpQuantity, type Quantity } from '../kubectl/quantity';

export const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);

/** The decode error for a quantity's JSON text (string contents or number literal), if any. */
export function quantityError(text: string): string | undefined {
  const s = text.trim();
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(s);
  if (!m) return ERR_FORMAT_WRONG;
  const num = m[1].replace(/^[+-]/, '');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(num)) return ERR_NUMERIC;
  const suf = m[2];
  if (!SUFFIXES.has(suf) && !/^[eE][-+]?\d+$/.test(suf)) return ERR_SUFFIX;
  return undefined;
}

/** Quantity.String() of a valid quantity, the form the API server stores and returns. */
export function canonicalQuantity(v: string | number): string {
  const q = parseQuantity(v);
  return q ? formatQuantity(q) : String(v);
}

export function parseQ(v: unknown): Quantity | undefined {
  return parseQuantity(v);
}

export { cmpQuantity };
