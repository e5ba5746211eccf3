/** Irregular past forms that name an action ("I wrote", "I ran"); regular ones end in -ed. */
export const IRREGULAR_PAST: ReadonlySet<string> = new Set(
  'wrote built ran set made took led put cut found rewrote spent began chose drew dug kept met read sought split taught brought caught gave went shipped paired won sent told held broke drove sold spoke threw rebuilt dove redid stood bought fought flew shut struck swept overrode understood undertook withdrew'.split(
    ' ',
  ),
);

/** Words after "I" that are not actions the interviewer can credit (states, beliefs, modals, hedges). */
export const NOT_ACTIONS: ReadonlySet<string> = new Set(
  'was were am had have think thought felt feel noticed saw guess guessed assumed hope hoped believe believed wanted needed knew realized realised learned learnt would could should will can did do does might may must really also just then always never still mean meant liked loved enjoyed got didn don wasn couldn wouldn shouldn haven hadn isn aren won figured suppose kind sort honestly probably waited tried trusted let'.split(
    ' ',
  ),
);
