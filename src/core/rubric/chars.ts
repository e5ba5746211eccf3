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

/** a-z or 0-9: a letter or digit of ASCII-lowercased text. */
export function isLowerLetterOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || isDigit(c);
}

/** \w: [A-Za-z0-9_] */
export function isWordCharacter(c: number): boolean {
  return isAsciiLetterOrDigit(c) || c === 95;
}
