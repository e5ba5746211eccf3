/**
 * Passing a problem on is routing, not owning, unless the candidate took it back ("…a week later nothing had
 * happened, so I dug into the traces myself") or brought the fix with them ("I flagged it to their lead with
 * a ready-to-merge patch"). Shared by the rubric and the follow-up judge.
 */
export const TOOK_IT_BACK =
  /\b(?:myself|so i|then i|i then|instead i|i ended up|i decided to|i went ahead|i took it (?:back|on|over)|i took over|i would do|i'd do|i'?d own|i'?ll own|i (?:would|will) own|(?:i |and )?(?:offered|volunteered) to (?:own|take|drive|lead|fix|run|handle)|nothing (?:had )?happened|no response|never (?:replied|responded|heard back)|didn't respond|did not respond)\b/;

export const WITH_A_FIX =
  /\b(?:(?:came|went|showed up|approached (?:them|him|her|their [a-z]+)|flagged (?:it|the issue)(?: to [a-z' ]{1,30})?|raised it(?: (?:with|in|at|during) [a-z'\- ]{1,30})?|escalated it(?: to [a-z' ]{1,30})?|reached out)(?: for visibility)? (?:with|and brought|but brought) |brought (?:them |him |her )?)(?:a|my|the|two|three|some|several|both|clear|hard) (?:(?:complete|tested|working|ready|small|two-line|minimal|ready-to-merge|concrete|costed),? )*(?:fix|patch|pull request|pr|proposal|solution|plan|reproduction|alternatives?|options|data|analysis|evidence|recommendation)\b|ready-to-merge|handed (?:them|him|her) (?:a|my|the) (?:tested )?(?:patch|fix|pr|pull request)|bring them something|i drove it|followed up until|until it (?:merged|shipped|was fixed)/;
