/**
 * Character-code tests for the rubric's hand-written scans, which stand in for regular expressions the
 * profile showed (a match array or a copy per word). One definition each, shared by every scan.
 */

/** 0-9 */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A-Z or a-z */
export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** [A-Za-z0-9] */
export function isAsciiLetterOrDigit(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

/** a-z */
export function isLowerLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** a-z or 0-9: a letter or digit of ASCII-lowercased text. */
export function isLowerLetterOrDigit(c: number): boolean {
  return isLowerLetter(c) || isDigit(c);
}

/** \w: [A-Za-z0-9_] */
export function isWordCharacter(c: number): boolean {
  return isAsciiLetterOrDigit(c) || c === 95;
}

/** \s: JavaScript's white space and line terminators. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Where the white space that starts at `from` ends, not after `to` (`from` itself when there is none). */
export function spaceEnd(text: string, from: number, to = text.length): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Where the white space that ends at `to` starts, not before `from`. */
export function spaceStart(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}
