/** Element ids the keyboard flow moves focus to (R focuses the rationale; each submit returns to the pair). */
export const PAIR_ID = "annotate-pair";
export const RATIONALE_ID = "annotate-rationale";
/** The control of one attribute question (a refused submit focuses the first unanswered one). */
export const attributeId = (key: string) => `annotate-attribute-${key}`;
